package uk.gov.council.cap.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Chromium per test class; each test opens its own windows (fresh profiles) in it. */
abstract class BrowserTest {
    static Chromium chromium;

    @BeforeAll
    static void startChromium() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stopChromium() {
        chromium.close();
    }
}
