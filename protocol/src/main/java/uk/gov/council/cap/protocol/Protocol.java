package uk.gov.council.cap.protocol;

/** Constants of the wire protocol. */
public final class Protocol {
  /** Bumped on any incompatible change; peers reject messages of another version. */
  public static final int VERSION = 1;

  /**
   * Largest message accepted by default, in bytes of UTF-8; an SDP with many candidates fits
   * easily.
   */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024;

  /**
   * Longest message {@code id}, in characters: it is echoed back as {@code ref}, so it must stay
   * short.
   */
  public static final int MAX_ID_CHARS = 64;

  private Protocol() {}
}
