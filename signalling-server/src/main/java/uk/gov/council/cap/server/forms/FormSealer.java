package uk.gov.council.cap.server.forms;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      Instant signedAt,
      String language)
      throws IOException {
    // The record keeps the language the resident read: each question as they read it with the
    // English beneath, a chosen option in their words and in English, typed answers as typed.
    Optional<FormTranslation> words = form.translation(language);
    List<FormRecord.Answer> rows =
        form.visiblePages(answers).stream()
            .map(p -> row(p, words.flatMap(w -> w.page(p.id())), answers.get(p.field())))
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
            signature.render(),
            words.isPresent() ? language : "en",
            words.map(FormTranslation::title).orElse(null));
    return seal.seal(
        FormRecordPdf.compose(record),
        form.title() + ", signed by the resident at a Customer Access Point",
        signedAt);
  }

  private static FormRecord.Answer row(
      FormPage page, Optional<FormTranslation.Page> words, String value) {
    String english = page.display(value);
    String question = words.map(FormTranslation.Page::question).orElse(null);
    String answer = english;
    if (page.options() != null && value != null && words.isPresent()) {
      String chosen = words.get().options() == null ? null : words.get().options().get(value);
      if (chosen != null && !chosen.equals(english)) answer = chosen + "\n(" + english + ")";
    }
    if (question == null || question.equals(page.question()))
      return new FormRecord.Answer(page.question(), answer);
    return new FormRecord.Answer(question, answer, page.question());
  }
}
