package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.gov.council.cap.documents.MultilingualRecords.Sample;
import uk.gov.council.cap.documents.forms.FormRecordPdf;
import uk.gov.council.cap.documents.pdf.Fonts;

/**
 * A form record in each kiosk language keeps the resident's words: the questions as they read them,
 * the English beneath, the answers as typed, in real embedded fonts with no missing glyphs. Each
 * record is also drawn to target/form-records/ so a reviewer (or a reader of the script) can look
 * at it.
 */
class MultilingualFormRecordTest {
  private static final Set<String> LATIN = Set.of("cy", "pl", "ro");
  private static final Map<String, byte[]> PDFS = new HashMap<>();

  @BeforeAll
  static void compose() throws Exception {
    Path out = Path.of("target", "form-records");
    Files.createDirectories(out);
    for (Sample sample : MultilingualRecords.ALL) {
      byte[] pdf = FormRecordPdf.compose(sample.record());
      PDFS.put(sample.language(), pdf);
      Files.write(out.resolve("blue-badge-" + sample.language() + ".pdf"), pdf);
      try (PDDocument document = Loader.loadPDF(pdf)) {
        ImageIO.write(
            new PDFRenderer(document).renderImageWithDPI(0, 110),
            "png",
            out.resolve("blue-badge-" + sample.language() + ".png").toFile());
      }
    }
  }

  static List<Sample> samples() {
    return MultilingualRecords.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theEnglishQuestionsAndFixedWordsExtractAsText(Sample sample) throws Exception {
    String text = flat(FormRecordPdfTest.textOf(PDFS.get(sample.language())));
    assertThat(text)
        .contains(
            "Apply for a Blue Badge",
            "Case reference: CAP-4821-7730",
            "What is your full name?",
            "Why are you applying for a Blue Badge?",
            "Tell us about your condition");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theResidentsWordsCanBeReadBack(Sample sample) throws Exception {
    byte[] pdf = PDFS.get(sample.language());
    List<String> expected =
        List.of(
            sample.title(),
            sample.nameQuestion(),
            sample.name(),
            sample.reasonQuestion(),
            sample.reason(),
            sample.conditionQuestion());
    if (LATIN.contains(sample.language())) {
      // One glyph per letter: plain text extraction gives the words back.
      assertThat(flat(FormRecordPdfTest.textOf(pdf)))
          .contains(expected)
          .contains(sample.condition());
    } else {
      // Shaped scripts: glyphs are not letters, so each line carries its text as /ActualText,
      // which screen readers and copy-and-paste use.
      String actual = String.join(" ", actualTexts(pdf));
      assertThat(actual).contains(expected);
      for (String word : sample.condition().split(" ")) assertThat(actual).contains(word);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyFontIsEmbeddedAndNoGlyphIsMissing(Sample sample) throws Exception {
    Map<String, Integer> glyphsByFont = new HashMap<>();
    List<String> missing = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(PDFS.get(sample.language()))) {
      for (PDPage page : document.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.isEmbedded()).as(font.getName()).isTrue();
          assertThat(font.getName()).as("subset tag").matches("[A-Z]{6}\\+.*");
        }
      }
      new GlyphCounter(glyphsByFont, missing).getText(document);
    }
    assertThat(missing).as("glyphs drawn as .notdef").isEmpty();
    String script =
        switch (sample.language()) {
          case "ur" -> "NotoNastaliqUrdu";
          case "pa" -> "NotoSansGurmukhi";
          case "bn" -> "NotoSansBengali";
          default -> "NotoSans-Regular";
        };
    assertThat(glyphsByFont.keySet()).anyMatch(f -> f.contains(script));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theDocumentLanguageIsTheResidents(Sample sample) throws Exception {
    try (PDDocument document = Loader.loadPDF(PDFS.get(sample.language()))) {
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo(sample.language());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void theRecordConformsToPdfA2b(Sample sample) throws Exception {
    assertThat(PdfAConformance.failuresOf(PDFS.get(sample.language()))).isEmpty();
  }

  @Test
  void urduIsSetAgainstTheRightMargin() throws Exception {
    try (PDDocument document = Loader.loadPDF(PDFS.get("ur"))) {
      List<Float> nastaliqX = new ArrayList<>();
      new PDFTextStripper() {
        {
          setStartPage(1);
          setEndPage(1);
        }

        @Override
        protected void showGlyph(Matrix m, PDFont font, int code, Vector displacement)
            throws IOException {
          if (font.getName().contains("Nastaliq")) nastaliqX.add(m.getTranslateX());
          super.showGlyph(m, font, code, displacement);
        }
      }.getText(document);
      float pageWidth = document.getPage(0).getMediaBox().getWidth();
      // The rightmost Urdu glyph ends near the right margin, none starts at the left margin.
      assertThat(nastaliqX.stream().max(Float::compare).orElseThrow()).isGreaterThan(pageWidth / 2);
    }
  }

  @Test
  void withoutTheNotoFontsTheRecordIsStillMadeAndUnknownLettersPrintAsQuestionMarks(
      @TempDir Path empty) throws Exception {
    Fonts none = Fonts.in(empty);
    assertThat(none.missing())
        .containsExactly(
            "NotoSans-Regular.ttf",
            "NotoNastaliqUrdu-Regular.ttf",
            "NotoSansGurmukhi-Regular.ttf",
            "NotoSansBengali-Regular.ttf");
    Sample urdu =
        MultilingualRecords.ALL.stream()
            .filter(s -> s.language().equals("ur"))
            .findFirst()
            .orElseThrow();
    byte[] pdf = FormRecordPdf.compose(urdu.record(), none);
    String text = FormRecordPdfTest.textOf(pdf);
    assertThat(text)
        .contains("What is your full name?", "?? ?? ???? ??? ??? ???", "Name: ???? ???? ???");
    assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
  }

  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static List<String> actualTexts(byte[] pdf) throws IOException {
    List<String> texts = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
        extractor.processPage(page);
        for (PDMarkedContent content : extractor.getMarkedContents()) {
          if (content.getActualText() != null) texts.add(content.getActualText());
        }
      }
    }
    return texts;
  }

  /** Counts glyphs per font and notes any that would draw .notdef (glyph 0). */
  private static final class GlyphCounter extends PDFTextStripper {
    private final Map<String, Integer> glyphsByFont;
    private final List<String> missing;

    GlyphCounter(Map<String, Integer> glyphsByFont, List<String> missing) throws IOException {
      this.glyphsByFont = glyphsByFont;
      this.missing = missing;
    }

    @Override
    protected void showGlyph(Matrix m, PDFont font, int code, Vector displacement)
        throws IOException {
      glyphsByFont.merge(font.getName(), 1, Integer::sum);
      int glyph = code;
      if (font instanceof PDType0Font type0
          && type0.getDescendantFont() instanceof PDCIDFontType2 cid) glyph = cid.codeToGID(code);
      if (glyph == 0) missing.add(font.getName() + " code " + code);
      super.showGlyph(m, font, code, displacement);
    }
  }
}
