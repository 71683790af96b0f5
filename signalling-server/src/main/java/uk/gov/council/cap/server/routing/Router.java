package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;

/**
 * Offers waiting calls to advisors, oldest call first, to the advisor the {@link RoutingRules}
 * choose; takes offers back when they lapse, are declined or their advisor goes. Touched only on
 * the desk's thread.
 */
final class Router {
  private final RoutingRules rules;
  private final List<QueueEntry> queue;
  private final Advisors advisors;
  private final CallLedger ledger;
  private final ProtocolCodec codec;
  private final Clock clock;
  private final Duration offerTimeout;
  private final RoutingPolicy policy;

  Router(
      RoutingRules rules,
      List<QueueEntry> queue,
      Advisors advisors,
      CallLedger ledger,
      ProtocolCodec codec,
      Clock clock,
      Duration offerTimeout,
      RoutingPolicy policy) {
    this.rules = rules;
    this.queue = queue;
    this.advisors = advisors;
    this.ledger = ledger;
    this.codec = codec;
    this.clock = clock;
    this.offerTimeout = offerTimeout;
    this.policy = policy;
  }

  /** Offers every waiting call that has a free advisor who serves it, oldest call first. */
  void dispatch() {
    for (QueueEntry entry : queue) {
      if (!entry.isOffered()) {
        rules.choose(entry, advisors.freeFor(entry, clock.now())).ifPresent(a -> offer(entry, a));
      }
    }
  }

  /**
   * Takes back offers nobody answered in time; true if there were any. The call goes straight to
   * the next free advisor who serves it (the one who missed it is kept busy with the old offer
   * while the others are tried); the one who missed it is told plainly where it went, and set Away
   * only after {@link RoutingPolicy#missedOffersBeforeAway} misses in a row, so one slow click does
   * not take them out of the queue. The call keeps its place, so the resident's place stays true.
   */
  boolean expireOffers(Instant now) {
    List<QueueEntry> lapsed = new ArrayList<>();
    for (QueueEntry e : queue) {
      if (e.isOffered() && !now.isBefore(e.offerExpiresAt)) {
        lapsed.add(e);
      }
    }
    if (lapsed.isEmpty()) {
      return false;
    }
    List<AdvisorPresence> missedBy = new ArrayList<>();
    for (QueueEntry e : lapsed) {
      AdvisorPresence a = advisors.get(e.offeredTo);
      e.missedBy.add(e.offeredTo);
      e.clearOffer();
      missedBy.add(a);
    }
    dispatch();
    for (int i = 0; i < lapsed.size(); i++) {
      QueueEntry e = lapsed.get(i);
      AdvisorPresence a = missedBy.get(i);
      if (a == null) {
        continue;
      }
      a.offeredCallId = null;
      a.missedInRow++;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("callId", e.callId);
      p.put("reason", "expired");
      p.put("kioskName", e.kioskName);
      p.put("next", e.isOffered() ? "another_advisor" : "waiting");
      boolean away = a.missedInRow >= policy.missedOffersBeforeAway();
      p.put("away", away);
      a.peer.send(codec.encode(MessageType.CALL_OFFER_WITHDRAWN, p));
      ledger.declined(e, a.staff, "expired");
      if (away) {
        a.status = AdvisorStatus.AWAY;
        advisors.sendState(a);
      }
    }
    dispatch();
    return true;
  }

  private void offer(QueueEntry entry, AdvisorPresence advisor) {
    Instant now = clock.now();
    entry.offeredTo = advisor.staff.id();
    entry.offerExpiresAt = now.plus(offerTimeout);
    advisor.offeredCallId = entry.callId;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("callId", entry.callId);
    p.put("caseId", entry.caseId);
    p.put("caseReference", entry.caseReference);
    p.put("kioskName", entry.kioskName);
    p.put("siteName", entry.siteName);
    p.put("theme", entry.theme);
    p.put("language", entry.language);
    p.put("textFirst", entry.textFirst);
    p.put("queuedAt", entry.queuedAt.toString());
    p.put("expiresInSeconds", offerTimeout.toSeconds());
    advisor.peer.send(codec.encode(MessageType.CALL_OFFER, p));
  }

  /**
   * Takes an offer back; the call keeps its place. An advisor who declined it is set Away: a
   * Decline is their choice of "not now" (ADR 0047), and it is not counted as a miss.
   */
  void withdrawOffer(QueueEntry entry, String reason, boolean setAdvisorAway) {
    if (!entry.isOffered()) {
      return;
    }
    AdvisorPresence a = advisors.get(entry.offeredTo);
    entry.clearOffer();
    if (a != null) {
      a.offeredCallId = null;
      a.peer.send(
          codec.encode(
              MessageType.CALL_OFFER_WITHDRAWN, Map.of("callId", entry.callId, "reason", reason)));
      if (setAdvisorAway) {
        a.status = AdvisorStatus.AWAY;
        ledger.declined(entry, a.staff, reason);
        advisors.sendState(a);
      }
    }
  }
}
