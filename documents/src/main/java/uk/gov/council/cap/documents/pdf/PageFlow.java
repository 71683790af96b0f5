package uk.gov.council.cap.documents.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays text out top to bottom on A4 pages, wrapping lines and starting new pages as needed. Text is
 * always drawn as text (selectable, searchable) in an embedded font; characters the font cannot
 * show become "?" rather than failing, and control characters are dropped, so whatever a resident
 * typed can always be printed, inertly.
 */
public final class PageFlow implements AutoCloseable {
  public static final float MARGIN = 56;

  private final PDDocument document;
  private final PDType0Font font;
  private final Map<Integer, Boolean> printable = new HashMap<>();
  private PDPage page;
  private PDPageContentStream content;
  private float y;
  private float rightInset;

  public PageFlow(PDDocument document) throws IOException {
    this.document = document;
    this.font = EmbeddedFont.load(document);
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

  /** Writes wrapped text; each line is a real text run so it can be selected and extracted. */
  public void text(String raw, float size) throws IOException {
    float leading = size * 1.35f;
    for (String line : wrap(printableText(raw), size, width() - rightInset)) {
      reserve(leading);
      y -= leading;
      content.beginText();
      content.setNonStrokingColor(0.043f, 0.047f, 0.047f); // GOV.UK text colour #0b0c0c
      content.setFont(font, size);
      content.newLineAtOffset(MARGIN, y + size * 0.3f);
      content.showText(line);
      content.endText();
    }
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

  /** Drops control characters and replaces characters the embedded font has no glyph for. */
  String printableText(String raw) throws IOException {
    if (raw == null) return "";
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') out.append('\n');
      else if (cp == '\t' || cp == '\r') out.append(' ');
      else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) continue;
      else if (canPrint(cp)) out.appendCodePoint(cp);
      else out.append('?');
    }
    return out.toString();
  }

  private boolean canPrint(int codePoint) {
    return printable.computeIfAbsent(
        codePoint,
        cp -> {
          try {
            // encode() throws when the font has no glyph for the character; Type0 hasGlyph() takes
            // glyph ids, not characters.
            return font.encode(new String(Character.toChars(cp))).length > 0;
          } catch (IOException | IllegalArgumentException e) {
            return false;
          }
        });
  }

  List<String> wrap(String text, float size, float maxWidth) throws IOException {
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
        // A single word longer than the line (a URL, a long number) is broken by character.
        String rest = word;
        while (widthOf(rest, size) > maxWidth) {
          int cut = rest.length() - 1;
          while (cut > 1 && widthOf(rest.substring(0, cut), size) > maxWidth) cut--;
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut);
        }
        line.append(rest);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private float widthOf(String s, float size) throws IOException {
    return font.getStringWidth(s) / 1000f * size;
  }
}
