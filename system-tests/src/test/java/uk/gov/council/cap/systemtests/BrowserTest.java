package uk.gov.council.cap.systemtests;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Chromium per test class; each test opens its own windows (fresh profiles) in it. */
abstract class BrowserTest {
  static Chromium chromium;

  @BeforeAll
  static void startChromium() {
    // Playwright's assertions wait for what the page shows, up to a limit (5 s unless told). The
    // limit is only
    // reached when a test fails; a passing test goes on as soon as the page is right. On a loaded
    // CI machine
    // (a browser with fake video, a server and a kiosk on two cores) 5 s is too tight, so allow
    // more.
    PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    chromium = new Chromium();
  }

  @AfterAll
  static void stopChromium() {
    chromium.close();
  }
}
