package uk.gov.council.cap.protocol;

/** Who may put a message on the wire. The server enforces this for every inbound message. */
public enum Sender {
  /** A kiosk, authenticated with the credentials issued at enrolment. */
  KIOSK,
  /** A signed-in member of staff who takes calls (advisor or supervisor role). */
  ADVISOR,
  /** The signalling server itself. */
  SERVER,
  /** The kiosk-app process talking to its own screen over loopback; never crosses the network. */
  KIOSK_APP
}
