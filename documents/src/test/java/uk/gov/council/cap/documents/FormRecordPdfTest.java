package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.forms.FormRecordPdf;

class FormRecordPdfTest {
  static byte[] pdf;

  @BeforeAll
  static void compose() throws Exception {
    pdf = FormRecordPdf.compose(SampleForms.blueBadge());
  }

  @Test
  void everyQuestionAndAnswerCanBeReadBackAsText() throws Exception {
    String text = textOf(pdf);
    assertThat(text)
        .contains(
            "Apply for a Blue Badge",
            "Central Bedfordshire Council",
            "Case reference: CAP-4821-7730",
            "Form: blue-badge, version 3",
            "What is your full name?",
            "Margaret O'Neill",
            "4 March 1941",
            "12 Church Street",
            "Ampthill",
            "MK45 2PL",
            "Name: Margaret O'Neill",
            "Signed: 22 November 2026 at 14:05:00 GMT");
  }

  @Test
  void markupIsPrintedAsPlainCharactersAndUnprintableCharactersBecomeQuestionMarks()
      throws Exception {
    String text = textOf(pdf);
    assertThat(text).contains("<script>alert('x')</script> I can't walk far — café £5 ?");
  }

  @Test
  void longAnswersWrapOntoFurtherPagesInsteadOfBeingCutOff() throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
    }
    String text = textOf(pdf).replaceAll("\\s+", " ");
    assertThat(text.split("word", -1).length - 1).isEqualTo(400);
  }

  @Test
  void theQrCodeOnTheFirstPageDecodesToTheCaseReference() throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
      BufferedImage corner =
          page.getSubimage(page.getWidth() / 2, 0, page.getWidth() / 2, page.getHeight() / 4);
      String decoded =
          new QRCodeReader()
              .decode(
                  new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(corner))))
              .getText();
      assertThat(decoded).isEqualTo(SampleForms.CASE_REFERENCE);
    }
  }

  @Test
  void theSignatureIsEmbeddedAsAnImage() throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      long images = 0;
      for (var page : document.getPages()) {
        for (var name : page.getResources().getXObjectNames()) {
          if (page.getResources().isImageXObject(name)) images++;
        }
      }
      assertThat(images).isEqualTo(1);
    }
  }

  @Test
  void theUnsealedRecordConformsToPdfA2b() throws Exception {
    assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
  }

  static String textOf(byte[] bytes) throws Exception {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
