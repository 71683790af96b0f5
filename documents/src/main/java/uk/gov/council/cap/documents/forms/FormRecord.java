package uk.gov.council.cap.documents.forms;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/**
 * Everything that goes on a completed form's record, already validated by the server.
 *
 * @param formTitle the form's title in English, the council's language
 * @param signature the resident's signature drawn on white, no transparency (PDF/A keeps it simple)
 * @param language the language the resident filled the form in, as a language tag ("en", "pl",
 *     "ur")
 * @param titleInLanguage the title as the resident read it, or null when that is the English
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
    BufferedImage signature,
    String language,
    String titleInLanguage) {

  /** A record of a form filled in in English. */
  public FormRecord(
      String councilName,
      String formId,
      int formVersion,
      String formTitle,
      String caseReference,
      List<Answer> answers,
      String signerName,
      Instant signedAt,
      BufferedImage signature) {
    this(
        councilName,
        formId,
        formVersion,
        formTitle,
        caseReference,
        answers,
        signerName,
        signedAt,
        signature,
        "en",
        null);
  }

  public FormRecord {
    if (language == null || language.isBlank()) language = "en";
  }

  /**
   * One question as the resident saw it, and their answer as text.
   *
   * @param questionInEnglish the English, printed beneath for the council; null when {@code
   *     question} is the English
   */
  public record Answer(String question, String answer, String questionInEnglish) {
    public Answer(String question, String answer) {
      this(question, answer, null);
    }
  }
}
