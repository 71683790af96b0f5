package uk.gov.council.cap.documents.pdf;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.LineMetrics;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import uk.gov.council.cap.documents.pdf.Fonts.Face;

/**
 * Turns one line of text into positioned glyphs, as a reader of its script expects to see it.
 * PDFBox draws one glyph per character, which is wrong for Arabic script (letters join, words run
 * right to left) and for Gurmukhi and Bengali (vowel signs move, consonants form conjuncts). The
 * JDK's own text layout does this shaping (with HarfBuzz): this class splits the line into
 * direction runs ({@link Bidi}) and font runs, has each shaped by {@link Font#layoutGlyphVector},
 * and returns glyph ids and positions in visual order, left to right, for {@link PageFlow} to draw.
 * See ADR 0040.
 */
final class Shaper {
  /** Text is shaped at this size, so positions read as thousandths of an em. */
  static final float UNITS = 1000f;

  private static final FontRenderContext FRC = new FontRenderContext(null, false, true);
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  private final Fonts fonts;

  Shaper(Fonts fonts) {
    this.fonts = fonts;
  }

  /**
   * Glyphs of one face, with each glyph's position from the run's start (x right, y up) in
   * thousandths of an em.
   */
  record Run(Face face, int[] glyphs, float[] x, float[] y, float advance) {}

  /** A shaped line: its runs in visual order, its width, and whether it reads right to left. */
  record Line(String text, List<Run> runs, float advance, boolean rightToLeft) {
    float width(float size) {
      return advance / UNITS * size;
    }

    /** Whether the glyphs differ from one per character, so a reader needs the text spelled out. */
    boolean isComplex() {
      return rightToLeft || runs.stream().anyMatch(r -> !r.face().isLatin());
    }

    float ascent(float size) {
      return (float) runs.stream().mapToDouble(r -> metrics(r.face()).getAscent()).max().orElse(0)
          / UNITS
          * size;
    }

    float descent(float size) {
      return (float) runs.stream().mapToDouble(r -> metrics(r.face()).getDescent()).max().orElse(0)
          / UNITS
          * size;
    }
  }

  /** Whether some face can show the character (otherwise it must be replaced before shaping). */
  boolean canShow(int codePoint) {
    return codePoint == ZWJ || codePoint == ZWNJ || fonts.faceFor(codePoint, null).isPresent();
  }

  Line shape(String text) {
    if (text.isEmpty()) return new Line(text, List.of(), 0, false);
    char[] chars = text.toCharArray();
    Bidi bidi = new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
    int count = bidi.getRunCount();
    byte[] levels = new byte[count];
    Object[] directionRuns = new Object[count];
    for (int i = 0; i < count; i++) {
      levels[i] = (byte) bidi.getRunLevel(i);
      directionRuns[i] =
          shapeDirectionRun(
              chars, bidi.getRunStart(i), bidi.getRunLimit(i), (bidi.getRunLevel(i) & 1) == 1);
    }
    Bidi.reorderVisually(levels, 0, directionRuns, 0, count);
    List<Run> runs = new ArrayList<>();
    float advance = 0;
    for (Object o : directionRuns) {
      @SuppressWarnings("unchecked")
      List<Run> visual = (List<Run>) o;
      for (Run r : visual) {
        runs.add(r);
        advance += r.advance();
      }
    }
    return new Line(text, runs, advance, !bidi.baseIsLeftToRight());
  }

  /** One direction's stretch of text, split where the face changes, in visual order. */
  private List<Run> shapeDirectionRun(char[] chars, int start, int limit, boolean rightToLeft) {
    List<Run> runs = new ArrayList<>();
    int runStart = start;
    Face runFace = null;
    for (int i = start; i < limit; ) {
      int cp = Character.codePointAt(chars, i);
      Face face = faceOf(cp, runFace);
      if (runFace != null && face != runFace) {
        runs.add(shapeRun(chars, runStart, i, runFace, rightToLeft));
        runStart = i;
      }
      runFace = face;
      i += Character.charCount(cp);
    }
    runs.add(shapeRun(chars, runStart, limit, runFace, rightToLeft));
    if (rightToLeft) Collections.reverse(runs);
    return runs;
  }

  private Face faceOf(int codePoint, Face previous) {
    if ((codePoint == ZWJ || codePoint == ZWNJ) && previous != null) return previous;
    return fonts.faceFor(codePoint, previous).orElse(fonts.latin());
  }

  private static Run shapeRun(char[] chars, int start, int limit, Face face, boolean rtl) {
    int flags = rtl ? Font.LAYOUT_RIGHT_TO_LEFT : Font.LAYOUT_LEFT_TO_RIGHT;
    GlyphVector vector = face.shaping().layoutGlyphVector(FRC, chars, start, limit, flags);
    int n = vector.getNumGlyphs();
    int[] glyphs = new int[n];
    float[] x = new float[n];
    float[] y = new float[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int glyph = vector.getGlyphCode(i);
      // The JDK gives 0xFFFF/0xFFFE for characters that draw nothing (joiners, marks it absorbed).
      if (glyph >= 0xFFFE) continue;
      glyphs[kept] = glyph;
      x[kept] = (float) vector.getGlyphPosition(i).getX();
      y[kept] = (float) -vector.getGlyphPosition(i).getY();
      kept++;
    }
    float advance = (float) vector.getGlyphPosition(n).getX();
    return new Run(
        face,
        java.util.Arrays.copyOf(glyphs, kept),
        java.util.Arrays.copyOf(x, kept),
        java.util.Arrays.copyOf(y, kept),
        advance);
  }

  private static LineMetrics metrics(Face face) {
    return face.shaping().getLineMetrics("Hg", FRC);
  }
}
