package uk.gov.council.cap.documents.receipts;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import uk.gov.council.cap.documents.pdf.ArchivalPdf;
import uk.gov.council.cap.documents.pdf.PageFlow;
import uk.gov.council.cap.documents.pdf.QrCodes;

/** Composes the PDF/A-2b receipt for a card payment. Sealing is a separate step, as for forms. */
public final class PaymentReceiptPdf {
  private static final DateTimeFormatter PAID_AT =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm:ss z", Locale.UK)
          .withZone(ZoneId.of("Europe/London"));
  private static final float QR_SIZE = 96;

  private PaymentReceiptPdf() {}

  public static byte[] compose(PaymentReceipt r) throws IOException {
    try (PDDocument document = new PDDocument()) {
      try (PageFlow flow = new PageFlow(document)) {
        float x = document.getPage(0).getMediaBox().getWidth() - PageFlow.MARGIN - QR_SIZE + 12;
        float y = document.getPage(0).getMediaBox().getHeight() - PageFlow.MARGIN - QR_SIZE + 12;
        QrCodes.draw(flow.content(), r.caseReference(), x, y, QR_SIZE);
        flow.rightInset(QR_SIZE + 12);
        flow.text(r.councilName(), 12);
        flow.gap(6);
        flow.text("Payment receipt", 22);
        flow.gap(8);
        flow.text("Case reference: " + r.caseReference(), 12);
        flow.text("Payment reference: " + r.paymentReference(), 12);
        flow.gap(18);
        flow.rightInset(0);
        flow.rule();
        row(flow, "Paid for", r.description());
        row(flow, "Amount", r.amountText());
        row(flow, "Paid on", PAID_AT.format(r.paidAt()));
        row(flow, "Card", r.cardBrand() + " ending " + r.cardLast4());
        if (r.fundCode() != null && !r.fundCode().isBlank()) row(flow, "Fund code", r.fundCode());
        if (r.vatCode() != null && !r.vatCode().isBlank()) row(flow, "VAT code", r.vatCode());
        flow.gap(12);
        flow.rule();
        flow.gap(8);
        flow.text("Card details", 14);
        for (PaymentReceipt.Line line : r.emvLines()) {
          flow.text(line.label() + ": " + line.value(), 11);
        }
        if (r.refundsText() != null && !r.refundsText().isBlank()) {
          flow.gap(12);
          flow.text(r.refundsText(), 12);
        }
        flow.gap(18);
        flow.text(
            "Please keep this receipt. Card details were read by the card reader only; "
                + "the council never sees your full card number.",
            10);
      }
      return ArchivalPdf.save(
          document, "Payment receipt (" + r.caseReference() + ")", r.councilName(), r.paidAt());
    }
  }

  private static void row(PageFlow flow, String label, String value) throws IOException {
    flow.gap(8);
    flow.text(label, 10);
    flow.text(value, 13);
  }
}
