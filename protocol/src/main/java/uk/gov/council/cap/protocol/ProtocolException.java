package uk.gov.council.cap.protocol;

/**
 * A message that cannot be accepted; turned into an {@code error} reply, never a closed connection.
 */
public class ProtocolException extends Exception {
  private final ErrorCode code;
  private final String ref;

  public ProtocolException(ErrorCode code, String message, String ref) {
    super(message);
    this.code = code;
    this.ref = ref;
  }

  public ErrorCode code() {
    return code;
  }

  /** The offending message's id, when it had a readable one. */
  public String ref() {
    return ref;
  }
}
