package uk.gov.council.cap.server.calls;

/** Why a call ended, as sent in {@code call.ended} and kept on the contact. */
public enum EndReason {
  HANGUP_KIOSK("hangup_kiosk", "The resident ended the call"),
  HANGUP_ADVISOR("hangup_advisor", "The advisor ended the call"),
  KIOSK_DISCONNECTED("kiosk_disconnected", "The kiosk lost its connection"),
  KIOSK_SCREEN_LOST("kiosk_screen_lost", "The kiosk's screen stopped"),
  ADVISOR_DISCONNECTED("advisor_disconnected", "The advisor lost their connection"),
  // The advisor is not coming back to these: the call ends at once rather than being held.
  ADVISOR_TURNED_OFF(
      "advisor_turned_off", "The call ended because the advisor's account was turned off"),
  ADVISOR_ROLE_CHANGED("advisor_role_changed", "The call ended because the advisor's role changed"),
  CANCELLED("cancelled", "The resident cancelled while waiting"),
  NO_ADVISORS("no_advisors", "No advisor was signed in"),
  CLOSED("closed", "The site closed"),
  SERVER_RESTART("server_restart", "The server restarted during the call"),
  ABANDONED("abandoned", "The kiosk did not come back after a restart or lost connection");

  private final String wire;
  private final String description;

  EndReason(String wire, String description) {
    this.wire = wire;
    this.description = description;
  }

  public String wire() {
    return wire;
  }

  public String description() {
    return description;
  }
}
