package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A resident waiting for an advisor. Mutable, and touched only on the call desk's thread. */
final class QueueEntry {
  final String callId;
  final String caseId;
  final String caseReference;
  final String kioskId;
  final String kioskName;
  final String siteId;
  final String siteName;
  final String theme;
  final Instant queuedAt;
  // The resident's language on the kiosk (BCP 47), or null if the kiosk did not say.
  final String language;

  /**
   * The resident chose "Type instead of talking": the advisor is told, and starts with Messages.
   * Not kept across a server restart (the resident can say so again in the chat).
   */
  boolean textFirst;

  /**
   * The one advisor this call is meant for (a call parked with them, or passed to them by name), or
   * null for anyone who serves it; {@code targetedAt} is when, from which the overflow wait counts.
   */
  String targetAdvisorId;

  Instant targetedAt;

  /**
   * The advisors who let an offer of this call lapse: it goes to someone else first while anyone
   * else who serves it is free.
   */
  final Set<String> missedBy = new HashSet<>();

  String offeredTo;
  Instant offerExpiresAt;
  Instant noAdvisorSince;
  int lastSentPosition = -1;
  long lastSentEstimate = -1;

  QueueEntry(
      String callId,
      String caseId,
      String caseReference,
      String kioskId,
      String kioskName,
      String siteId,
      String siteName,
      String theme,
      Instant queuedAt,
      String language) {
    this.callId = callId;
    this.caseId = caseId;
    this.caseReference = caseReference;
    this.kioskId = kioskId;
    this.kioskName = kioskName;
    this.siteId = siteId;
    this.siteName = siteName;
    this.theme = theme;
    this.queuedAt = queuedAt;
    this.language = language;
  }

  /** What the call needs, as if it had just joined the queue (no overflow yet). */
  CallNeed need() {
    return new CallNeed(siteId, theme, language, Duration.ZERO, targetAdvisorId);
  }

  /** What the call needs now: it has waited since it joined the queue or was meant for one. */
  CallNeed need(Instant now) {
    Instant since = targetAdvisorId != null && targetedAt != null ? targetedAt : queuedAt;
    return new CallNeed(siteId, theme, language, Duration.between(since, now), targetAdvisorId);
  }

  boolean isOffered() {
    return offeredTo != null;
  }

  void clearOffer() {
    offeredTo = null;
    offerExpiresAt = null;
  }
}
