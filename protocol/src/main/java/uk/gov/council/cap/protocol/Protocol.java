package uk.gov.council.cap.protocol;

/** Constants of the wire protocol. */
public final class Protocol {
    /** Bumped on any incompatible change; peers reject messages of another version. */
    public static final int VERSION = 1;
    /** Largest text frame accepted, in characters; an SDP with many candidates fits easily. */
    public static final int MAX_MESSAGE_CHARS = 256 * 1024;

    private Protocol() {
    }
}
