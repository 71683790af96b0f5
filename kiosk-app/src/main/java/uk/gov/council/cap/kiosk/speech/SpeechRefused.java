package uk.gov.council.cap.kiosk.speech;

/** Why a request to speak was not answered with speech, in words for the technician's log. */
public final class SpeechRefused extends Exception {
  /** What went wrong, with the HTTP status the page is answered with. */
  public enum Why {
    BAD_REQUEST(400),
    TOO_LONG(413),
    REPLACED(409),
    UNAVAILABLE(503),
    TOO_SLOW(504),
    FAILED(502);

    private final int status;

    Why(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Why why;

  public SpeechRefused(Why why, String message) {
    super(message, null, false, false);
    this.why = why;
  }

  public Why why() {
    return why;
  }
}
