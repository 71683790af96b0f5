package uk.gov.council.cap.server.branding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The council's own look on its kiosks (issue 16, docs/adr/0042-a-kiosk-for-everyone.md): its name,
 * a logo the server hands to kiosks, and its colour for the band across the top of the screen. The
 * kiosk writes white on that colour, so a colour too light to read white on is refused at start,
 * with the contrast it has and what is needed, rather than shipped to every library.
 *
 * @param councilName shown on every kiosk screen ({@code CAP_COUNCIL_NAME}); empty for none
 * @param logo a PNG or JPEG file ({@code CAP_COUNCIL_LOGO}), at most {@link #MAX_LOGO_BYTES}
 * @param colour {@code #rrggbb} ({@code CAP_COUNCIL_COLOUR}); empty for the kiosk's own blue
 */
public record CouncilBranding(String councilName, Optional<Path> logo, Optional<String> colour) {
  public static final CouncilBranding NONE =
      new CouncilBranding("", Optional.empty(), Optional.empty());

  /**
   * WCAG 2.2 AA for body text: the band's text is the council's name at a large size, but be safe.
   */
  static final double MINIMUM_CONTRAST = 4.5;

  public static final long MAX_LOGO_BYTES = 512 * 1024;
  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final int MAX_NAME = 80;

  public CouncilBranding {
    councilName = councilName == null ? "" : councilName.strip();
    logo = logo == null ? Optional.empty() : logo;
    colour =
        colour == null ? Optional.empty() : colour.map(String::strip).filter(c -> !c.isEmpty());
    if (councilName.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "CAP_COUNCIL_NAME is longer than " + MAX_NAME + " characters: shorten it.");
    }
    colour.ifPresent(CouncilBranding::checkColour);
    logo.ifPresent(CouncilBranding::checkLogo);
    colour = colour.map(c -> c.toLowerCase(Locale.ROOT));
  }

  private static void checkColour(String c) {
    if (!HEX.matcher(c).matches()) {
      throw new IllegalArgumentException(
          "CAP_COUNCIL_COLOUR must be a colour written as # and six hex digits, e.g. #1d70b8, not \""
              + c
              + "\".");
    }
    double contrast = contrastWithWhite(c);
    if (contrast < MINIMUM_CONTRAST) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "CAP_COUNCIL_COLOUR %s is too light: white text on it has a contrast of %.1f:1, and"
                  + " residents need at least %.1f:1 to read it. Choose a darker shade.",
              c,
              contrast,
              MINIMUM_CONTRAST));
    }
  }

  private static void checkLogo(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
      throw new IllegalArgumentException(
          "CAP_COUNCIL_LOGO must be a PNG or JPEG file (.png, .jpg), not " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("CAP_COUNCIL_LOGO " + file + " is not a readable file.");
    }
    try {
      if (Files.size(file) > MAX_LOGO_BYTES) {
        throw new IllegalArgumentException(
            "CAP_COUNCIL_LOGO " + file + " is larger than " + MAX_LOGO_BYTES / 1024 + " KB.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The WCAG contrast ratio of white on this colour (1 to 21). */
  static double contrastWithWhite(String hex) {
    double l = luminance(hex);
    return (1.0 + 0.05) / (l + 0.05);
  }

  private static double luminance(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** The logo's media type, from its (already checked) name. */
  String logoType() {
    return logo.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
            .orElse(true)
        ? "image/png"
        : "image/jpeg";
  }

  /** What kiosk.config carries: only what is set. */
  public Map<String, Object> forKiosk() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!councilName.isEmpty()) {
      m.put("councilName", councilName);
    }
    colour.ifPresent(c -> m.put("councilColour", c));
    if (logo.isPresent()) {
      m.put("councilLogo", true);
    }
    return m;
  }
}
