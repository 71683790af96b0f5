package uk.gov.council.cap.server.routing;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.calls.CallState;
import uk.gov.council.cap.server.calls.EndReason;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;

/**
 * What a previous run left live in the database: connected calls are ended at their last "alive"
 * stamp, and queued calls keep their places for their kiosks to come back.
 */
final class RestartRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(RestartRecovery.class);
  private final CallLedger ledger;
  private final KioskRepository kiosks;
  private final SiteRepository sites;
  private final CaseRepository cases;

  RestartRecovery(
      CallLedger ledger, KioskRepository kiosks, SiteRepository sites, CaseRepository cases) {
    this.ledger = ledger;
    this.kiosks = kiosks;
    this.sites = sites;
    this.cases = cases;
  }

  void recover(CallQueue queue, Instant now) {
    for (CallRecord c : ledger.inState(CallState.CONNECTED)) {
      QueueEntry e = entryFor(c);
      // The call ended when the server stopped, not now: its last "alive" stamp is the truest time
      // we have.
      ledger.ended(e, EndReason.SERVER_RESTART, c.answeredAt(), ledger.lastAlive(c), "system");
    }
    for (CallRecord c : ledger.inState(CallState.QUEUED)) {
      queue.suspend(entryFor(c), now);
    }
    if (queue.suspendedCount() > 0) {
      LOG.info(
          "{} queued call(s) from before the restart are waiting for their kiosks to reconnect",
          queue.suspendedCount());
    }
  }

  private QueueEntry entryFor(CallRecord c) {
    Kiosk kiosk = kiosks.find(c.kioskId()).orElseThrow();
    Site site = sites.find(kiosk.siteId()).orElseThrow();
    CaseRecord caseRecord = cases.find(c.caseId()).orElseThrow();
    return new QueueEntry(
        c.id(),
        c.caseId(),
        caseRecord.reference(),
        kiosk.id(),
        kiosk.name(),
        site.id(),
        site.name(),
        c.theme(),
        c.queuedAt(),
        c.language());
  }
}
