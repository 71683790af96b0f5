package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resident takes something away: as the call ends the kiosk shows the case's own reference,
 * what was done and what happens next, and stays until they are done; "Print this" sends the
 * summary to the kiosk's (simulated) printer, and the printed PDF carries the reference. "Finish"
 * starts again for the next resident.
 */
class SummaryEndToEndTest extends BrowserTest {
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system = new RunningSystem(true);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void theEndScreenShowsTheCaseReferenceAndPrintsIt() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();
      Pages.endCallOnKiosk(kiosk);

      assertThat(kiosk.locator("#ended-title")).hasText("Your call has ended. Thank you.");
      String reference = system.server().repositories().cases().recent(1).get(0).reference();
      assertThat(kiosk.locator("#ended-reference")).hasText(reference);
      assertThat(kiosk.locator("#ended-done")).hasText("You talked to an advisor.");
      assertThat(kiosk.locator("#ended-next"))
          .hasText("The council will contact you if they need anything else.");
      // No mail relay in this system: the kiosk does not offer email.
      assertThat(button(kiosk, "Email it to me")).isHidden();
      Axe.assertNoViolations(kiosk, "kiosk end screen with the summary");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      button(kiosk, "Print this").click();
      assertThat(kiosk.locator("#ended-status"))
          .hasText("Your summary has printed. Please take it from the printer.");
      Path job;
      try (var files = Files.list(system.printedFolder())) {
        List<Path> a4 = files.filter(f -> f.getFileName().toString().contains("-A4-")).toList();
        assertThat(a4).hasSize(1);
        job = a4.get(0);
      }
      try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(job))) {
        assertThat(new PDFTextStripper().getText(pdf))
            .contains("Your case reference", reference, "What happens next");
      }
      Axe.assertNoViolations(kiosk, "kiosk end screen after printing");

      // The screen waits for the resident (no snap back); "Finish" starts again, forgetting them.
      assertThat(kiosk.locator("#ended-reference")).isVisible();
      button(kiosk, "Finish").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      assertThat(kiosk.locator("#ended-reference")).hasText("");

      button(console, "Resolved at first contact").click();
      assertThat(console.getByText("Outcome saved.")).isVisible();
    }
  }
}
