package uk.gov.council.cap.documents.forms;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import uk.gov.council.cap.documents.pdf.ArchivalPdf;
import uk.gov.council.cap.documents.pdf.Fonts;
import uk.gov.council.cap.documents.pdf.PageFlow;
import uk.gov.council.cap.documents.pdf.QrCodes;

/**
 * Composes the PDF/A-2b record of a completed, signed form. Sealing is a separate step ({@code
 * CouncilSeal}).
 */
public final class FormRecordPdf {
  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final DateTimeFormatter SIGNED_AT =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm:ss z", Locale.UK).withZone(UK);
  private static final float QR_SIZE = 96;

  private FormRecordPdf() {}

  public static byte[] compose(FormRecord form) throws IOException {
    return compose(form, Fonts.system());
  }

  /** The record, written in {@code fonts} (a test shows what prints when a font is missing). */
  public static byte[] compose(FormRecord form, Fonts fonts) throws IOException {
    try (PDDocument document = new PDDocument()) {
      try (PageFlow flow = new PageFlow(document, fonts)) {
        drawCaseQrCode(flow.content(), document.getPage(0), form.caseReference());
        flow.rightInset(QR_SIZE + 12);
        flow.text(form.councilName(), 12);
        flow.gap(6);
        if (form.titleInLanguage() != null) {
          flow.text(form.titleInLanguage(), 22);
          flow.text(form.formTitle(), 14);
        } else {
          flow.text(form.formTitle(), 22);
        }
        flow.gap(8);
        flow.text("Case reference: " + form.caseReference(), 12);
        flow.text("Form: " + form.formId() + ", version " + form.formVersion(), 12);
        if (!isEnglish(form.language()))
          flow.text("Language: " + languageName(form.language()), 12);
        flow.gap(18);
        flow.rightInset(0);
        flow.rule();

        for (FormRecord.Answer answer : form.answers()) {
          flow.gap(8);
          flow.text(answer.question(), 10);
          // The council reads the record too: the English question beneath the resident's.
          if (answer.questionInEnglish() != null) flow.text(answer.questionInEnglish(), 9);
          flow.text(answer.answer().isBlank() ? "(not answered)" : answer.answer(), 13);
        }

        flow.gap(12);
        flow.rule();
        flow.gap(8);
        PDImageXObject signature = LosslessFactory.createFromImage(document, form.signature());
        float signatureWidth = Math.min(300, flow.width());
        // Keep the signature block (heading, image, name, date) together on one page.
        flow.reserve(
            16 * 1.35f
                + 6
                + signatureWidth * signature.getHeight() / signature.getWidth()
                + 6
                + 2 * 12 * 1.35f);
        flow.text("Signature", 16);
        flow.gap(6);
        flow.image(signature, signatureWidth);
        flow.gap(6);
        flow.text("Name: " + form.signerName(), 12);
        flow.text("Signed: " + SIGNED_AT.format(form.signedAt()), 12);
      }
      return ArchivalPdf.save(
          document,
          form.formTitle() + " (" + form.caseReference() + ")",
          form.councilName(),
          form.signedAt(),
          isEnglish(form.language()) ? "en-GB" : form.language());
    }
  }

  private static boolean isEnglish(String language) {
    return language.equals("en") || language.startsWith("en-");
  }

  /** "Polski (Polish)": the language named in itself, then in English, from the JDK's data. */
  static String languageName(String tag) {
    Locale locale = Locale.forLanguageTag(tag);
    String english = locale.getDisplayLanguage(Locale.UK);
    String own = locale.getDisplayLanguage(locale);
    if (english.isEmpty()) return tag;
    if (own.isEmpty() || own.equals(english)) return english;
    return own.substring(0, 1).toUpperCase(locale) + own.substring(1) + " (" + english + ")";
  }

  /**
   * The case reference as a QR code in the first page's top-right corner, for scanning the paper
   * back to the case.
   */
  private static void drawCaseQrCode(PDPageContentStream content, PDPage page, String caseReference)
      throws IOException {
    float x = page.getMediaBox().getWidth() - PageFlow.MARGIN - QR_SIZE + 12;
    float y = page.getMediaBox().getHeight() - PageFlow.MARGIN - QR_SIZE + 12;
    QrCodes.draw(content, caseReference, x, y, QR_SIZE);
  }
}
