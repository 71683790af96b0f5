package uk.gov.council.cap.documents.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.Character.UnicodeScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts archival PDFs are written in: Noto from Debian's {@code fonts-noto-core}, one face per
 * script, so a resident's Welsh, Polish, Romanian, Urdu, Punjabi or Bengali prints in real letters.
 * A missing file is said once, in the log, when the fonts are looked up; Latin then falls back to
 * Liberation Sans from the PDFBox jar and a missing script's letters print as "?" (never as empty
 * boxes), so a record is always made.
 */
public final class Fonts {
  private static final Logger LOG = LoggerFactory.getLogger(Fonts.class);

  /** Where Debian's fonts-noto-core puts its files. */
  public static final Path DEBIAN_NOTO = Path.of("/usr/share/fonts/truetype/noto");

  static final String LIBERATION = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private final Face latin;
  private final Map<UnicodeScript, Face> byScript;
  private final List<String> missing;

  private Fonts(Face latin, Map<UnicodeScript, Face> byScript, List<String> missing) {
    this.latin = latin;
    this.byScript = byScript;
    this.missing = List.copyOf(missing);
  }

  /** The Debian fonts, looked up once for the life of the program. */
  public static Fonts system() {
    return SystemFonts.FONTS;
  }

  private static final class SystemFonts {
    static final Fonts FONTS = in(DEBIAN_NOTO);
  }

  /**
   * The fonts in {@code directory} (a folder holding the Noto files by their Debian names). Logs,
   * once per call, which are missing and what prints instead.
   */
  public static Fonts in(Path directory) {
    List<String> missing = new ArrayList<>();
    Face latin =
        Face.file(directory.resolve("NotoSans-Regular.ttf"))
            .orElseGet(
                () -> {
                  missing.add("NotoSans-Regular.ttf");
                  return Face.resource(LIBERATION);
                });
    Map<UnicodeScript, Face> byScript = new EnumMap<>(UnicodeScript.class);
    // Nastaliq is how Urdu is written and read; Naskh, if Nastaliq is absent, is still Arabic
    // script a reader of Urdu can read.
    script(
        byScript,
        missing,
        directory,
        UnicodeScript.ARABIC,
        "NotoNastaliqUrdu-Regular.ttf",
        "NotoNaskhArabic-Regular.ttf");
    script(byScript, missing, directory, UnicodeScript.GURMUKHI, "NotoSansGurmukhi-Regular.ttf");
    script(byScript, missing, directory, UnicodeScript.BENGALI, "NotoSansBengali-Regular.ttf");
    if (!missing.isEmpty()) {
      LOG.warn(
          "PDF fonts missing from {}: {}. Install the Debian package fonts-noto-core. Until then"
              + " Latin text prints in Liberation Sans and letters of a script without its font"
              + " print as \"?\".",
          directory,
          missing);
    }
    return new Fonts(latin, byScript, missing);
  }

  private static void script(
      Map<UnicodeScript, Face> byScript,
      List<String> missing,
      Path directory,
      UnicodeScript script,
      String... names) {
    for (String name : names) {
      Optional<Face> face = Face.file(directory.resolve(name));
      if (face.isPresent()) {
        byScript.put(script, face.get());
        return;
      }
    }
    missing.add(names[0]);
  }

  /** The font files that were not found (empty when every script has its font). */
  public List<String> missing() {
    return missing;
  }

  Face latin() {
    return latin;
  }

  /**
   * The face for a character: its script's own face, else {@code previous} for punctuation, digits
   * and marks shared between scripts (so "؟" or "।" stays with the words around it), else the Latin
   * face, else any face that has it; empty if none can show it.
   */
  Optional<Face> faceFor(int codePoint, Face previous) {
    UnicodeScript script = UnicodeScript.of(codePoint);
    Face own = byScript.get(script);
    if (own != null && own.canShow(codePoint)) return Optional.of(own);
    boolean shared = script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED;
    if (shared && previous != null && previous.canShow(codePoint)) return Optional.of(previous);
    if (latin.canShow(codePoint)) return Optional.of(latin);
    return byScript.values().stream().filter(f -> f.canShow(codePoint)).findFirst();
  }

  /** One font file: read by the JDK for shaping, and embedded by PDFBox for drawing. */
  static final class Face {
    private final String name;
    private final Path file;
    private final String resource;
    private final Font awt;
    private final Font shaping;

    private Face(String name, Path file, String resource, Font awt) {
      this.name = name;
      this.file = file;
      this.resource = resource;
      this.awt = awt;
      this.shaping = awt.deriveFont(Shaper.UNITS);
    }

    static Optional<Face> file(Path file) {
      if (!Files.isReadable(file)) return Optional.empty();
      try {
        Font font = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
        return Optional.of(new Face(file.getFileName().toString(), file, null, font));
      } catch (IOException | FontFormatException | RuntimeException | LinkageError e) {
        // A damaged file, or a Java runtime without its font libraries: the record is still made.
        LOG.warn("Could not read the font {}: {}", file, e.toString());
        return Optional.empty();
      }
    }

    static Face resource(String resource) {
      try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("Font missing from PDFBox: " + resource);
        return new Face(resource, null, resource, Font.createFont(Font.TRUETYPE_FONT, in));
      } catch (IOException | FontFormatException e) {
        throw new IllegalStateException("Could not read the font " + resource, e);
      }
    }

    String name() {
      return name;
    }

    /** The face at {@link Shaper#UNITS} points, so shaped positions are in thousandths of an em. */
    Font shaping() {
      return shaping;
    }

    boolean isLatin() {
      return resource != null || name.startsWith("NotoSans-");
    }

    boolean canShow(int codePoint) {
      return awt.canDisplay(codePoint);
    }

    /** A fresh stream of the font file, for PDFBox to embed (PDFBox closes it). */
    InputStream open() throws IOException {
      if (file != null) return Files.newInputStream(file);
      InputStream in = Fonts.class.getResourceAsStream(resource);
      if (in == null) throw new IOException("Font missing: " + resource);
      return in;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
