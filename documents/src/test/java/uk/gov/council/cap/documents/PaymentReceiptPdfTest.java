package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.receipts.PaymentReceipt;
import uk.gov.council.cap.documents.receipts.PaymentReceiptPdf;

class PaymentReceiptPdfTest {
  private final PaymentReceipt receipt =
      new PaymentReceipt(
          "Central Bedfordshire Council",
          "CAP-4821-7730",
          "pi_3Abc",
          "Garden waste subscription (12 months)",
          "ENV-GW",
          "OS",
          "£45.00",
          "Visa",
          "4242",
          List.of(
              new PaymentReceipt.Line("Application", "VISA CREDIT"),
              new PaymentReceipt.Line("AID", "A0000000031010"),
              new PaymentReceipt.Line("Authorisation code", "123456"),
              new PaymentReceipt.Line("Method", "Contactless")),
          Instant.parse("2026-11-23T10:15:00Z"),
          null);

  @Test
  void theReceiptShowsWhatWasPaidForTheCardAndTheFieldsTheCardNetworksRequire() throws Exception {
    byte[] pdf = PaymentReceiptPdf.compose(receipt);
    String text = FormRecordPdfTest.textOf(pdf);
    assertThat(text)
        .contains(
            "Payment receipt",
            "Central Bedfordshire Council",
            "Case reference: CAP-4821-7730",
            "Payment reference: pi_3Abc",
            "Garden waste subscription (12 months)",
            "£45.00",
            "Visa ending 4242",
            "Fund code",
            "ENV-GW",
            "AID: A0000000031010",
            "Authorisation code: 123456",
            "Application: VISA CREDIT",
            "23 November 2026 at 10:15:00 GMT");
    assertThat(text).doesNotContain("4242 4242");
  }

  @Test
  void theReceiptConformsToPdfA2b() throws Exception {
    assertThat(PdfAConformance.failuresOf(PaymentReceiptPdf.compose(receipt))).isEmpty();
  }
}
