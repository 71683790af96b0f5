package uk.gov.council.cap.devices.scanner;

/**
 * What to scan: from the glass or the feeder, at what resolution, in colour, grey or black and
 * white.
 */
public record ScanRequest(Source source, int dpi, Colour colour) {
  public enum Source {
    FLATBED,
    FEEDER
  }

  public enum Colour {
    COLOUR,
    GREY
  }

  public ScanRequest {
    if (dpi < 50 || dpi > 1200)
      throw new IllegalArgumentException("Resolution must be 50 to 1200 dpi");
  }
}
