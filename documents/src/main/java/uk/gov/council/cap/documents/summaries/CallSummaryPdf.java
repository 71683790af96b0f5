package uk.gov.council.cap.documents.summaries;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import uk.gov.council.cap.documents.pdf.ArchivalPdf;
import uk.gov.council.cap.documents.pdf.PageFlow;
import uk.gov.council.cap.documents.pdf.QrCodes;

/**
 * The call summary a resident prints at the kiosk: the case reference large, as text and as a QR
 * code (so an advisor on the phone can scan or read it), then what was done and what happens next.
 * A4, PDF/A-2b like every other document; not sealed, as it records nothing the case does not.
 */
public final class CallSummaryPdf {
  private static final DateTimeFormatter ENDED_AT =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK)
          .withZone(ZoneId.of("Europe/London"));
  private static final float QR_SIZE = 110;

  private CallSummaryPdf() {}

  public static byte[] compose(CallSummarySheet s) throws IOException {
    try (PDDocument document = new PDDocument()) {
      try (PageFlow flow = new PageFlow(document)) {
        float x = document.getPage(0).getMediaBox().getWidth() - PageFlow.MARGIN - QR_SIZE + 12;
        float y = document.getPage(0).getMediaBox().getHeight() - PageFlow.MARGIN - QR_SIZE + 12;
        QrCodes.draw(flow.content(), s.caseReference(), x, y, QR_SIZE);
        flow.rightInset(QR_SIZE + 12);
        flow.text(s.councilName(), 12);
        flow.gap(6);
        flow.text("Your call with the council", 22);
        flow.gap(8);
        flow.text("Your case reference", 11);
        flow.text(s.caseReference(), 24);
        flow.gap(4);
        flow.text("Call ended " + ENDED_AT.format(s.endedAt()), 10);
        flow.gap(18);
        flow.rightInset(0);
        flow.rule();
        flow.gap(8);
        flow.text("What was done", 15);
        if (s.done().isEmpty()) {
          flow.text("You talked to an advisor.", 12);
        }
        for (String line : s.done()) {
          flow.gap(4);
          flow.text("• " + line, 12);
        }
        flow.gap(14);
        flow.text("What happens next", 15);
        for (String line : s.nextSteps()) {
          flow.gap(4);
          flow.text(line, 12);
        }
        if (s.contact() != null && !s.contact().isBlank()) {
          flow.gap(14);
          flow.text(s.contact(), 12);
        }
        flow.gap(18);
        flow.text("Please give your case reference if you contact us about this.", 10);
      }
      return ArchivalPdf.save(
          document, "Call summary (" + s.caseReference() + ")", s.councilName(), s.endedAt());
    }
  }
}
