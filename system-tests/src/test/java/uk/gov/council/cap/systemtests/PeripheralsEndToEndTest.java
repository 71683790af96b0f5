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
 * The kiosk's devices as people use them, on the demo's simulated scanner and Chromium's fake
 * camera: a two-page proof of address from the feeder reaches the console at full resolution and is
 * kept as a PDF/A; an ID photo is taken from the call's camera with a guide and countdown,
 * approved, and made into a badge whose code scans to the ID.
 */
class PeripheralsEndToEndTest extends BrowserTest {
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
  void aTwoPageProofOfAddressIsScannedAtTheKioskCheckedByTheAdvisorAndKeptOnTheCase()
      throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);

      console.getByLabel("Proof of address").check();
      console.getByLabel("In the feeder (several pages)").check();
      button(console, "Scan document").click();

      assertThat(heading(kiosk, "Put your pages in the scanner tray")).isVisible();
      assertThat(
              kiosk.getByText(
                  "Simulated scanner: this is a demonstration. Example pages are made; no paper is needed."))
          .isVisible();
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
      Object naturalWidth =
          console.evaluate("() => document.querySelector('#scan-page-1 img').naturalWidth");
      assertThat(((Number) naturalWidth).intValue())
          .isEqualTo(2480); // A4 at 300 dpi: the advisor sees full resolution
      Axe.assertNoViolations(console, "console with scanned pages");

      button(console, "Turn page 2").click();
      // The picture must really turn: the console's CSP ignores an inline style, so check what
      // the browser applied, not the attribute.
      assertThat(console.locator("#scan-page-2 img"))
          .hasCSS(
              "transform", java.util.regex.Pattern.compile("matrix\\(\\S+, 1, -1, \\S+, 0, 0\\)"));
      button(console, "Keep this document").click();
      assertThat(
              console.getByText(
                  java.util.regex.Pattern.compile(
                      "Proof of address \\(2 pages\\) kept on the case")))
          .isVisible();
      assertThat(console.locator("#scan-status")).containsText("Proof of address, 2 pages");
      assertThat(heading(kiosk, "Document saved")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk document saved");

      byte[] pdf =
          consoleWindow
              .request()
              .get(system.consoleUrl() + console.locator("#scan-pdf-link").getAttribute("href"))
              .body();
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        assertThat(doc.getNumberOfPages()).isEqualTo(2);
        assertThat(doc.getPage(1).getRotation()).isEqualTo(90);
        assertThat(doc.getPage(0).getMediaBox().getWidth()).isBetween(594f, 597f);
      }
      assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();

      // A card that will not go through a feeder is held under the document camera instead.
      console.getByLabel("Proof of identity").check();
      console.getByLabel("Under the document camera").check();
      button(console, "Scan document").click();
      assertThat(heading(kiosk, "Hold your document under the camera")).isVisible();
      button(kiosk, "Scan my document").click();
      assertThat(console.locator("#scan-status")).containsText("Proof of identity, 1 page");
      button(console, "Keep this document").click();
      assertThat(
              console.getByText(
                  java.util.regex.Pattern.compile(
                      "Proof of identity \\(1 page\\) kept on the case")))
          .isVisible();
      endCall(console, kiosk);
    }
  }

  @Test
  void anIdPhotoIsTakenWithTheGuideAndCountdownApprovedAndMadeIntoABadgeWhoseCodeScansToTheId()
      throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(kiosk.locator("#local-video")).isVisible();
      button(console, "Take ID photo").click();

      assertThat(heading(kiosk, "Look at the camera")).isVisible();
      assertThat(kiosk.locator("#photo-guide")).isVisible();
      assertThat(button(kiosk, "End call")).isInViewport();
      Axe.assertNoViolations(kiosk, "kiosk ID photo");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      // Every number the countdown puts on screen is recorded as it appears, so a busy machine
      // that shows "3" only for a moment before the test looks cannot fail it (a CI run under
      // load 50 did). The photo screen is redrawn at each tick, hence watching its area.
      kiosk.evaluate(
          "() => { const counts = (window.__capCounts = []);"
              + " new MutationObserver(() => { const c = document.querySelector('#photo-countdown');"
              + "   if (c && counts[counts.length - 1] !== c.textContent) counts.push(c.textContent); })"
              + " .observe(document.querySelector('#photo-area'), { childList: true, subtree: true, characterData: true }); }");
      button(kiosk, "Take my photo").click();
      assertThat(heading(kiosk, "Your photo has been taken")).isVisible();
      @SuppressWarnings("unchecked")
      java.util.List<Object> counts =
          (java.util.List<Object>) kiosk.evaluate("() => window.__capCounts");
      org.assertj.core.api.Assertions.assertThat(counts).containsSubsequence("3", "2", "1");

      assertThat(console.locator("#photo-status")).containsText("Photo taken: check it");
      assertThat(console.locator("#photo-still")).isVisible();
      Object width = console.evaluate("() => document.querySelector('#photo-still').naturalWidth");
      assertThat(((Number) width).intValue()).isGreaterThan(0);
      button(console, "Ask for another photo").click();
      assertThat(kiosk.getByText("The advisor would like another photo.")).isVisible();
      button(kiosk, "Take my photo").click();
      assertThat(console.locator("#photo-status")).containsText("Photo taken: check it");
      console.getByLabel("Name on the badge").fill("Margaret O'Neill");
      button(console, "Approve photo").click();
      Locator badgeLink = console.locator("#badge-link");
      assertThat(badgeLink).isVisible();
      String banner = console.locator("#photo-result").innerText();
      String idNumber = banner.replaceAll("(?s).*Badge ([A-Z0-9]{4}-[A-Z0-9]{4}).*", "$1");
      assertThat(heading(kiosk, "Photo approved")).isVisible();
      assertThat(kiosk.getByText("Your badge number is " + idNumber)).isVisible();
      Axe.assertNoViolations(console, "console with an approved photo");

      byte[] badge =
          consoleWindow.request().get(system.consoleUrl() + badgeLink.getAttribute("href")).body();
      try (PDDocument doc = Loader.loadPDF(badge)) {
        java.awt.image.BufferedImage card =
            new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 600);
        java.awt.image.BufferedImage corner =
            card.getSubimage(
                card.getWidth() / 2,
                card.getHeight() / 3,
                card.getWidth() / 2,
                card.getHeight() * 2 / 3);
        String decoded =
            new com.google.zxing.qrcode.QRCodeReader()
                .decode(
                    new com.google.zxing.BinaryBitmap(
                        new com.google.zxing.common.HybridBinarizer(
                            new com.google.zxing.client.j2se.BufferedImageLuminanceSource(corner))))
                .getText();
        assertThat(decoded).isEqualTo(idNumber);
        assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
            .contains("Margaret O'Neill", "ID " + idNumber);
      }
      assertThat(PdfAConformance.failuresOf(badge)).isEmpty();

      // The badge prints on the kiosk's (simulated) printer, on card-size paper.
      button(console, "Print the badge at the kiosk").click();
      assertThat(console.locator("#print-status")).hasText("Printed at the kiosk.");
      Axe.assertNoViolations(console, "console with the badge printed");
      try (var files = java.nio.file.Files.list(system.printedFolder())) {
        java.nio.file.Path job = files.findFirst().orElseThrow();
        assertThat(job.getFileName().toString()).contains("-CR80-");
        assertThat(java.nio.file.Files.readAllBytes(job)).isEqualTo(badge);
      }
      endCall(console, kiosk);
    }
  }

  /** Leaves the system as the next test expects it: the call ended and its outcome recorded. */
  private static void endCall(Page console, Page kiosk) {
    button(console, "End call").click();
    assertThat(
            kiosk.getByText(
                java.util.regex.Pattern.compile(
                    "call has ended", java.util.regex.Pattern.CASE_INSENSITIVE)))
        .isVisible();
    button(console, "Resolved at first contact").click();
    assertThat(console.getByText("Outcome saved.")).isVisible();
  }

  private static Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
