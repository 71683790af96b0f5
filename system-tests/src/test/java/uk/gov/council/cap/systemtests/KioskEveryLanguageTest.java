package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.Role;

/**
 * Every kiosk screen a resident meets, in every language the kiosk ships and at every text size, in
 * landscape and in portrait: axe finds no WCAG 2.2 A/AA violation, every target is at least 44 px,
 * in portrait every action is in the lower half, and after each resident the kiosk is back in
 * English at the standard size. Screenshots of each language's screens are kept in
 * target/screenshots/languages for reviewers (and native speakers) to look at.
 */
class KioskEveryLanguageTest extends BrowserTest {
  private static final List<String> LANGUAGES = List.of("en", "cy", "pl", "ro", "ur", "pa", "bn");
  private static final List<String> SIZES = List.of("standard", "large", "largest");

  @Test
  void everyScreenBeforeTheCallInEveryLanguageAndTextSizeInLandscape() {
    walkEveryLanguageAndSize(1920, 1080, "landscape", false);
  }

  @Test
  void everyScreenBeforeTheCallInEveryLanguageAndTextSizeInPortrait() {
    walkEveryLanguageAndSize(1080, 1920, "portrait", true);
  }

  private static void walkEveryLanguageAndSize(
      int width, int height, String orientation, boolean portrait) {
    try (RunningSystem system = withEnquiryChoice(new RunningSystem(true));
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext window = chromium.newWindow(width, height)) {
      // An advisor is signed in (not yet available), so a resident waits in the queue rather than
      // being told nobody is there.
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Page kiosk = window.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(kiosk.locator("#talk")).isEnabled();
      for (String language : LANGUAGES) {
        for (String size : SIZES) {
          walkToTheQueueAndBack(kiosk, language, size, orientation, portrait);
        }
      }
    }
  }

  @Test
  void theClosedScreenInEveryLanguageAndTextSize() {
    try (RunningSystem system = withEnquiryChoice(new RunningSystem(false));
        BrowserContext window = chromium.newWindow(1080, 1920)) {
      Page kiosk = window.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(kiosk.locator("#talk")).isEnabled();
      for (String language : LANGUAGES) {
        for (String size : SIZES) {
          String where = language + "-" + size + "-portrait";
          choose(kiosk, language, size);
          kiosk.locator("#talk").click();
          kiosk.locator("#theme-buttons button").first().click();
          kiosk.locator("#privacy-continue").click();
          assertThat(kiosk.locator("#screen-unavailable")).isVisible();
          assertThat(kiosk.locator("#unavailable-next")).not().isEmpty();
          check(kiosk, where, "closed", true);
          kiosk.locator("#unavailable-back").click();
          assertBackToTheStart(kiosk);
        }
      }
    }
  }

  /**
   * One call per language, in portrait at the largest text size with high contrast (the hardest
   * layout): the call screen, the End call question and the end screen with the case reference.
   */
  @Test
  void theCallAndItsEndInEveryLanguageAtTheLargestSizeInPortrait() {
    try (RunningSystem system = withEnquiryChoice(new RunningSystem(true));
        BrowserContext kioskWindow = chromium.newWindow(1080, 1920)) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(kiosk.locator("#talk")).isEnabled();
      for (String language : LANGUAGES) {
        // A fresh advisor for each resident: the one before is still finishing the last call.
        String username = "advisor-" + language;
        system
            .server()
            .repositories()
            .staff()
            .create(
                username,
                "Advisor " + language,
                Role.ADVISOR,
                Set.of("general"),
                RunningSystem.PASSWORD);
        try (BrowserContext consoleWindow = chromium.newWindow()) {
          Page console = consoleWindow.newPage();
          Pages.signIn(console, system.consoleUrl(), username, RunningSystem.PASSWORD);
          Pages.setStatus(console, "Available");
          String where = language + "-largest-contrast-portrait";
          choose(kiosk, language, "largest");
          kiosk.locator("#contrast").click();
          kiosk.locator("#talk").click();
          kiosk.locator("#theme-buttons button").first().click();
          kiosk.locator("#privacy-continue").click();
          button(console, "Accept call").click();
          assertThat(kiosk.locator("#screen-call")).isVisible();
          assertThat(kiosk.locator("#end-call")).isVisible();
          check(kiosk, where, "call", true);

          kiosk.locator("#end-call").click();
          assertThat(kiosk.locator("#end-yes")).isVisible();
          check(kiosk, where, "end-call-question", true);
          kiosk.locator("#end-yes").click();

          assertThat(kiosk.locator("#screen-ended")).isVisible();
          assertThat(kiosk.locator("#ended-reference")).not().isEmpty();
          check(kiosk, where, "ended", true);
          kiosk.locator("#finish").click();
          assertBackToTheStart(kiosk);
        }
      }
    }
  }

  /**
   * The site asks what the enquiry is about, so the tour meets that screen too; kiosk-app starts
   * again to be told (the server says a site's choices when a kiosk connects).
   */
  private static RunningSystem withEnquiryChoice(RunningSystem system) {
    SiteRepository sites = system.server().repositories().sites();
    Site site = sites.all().get(0);
    sites.update(
        new Site(
            site.id(),
            site.name(),
            site.phone(),
            site.timeZone(),
            site.openingHours(),
            site.themes(),
            List.of("general"),
            site.idleTimeoutSeconds(),
            site.address()));
    system.stopKioskApp();
    system.startKioskAppAgain();
    return system;
  }

  private static void walkToTheQueueAndBack(
      Page kiosk, String language, String size, String orientation, boolean portrait) {
    String where = language + "-" + size + "-" + orientation;
    choose(kiosk, language, size);
    check(kiosk, where, "attract", portrait);

    kiosk.locator("#talk").click();
    assertThat(kiosk.locator("#screen-themes")).isVisible();
    check(kiosk, where, "themes", portrait);

    kiosk.locator("#theme-buttons button").first().click();
    assertThat(kiosk.locator("#screen-privacy")).isVisible();
    check(kiosk, where, "camera-notice", portrait);

    kiosk.locator("#privacy-continue").click();
    assertThat(kiosk.locator("#screen-connecting")).isVisible();
    assertThat(kiosk.locator("#queue-wait")).not().isEmpty();
    check(kiosk, where, "connecting", portrait);

    kiosk.locator("#cancel").click();
    assertBackToTheStart(kiosk);
  }

  /** The resident's choices, made as a resident makes them: on the screen, with their finger. */
  private static void choose(Page kiosk, String language, String size) {
    if (!language.equals("en")) {
      kiosk.locator("#attract-languages [data-language=" + language + "]").click();
      assertThat(kiosk.locator("html")).hasAttribute("lang", language);
    }
    while (!size.equals(kiosk.locator("html").getAttribute("data-text-size"))) {
      String before = kiosk.locator("html").getAttribute("data-text-size");
      kiosk.locator("#text-size").click();
      assertThat(kiosk.locator("html"))
          .not()
          .hasAttribute("data-text-size", before == null ? "" : before);
    }
  }

  private static void check(Page kiosk, String where, String screen, boolean portrait) {
    Axe.assertNoViolations(kiosk, screen + " (" + where + ")");
    Pages.assertTouchTargetsAreAtLeast44px(kiosk);
    if (portrait) {
      KioskLookAndReachTest.assertActionsInTheLowerHalf(kiosk, screen + " (" + where + ")");
    }
    if (where.contains("standard") || where.contains("largest")) {
      KioskLookAndReachTest.screenshot(kiosk, "languages/" + where + "-" + screen);
    }
  }

  /** The next resident sees the ordinary kiosk: English, left to right, standard size. */
  private static void assertBackToTheStart(Page kiosk) {
    assertThat(kiosk.locator("#screen-attract")).isVisible();
    assertThat(kiosk.locator("html")).hasAttribute("lang", "en");
    assertThat(kiosk.locator("html")).hasAttribute("dir", "ltr");
    assertThat(kiosk.locator("html")).hasAttribute("data-text-size", "standard");
  }
}
