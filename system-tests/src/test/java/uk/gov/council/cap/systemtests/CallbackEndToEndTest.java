package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;

/**
 * A resident at a closed kiosk on Monday asks for a call back for Tuesday morning, one question a
 * page; the next morning (the server's clock moved on, no waiting) the advisor finds it due on the
 * Call backs page, opens it (the number shows only then), takes it, and records that it was
 * resolved, which the case's history then shows.
 */
class CallbackEndToEndTest extends BrowserTest {
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    // Closed on Mondays (the server's clock starts on a Monday morning), open Tuesday to Friday.
    system = new RunningSystem(false);
    SiteRepository sites = system.server().repositories().sites();
    Site s = sites.all().get(0);
    sites.update(
        new Site(
            s.id(),
            s.name(),
            s.phone(),
            s.timeZone(),
            OpeningHours.parse("Tue-Fri 09:00-17:00"),
            s.themes(),
            s.enquiryThemes(),
            s.idleTimeoutSeconds(),
            s.address()));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aCallBackAskedForAtAClosedKioskIsDoneTheNextMorningAndItsResultIsOnTheCase() {
    try (BrowserContext kioskWindow = chromium.newWindow();
        BrowserContext consoleWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);
      assertThat(heading(kiosk, "We are closed at the moment")).isVisible();
      button(kiosk, "Ask for a call back").click();

      assertThat(kiosk.getByLabel("What is your name?")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk call back: name");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      kiosk.getByLabel("What is your name?").fill("Mary Jones");
      button(kiosk, "Continue").click();

      // The number on the number pad, key by key, as a resident would.
      Locator phone = kiosk.getByLabel("What number should we call?");
      assertThat(phone).isVisible();
      for (char c : "07700900123".toCharArray()) {
        button(kiosk, String.valueOf(c)).click();
      }
      assertThat(phone).hasValue("07700900123");
      Axe.assertNoViolations(kiosk, "kiosk call back: phone number pad");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "Continue").click();

      assertThat(heading(kiosk, "When should we call you?")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk call back: time");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "Tomorrow morning, 09:00 to 12:00").click();

      assertThat(heading(kiosk, "Check your answers")).isVisible();
      assertThat(kiosk.locator("#screen-callback")).containsText("Mary Jones");
      Axe.assertNoViolations(kiosk, "kiosk call back: check answers");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "Ask for the call back").click();

      assertThat(heading(kiosk, "We will call you")).isVisible();
      assertThat(kiosk.locator("#callback-reference"))
          .hasText(Pattern.compile("CB-[0-9A-Z]{4}-[0-9A-Z]{4}"));
      String reference = kiosk.locator("#callback-reference").innerText();
      assertThat(kiosk.locator("#screen-callback"))
          .containsText("We will call you on 07700 900123, Tomorrow morning, 09:00 to 12:00.");
      Axe.assertNoViolations(kiosk, "kiosk call back: booked");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "Finish").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      // Nothing of the resident is left on the page for the next one.
      assertThat(kiosk.locator("body")).not().containsText("Mary Jones");
      assertThat(kiosk.locator("body")).not().containsText(reference);

      // The next morning.
      system.advanceClock(Duration.ofHours(23));
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      assertThat(console.locator("#callbacks-count")).containsText("1 due");
      console
          .getByRole(
              AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Call backs")))
          .click();
      assertThat(heading(console, "Due now")).isVisible();
      Locator row =
          console
              .locator("#callback-rows tr")
              .filter(new Locator.FilterOptions().setHasText("Mary Jones"));
      assertThat(row).containsText("Tuesday 24 November, morning, 09:00 to 12:00");
      assertThat(row).not().containsText("900123");
      Axe.assertNoViolations(console, "console call backs: due now");

      button(console, "Open the call back for Mary Jones").click();
      assertThat(heading(console, "Call back " + reference)).isFocused();
      assertThat(console.locator("#panel-details")).containsText("07700 900123");
      Axe.assertNoViolations(console, "console call backs: one opened");
      String caseLink =
          console.locator("#panel-details a[href^='/case.html']").getAttribute("href");
      button(console, "Take this call back").click();
      assertThat(console.locator("#panel-details")).containsText("Alex Advisor");
      console.getByLabel("Called and resolved").check();
      console.getByLabel("Notes").fill("Told her how to join the housing register.");
      Axe.assertNoViolations(console, "console call backs: taken, result form");
      button(console, "Save result").click();
      assertThat(console.locator("#done-text"))
          .containsText("Call back " + reference + ": Called and resolved.");
      Axe.assertNoViolations(console, "console call backs: result saved");

      console.navigate(system.consoleUrl() + "/callbacks.html?view=mine");
      assertThat(console.locator("#list-status"))
          .hasText("There are no call backs assigned to you.");
      console.navigate(system.consoleUrl() + caseLink);
      assertThat(console.locator("main"))
          .containsText(
              "Call back "
                  + reference
                  + ": Called and resolved. Notes: Told her how to join the"
                  + " housing register.");
    }
  }

  private static Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
