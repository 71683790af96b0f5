package uk.gov.council.cap.server.routing;

/** The two sides of a connected call, as named on the wire. */
enum CallParty {
  KIOSK("kiosk"),
  ADVISOR("advisor");

  private final String wire;

  CallParty(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }
}
