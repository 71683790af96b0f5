package uk.gov.council.cap.devices.printer;

/** The paper a job is printed on, as CUPS names it. */
public enum PaperSize {
  A4("A4", 210, 297),
  /** ID-1 / CR80 card: badges on a card printer, or on card stock in the kiosk printer. */
  CR80("Custom.85.6x53.98mm", 85.6, 53.98);

  private final String cupsMedia;
  private final double widthMm;
  private final double heightMm;

  PaperSize(String cupsMedia, double widthMm, double heightMm) {
    this.cupsMedia = cupsMedia;
    this.widthMm = widthMm;
    this.heightMm = heightMm;
  }

  public String cupsMedia() {
    return cupsMedia;
  }

  public double widthMm() {
    return widthMm;
  }

  public double heightMm() {
    return heightMm;
  }
}
