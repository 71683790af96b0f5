package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.summaries.CallSummaryPdf;
import uk.gov.council.cap.documents.summaries.CallSummarySheet;

class CallSummaryPdfTest {
  private final CallSummarySheet sheet =
      new CallSummarySheet(
          "Central Bedfordshire Council",
          "CAP-4821-7730",
          List.of("Form sent: Apply for a Blue Badge", "Payment: Garden waste, £45.00"),
          List.of("We will write to you within 6 weeks."),
          "If you need to ask anything, phone 0300 123 4567.",
          Instant.parse("2026-11-23T10:15:00Z"));

  @Test
  void theSummaryCarriesTheReferenceWhatWasDoneAndWhatHappensNext() throws Exception {
    String text = FormRecordPdfTest.textOf(CallSummaryPdf.compose(sheet));
    assertThat(text)
        .contains(
            "Central Bedfordshire Council",
            "Your case reference",
            "CAP-4821-7730",
            "Form sent: Apply for a Blue Badge",
            "Payment: Garden waste, £45.00",
            "We will write to you within 6 weeks.",
            "phone 0300 123 4567",
            "23 November 2026 at 10:15");
  }

  @Test
  void theSummaryConformsToPdfA2b() throws Exception {
    assertThat(PdfAConformance.failuresOf(CallSummaryPdf.compose(sheet))).isEmpty();
  }
}
