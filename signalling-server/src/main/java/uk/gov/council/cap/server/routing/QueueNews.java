package uk.gov.council.cap.server.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.sites.NextOpening;

/**
 * What residents and advisors are told about the queue: its snapshot for consoles, each waiting
 * kiosk's place and estimated wait, and why a call cannot be taken. Runs on the desk's thread.
 */
final class QueueNews {
  private final ProtocolCodec codec;
  private final Clock clock;
  private final CallQueue queue;
  private final Advisors advisors;
  private final KioskLinks kioskLinks;
  private final WaitEstimator estimator;

  QueueNews(
      ProtocolCodec codec,
      Clock clock,
      CallQueue queue,
      Advisors advisors,
      KioskLinks kioskLinks,
      WaitEstimator estimator) {
    this.codec = codec;
    this.clock = clock;
    this.queue = queue;
    this.advisors = advisors;
    this.kioskLinks = kioskLinks;
    this.estimator = estimator;
  }

  /** Every advisor gets the queue; every waiting kiosk its place and wait, if they changed. */
  void publish() {
    String snapshot = snapshot();
    for (AdvisorPresence a : advisors.all()) {
      a.peer.send(snapshot);
    }
    for (QueueEntry e : queue.entries()) {
      KioskLink link = kioskLinks.get(e.kioskId);
      if (link != null) {
        sendQueued(link, e, false);
      }
    }
  }

  /**
   * @param always send even if the place and the estimate are as last sent (a new or resumed call)
   */
  void sendQueued(KioskLink link, QueueEntry entry, boolean always) {
    int position = queue.positionOf(entry);
    int free = 0;
    int working = 0;
    for (AdvisorPresence a : advisors.all()) {
      if (advisors.serves(a, entry.need(clock.now()))) {
        if (a.isFree()) {
          free++;
        }
        if (a.status != AdvisorStatus.AWAY) {
          working++;
        }
      }
    }
    long estimate = estimator.estimateSeconds(position, free, working);
    if (always || position != entry.lastSentPosition || estimate != entry.lastSentEstimate) {
      entry.lastSentPosition = position;
      entry.lastSentEstimate = estimate;
      link.peer()
          .send(
              codec.encode(
                  MessageType.CALL_QUEUED,
                  Map.of(
                      "callId",
                      entry.callId,
                      "position",
                      position,
                      "estimatedWaitSeconds",
                      estimate)));
    }
  }

  /** The resident cannot be put through now, and is told why and how else to reach the council. */
  void unavailable(KioskLink link, String reason, String message) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("reason", reason);
    p.put("phone", link.site().phone());
    p.put("openingHours", link.site().openingHours().text());
    p.put("message", message);
    NextOpening.describe(link.site(), clock.now()).ifPresent(next -> p.put("nextOpening", next));
    link.peer().send(codec.encode(MessageType.CALL_UNAVAILABLE, p));
  }

  String snapshot() {
    return codec.encode(MessageType.QUEUE_SNAPSHOT, snapshotPayload());
  }

  /** The queue as the console's REST call sees it. */
  String snapshotJson() {
    return codec.json().valueToTree(snapshotPayload()).toString();
  }

  private ObjectNode snapshotPayload() {
    return queue.snapshot(codec.json(), clock.now());
  }
}
