package uk.gov.council.cap.protocol;

/** Machine-readable reasons carried by an {@code error} message; the message text is for people. */
public enum ErrorCode {
  MALFORMED("malformed"),
  UNSUPPORTED_VERSION("unsupported_version"),
  UNKNOWN_TYPE("unknown_type"),
  INVALID_PAYLOAD("invalid_payload"),
  FORBIDDEN("forbidden"),
  NOT_YOUR_CALL("not_your_call"),
  CONFLICT("conflict"),
  TOO_LARGE("too_large"),
  TOO_MANY("too_many");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
