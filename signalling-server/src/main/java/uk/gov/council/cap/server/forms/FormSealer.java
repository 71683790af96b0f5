package uk.gov.council.cap.server.forms;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.documents.forms.FormRecord;
import uk.gov.council.cap.documents.forms.FormRecordPdf;
import uk.gov.council.cap.documents.seal.CouncilSeal;

/** Turns a signed form into its sealed PDF/A record. Safe to call from several threads at once. */
public final class FormSealer {
  private final CouncilSeal seal;
  private final String councilName;

  public FormSealer(CouncilSeal seal, String councilName) {
    this.seal = seal;
    this.councilName = councilName;
  }

  byte[] sealedRecord(
      FormDefinition form,
      String caseReference,
      Map<String, String> answers,
      String signerName,
      SignatureStrokes signature,
      Instant signedAt)
      throws IOException {
    List<FormRecord.Answer> rows =
        form.visiblePages(answers).stream()
            .map(p -> new FormRecord.Answer(p.question(), p.display(answers.get(p.field()))))
            .toList();
    FormRecord record =
        new FormRecord(
            councilName,
            form.id(),
            form.version(),
            form.title(),
            caseReference,
            rows,
            signerName,
            signedAt,
            signature.render());
    return seal.seal(
        FormRecordPdf.compose(record),
        form.title() + ", signed by the resident at a Customer Access Point",
        signedAt);
  }
}
