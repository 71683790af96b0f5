package uk.gov.council.cap.documents.forms;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/**
 * Everything that goes on a completed form's record, already validated by the server.
 *
 * @param signature the resident's signature drawn on white, no transparency (PDF/A keeps it simple)
 */
public record FormRecord(
    String councilName,
    String formId,
    int formVersion,
    String formTitle,
    String caseReference,
    List<Answer> answers,
    String signerName,
    Instant signedAt,
    BufferedImage signature) {

  /** One question as the resident saw it, and their answer as text. */
  public record Answer(String question, String answer) {}
}
