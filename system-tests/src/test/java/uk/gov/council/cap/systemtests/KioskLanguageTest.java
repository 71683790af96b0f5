package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A resident reads the kiosk in their own language (issue 16): chosen on the attract screen, right
 * to left for Urdu, shown to the advisor, and English again for the next resident.
 */
class KioskLanguageTest extends BrowserTest {
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system = new RunningSystem(true);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private static void heading(Page page, String name) {
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name)))
        .isVisible();
  }

  @Test
  void aPolishResidentReadsPolishTheAdvisorSeesItAndTheNextResidentSeesEnglish() {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isEnabled();

      kiosk.locator("#attract-languages [lang=pl]").click();

      assertThat(kiosk.locator("html")).hasAttribute("lang", "pl");
      assertThat(kiosk.locator("html")).hasAttribute("dir", "ltr");
      assertThat(button(kiosk, "Porozmawiaj z doradcą")).isVisible();
      assertThat(kiosk.locator("#welcome")).containsText("Witamy");
      Axe.assertNoViolations(kiosk, "kiosk attract screen in Polish");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      button(kiosk, "Porozmawiaj z doradcą").click();
      // The camera notice, in Polish too, before the call is asked for.
      assertThat(kiosk.locator("#screen-privacy h1")).hasText("To jest połączenie wideo");
      kiosk.locator("#privacy-continue").click();
      heading(kiosk, "Łączymy Cię z doradcą");
      assertThat(kiosk.locator("#queue-position")).containsText("w kolejce");
      Axe.assertNoViolations(kiosk, "kiosk connecting screen in Polish");

      Pages.setStatus(console, "Available");
      assertThat(console.locator("#offer-text")).containsText("Language: Polski (Polish)");
      button(console, "Accept call").click();
      assertThat(console.locator("#call-language")).hasText("Language: Polski (Polish)");
      assertThat(button(kiosk, "Zakończ rozmowę")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk in a call in Polish");

      button(kiosk, "Zakończ rozmowę").click();
      kiosk.locator("#end-yes").click();
      heading(kiosk, "Rozmowa się zakończyła. Dziękujemy.");
      kiosk.locator("#finish").click();

      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      assertThat(kiosk.locator("html")).hasAttribute("lang", "en");
      assertThat(kiosk.locator("html")).hasAttribute("dir", "ltr");
      heading(kiosk, "Welcome to " + "Ampthill Library");
    }
  }

  @Test
  void urduReadsRightToLeftFromTheLanguageButtonOnAnyScreenAndStaysAccessible() {
    try (BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isEnabled();

      kiosk.locator("#language").click();
      assertThat(kiosk.locator("#language-panel")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk language panel open");
      kiosk.locator("#language-panel [lang=ur]").click();

      assertThat(kiosk.locator("html")).hasAttribute("lang", "ur");
      assertThat(kiosk.locator("html")).hasAttribute("dir", "rtl");
      assertThat(kiosk.locator("#language-panel")).isHidden();
      assertThat(button(kiosk, "مشیر سے بات کریں")).isVisible();
      assertThat(kiosk.locator("#language")).containsText("زبان");
      Axe.assertNoViolations(kiosk, "kiosk attract screen in Urdu");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      // The next resident: the kiosk goes back to the start by itself after a visit.
      kiosk.evaluate("() => document.getElementById('themes-back').click()");
      assertThat(kiosk.locator("html")).hasAttribute("dir", "ltr");
      assertThat(kiosk.locator("html")).hasAttribute("lang", "en");
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
    }
  }

  @Test
  void theKioskListsItsLanguagesEachNamedInItself() {
    try (BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(kiosk.locator("#attract-languages button"))
          .hasText(
              new String[] {"English", "Cymraeg", "Polski", "Română", "اردو", "ਪੰਜਾਬੀ", "বাংলা"});
      assertThat(kiosk.locator("#attract-languages [lang=en]"))
          .hasAttribute("aria-pressed", "true");
    }
  }
}
