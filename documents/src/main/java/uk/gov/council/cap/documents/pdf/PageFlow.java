package uk.gov.council.cap.documents.pdf;

import java.io.IOException;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;
import uk.gov.council.cap.documents.pdf.Fonts.Face;

/**
 * Lays text out top to bottom on A4 pages, wrapping lines and starting new pages as needed. Text is
 * always drawn as text in embedded, subset fonts (Noto, one face per script: {@link Fonts}), shaped
 * by {@link Shaper} so Arabic script joins and reads right to left and Indic vowel signs and
 * conjuncts sit where a reader expects them; a right-to-left line is set against the right margin.
 * Lines that are not one glyph per character carry their text as /ActualText, so a reader can still
 * copy and search them. Characters no font can show become "?" rather than failing or printing as
 * empty boxes, and control characters are dropped, so whatever a resident typed can always be
 * printed, inertly.
 */
public final class PageFlow implements AutoCloseable {
  public static final float MARGIN = 56;
  private static final HexFormat HEX = HexFormat.of();

  private final PDDocument document;
  private final Shaper shaper;
  private final Map<Face, PDType0Font> embedded = new HashMap<>();
  private PDPage page;
  private PDPageContentStream content;
  private float y;
  private float rightInset;

  public PageFlow(PDDocument document) throws IOException {
    this(document, Fonts.system());
  }

  public PageFlow(PDDocument document, Fonts fonts) throws IOException {
    this.document = document;
    this.shaper = new Shaper(fonts);
    newPage();
  }

  public PDDocument document() {
    return document;
  }

  public PDPageContentStream content() {
    return content;
  }

  public float y() {
    return y;
  }

  public float width() {
    return page.getMediaBox().getWidth() - 2 * MARGIN;
  }

  /**
   * Keeps text clear of something drawn at the right edge (a QR code, a photo) until set back to 0.
   */
  public void rightInset(float points) {
    this.rightInset = points;
  }

  public void newPage() throws IOException {
    if (content != null) content.close();
    page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = page.getMediaBox().getHeight() - MARGIN;
  }

  /** Makes sure {@code height} points fit on this page, starting a new one if not. */
  public void reserve(float height) throws IOException {
    if (y - height < MARGIN) newPage();
  }

  public void gap(float points) {
    y -= points;
  }

  /**
   * Writes wrapped text; each line is a real text run so it can be selected and extracted. A line
   * in a right-to-left script is set against the right margin.
   */
  public void text(String raw, float size) throws IOException {
    for (String line : wrap(printableText(raw), size, width() - rightInset)) {
      Shaper.Line shaped = shaper.shape(line);
      // Latin keeps its usual spacing; a script with tall letters (Nastaliq) gets the room it
      // needs.
      float ascent = Math.max(size * 1.05f, shaped.ascent(size));
      float descent = Math.max(size * 0.3f, shaped.descent(size));
      reserve(ascent + descent);
      y -= ascent + descent;
      float baseline = y + descent;
      float x = shaped.rightToLeft() ? MARGIN + width() - rightInset - shaped.width(size) : MARGIN;
      draw(shaped, size, x, baseline);
    }
  }

  private void draw(Shaper.Line line, float size, float x, float baseline) throws IOException {
    if (line.runs().isEmpty()) return;
    boolean spelledOut = line.isComplex();
    if (spelledOut) {
      COSDictionary span = new COSDictionary();
      span.setString(COSName.ACTUAL_TEXT, line.text());
      content.beginMarkedContent(COSName.getPDFName("Span"), PDPropertyList.create(span));
    }
    content.beginText();
    content.setNonStrokingColor(0.043f, 0.047f, 0.047f); // GOV.UK text colour #0b0c0c
    float runX = x;
    for (Shaper.Run run : line.runs()) {
      PDType0Font font = embed(run.face());
      content.setFont(font, size);
      for (int i = 0; i < run.glyphs().length; i++) {
        int glyph = run.glyphs()[i];
        font.addGlyphsToSubset(Set.of(glyph));
        content.setTextMatrix(
            Matrix.getTranslateInstance(
                runX + run.x()[i] / Shaper.UNITS * size,
                baseline + run.y()[i] / Shaper.UNITS * size));
        content.appendRawCommands("<" + HEX.formatHex(font.encodeGlyphId(glyph)) + "> Tj\n");
      }
      runX += run.advance() / Shaper.UNITS * size;
    }
    content.endText();
    if (spelledOut) content.endMarkedContent();
  }

  /** Each face is embedded once per document, and only the glyphs drawn are kept (subset). */
  private PDType0Font embed(Face face) throws IOException {
    PDType0Font font = embedded.get(face);
    if (font == null) {
      try (var in = face.open()) {
        font = PDType0Font.load(document, in, true);
      }
      embedded.put(face, font);
    }
    return font;
  }

  /** Draws an image at the left margin, scaled to the given width, on this page if it fits. */
  public void image(PDImageXObject image, float drawWidth) throws IOException {
    float drawHeight = drawWidth * image.getHeight() / image.getWidth();
    reserve(drawHeight);
    y -= drawHeight;
    content.drawImage(image, MARGIN, y, drawWidth, drawHeight);
  }

  /** A thin rule across the text width, to separate sections. */
  public void rule() throws IOException {
    reserve(8);
    y -= 4;
    content.setStrokingColor(0.69f, 0.71f, 0.73f);
    content.setLineWidth(0.75f);
    content.moveTo(MARGIN, y);
    content.lineTo(MARGIN + width(), y);
    content.stroke();
    y -= 4;
  }

  @Override
  public void close() throws IOException {
    if (content != null) content.close();
    content = null;
  }

  /**
   * Drops control and formatting characters (but keeps the joiners Urdu and Bengali spelling needs)
   * and replaces characters no font has a glyph for.
   */
  String printableText(String raw) {
    if (raw == null) return "";
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') out.append('\n');
      else if (cp == '\t' || cp == '\r') out.append(' ');
      else if (cp == 0x200C || cp == 0x200D) out.appendCodePoint(cp);
      else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) continue;
      else if (shaper.canShow(cp)) out.appendCodePoint(cp);
      else out.append('?');
    }
    return out.toString();
  }

  List<String> wrap(String text, float size, float maxWidth) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (widthOf(candidate, size) <= maxWidth) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) lines.add(line.toString());
        line.setLength(0);
        // A single word longer than the line (a URL, a long number) is broken between letters
        // (whole clusters, so a vowel sign stays with its consonant).
        String rest = word;
        while (widthOf(rest, size) > maxWidth) {
          int cut = lastBreakThatFits(rest, size, maxWidth);
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut);
        }
        line.append(rest);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private int lastBreakThatFits(String word, float size, float maxWidth) {
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(word);
    int first = clusters.next();
    int cut = first;
    for (int next = clusters.next(); next != BreakIterator.DONE && next < word.length(); ) {
      if (widthOf(word.substring(0, next), size) > maxWidth) break;
      cut = next;
      next = clusters.next();
    }
    return cut;
  }

  private float widthOf(String s, float size) {
    return shaper.shape(s).width(size);
  }
}
