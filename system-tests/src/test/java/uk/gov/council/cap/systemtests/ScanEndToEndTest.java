package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.PdfAConformance;

/**
 * Scanning as people use it, with the demo's simulated scanner in kiosk-app: the advisor asks for a proof of
 * address from the feeder, the resident follows the kiosk's instructions, the pages arrive at full resolution on the
 * console, the advisor turns one and keeps the document, and the case holds a two-page PDF/A.
 */
class ScanEndToEndTest extends BrowserTest {
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
  void aTwoPageProofOfAddressIsScannedAtTheKioskCheckedByTheAdvisorAndKeptOnTheCase() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow(); BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);

      console.getByLabel("Proof of address").check();
      console.getByLabel("In the feeder (several pages)").check();
      button(console, "Scan document").click();

      assertThat(heading(kiosk, "Put your pages in the scanner tray")).isVisible();
      assertThat(kiosk.getByText("Simulated scanner: this is a demonstration. Example pages are made; no paper is needed.")).isVisible();
      assertThat(button(kiosk, "End call")).isInViewport();
      Axe.assertNoViolations(kiosk, "kiosk scan instructions");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      assertThat(console.locator("#scan-status")).containsText("Waiting for the kiosk");
      button(kiosk, "Scan my document").click();

      assertThat(heading(kiosk, "Your document has been scanned")).isVisible();
      assertThat(console.locator("#scan-status")).containsText("Scanned: check the pages");
      assertThat(console.locator("#scan-status")).containsText("2 pages");
      Locator firstPage = console.locator("#scan-page-1 img");
      assertThat(firstPage).isVisible();
      Object naturalWidth = console.evaluate("() => document.querySelector('#scan-page-1 img').naturalWidth");
      assertThat(((Number) naturalWidth).intValue()).isEqualTo(2480); // A4 at 300 dpi: the advisor sees full resolution
      Axe.assertNoViolations(console, "console with scanned pages");

      button(console, "Turn page 2").click();
      assertThat(console.locator("#scan-page-2 img")).hasAttribute("style", java.util.regex.Pattern.compile("rotate\\(90deg\\)"));
      button(console, "Keep this document").click();
      assertThat(console.getByText(java.util.regex.Pattern.compile("Proof of address \\(2 pages\\) kept on the case"))).isVisible();
      assertThat(heading(kiosk, "Document saved")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk document saved");

      byte[] pdf = consoleWindow.request().get(system.consoleUrl() + console.locator("#scan-pdf-link").getAttribute("href")).body();
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        assertThat(doc.getNumberOfPages()).isEqualTo(2);
        assertThat(doc.getPage(1).getRotation()).isEqualTo(90);
        assertThat(doc.getPage(0).getMediaBox().getWidth()).isBetween(594f, 597f);
      }
      assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
    }
  }

  private static Locator heading(Page page, String name) {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
