package uk.gov.council.cap.server.routing;

import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.signalling.Peer;
import uk.gov.council.cap.server.sites.Site;

/** A connected kiosk, its site's settings as last sent to it, and its connection. */
record KioskLink(Kiosk kiosk, Site site, Peer peer) {}
