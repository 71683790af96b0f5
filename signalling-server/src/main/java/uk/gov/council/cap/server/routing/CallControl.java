package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.calls.EndReason;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CapabilityRouter;
import uk.gov.council.cap.server.media.MediaBackend;
import uk.gov.council.cap.server.signalling.Peer;

/**
 * Connected calls: starting the media, relaying between the two sides, holding a call through a
 * side that dropped and resuming it, and ending it. Touched only on the desk's thread.
 */
final class CallControl {
  private final ProtocolCodec codec;
  private final Clock clock;
  private final Duration callResumeGrace;
  private final Duration aliveEvery;
  private final CallLedger ledger;
  private final MediaBackend media;
  private final Advisors advisors;
  private final KioskLinks kioskLinks;
  private final WaitEstimator estimator;
  // Told after a call ends, so the desk offers the advisor's freed place and republishes the queue.
  private final Runnable afterEnd;
  private final Map<String, ActiveCall> activeCalls = new HashMap<>();
  private final ParkedCalls parked;

  /** Connected calls whose case already records that the resident used speech. */
  private final java.util.Set<String> speechRecorded = new java.util.HashSet<>();

  /** Connected calls waiting for a side that dropped, by call id. */
  private final Map<String, CallPause> paused = new HashMap<>();

  private Instant lastAliveStamp = Instant.MIN;
  private volatile CapabilityRouter capabilities = new CapabilityRouter(List.of(), null);

  CallControl(
      ProtocolCodec codec,
      Clock clock,
      CallDesk.Timings timings,
      CallLedger ledger,
      MediaBackend media,
      Advisors advisors,
      KioskLinks kioskLinks,
      WaitEstimator estimator,
      ParkedCalls parked,
      Runnable afterEnd) {
    this.codec = codec;
    this.clock = clock;
    this.callResumeGrace = timings.callResumeGrace();
    this.aliveEvery = timings.aliveEvery();
    this.ledger = ledger;
    this.media = media;
    this.advisors = advisors;
    this.kioskLinks = kioskLinks;
    this.estimator = estimator;
    this.parked = parked;
    this.afterEnd = afterEnd;
  }

  void setCapabilities(CapabilityRouter capabilities) {
    this.capabilities = capabilities;
  }

  CapabilityRouter capabilities() {
    return capabilities;
  }

  /** The connected call with this id, or null. */
  ActiveCall get(String callId) {
    return callId == null ? null : activeCalls.get(callId);
  }

  Collection<ActiveCall> all() {
    return activeCalls.values();
  }

  Optional<ActiveCall> ofKiosk(String kioskId) {
    return activeCalls.values().stream().filter(c -> c.kioskId().equals(kioskId)).findFirst();
  }

  /** The pause a call is in, waiting for a side that dropped, or null. */
  CallPause pauseOf(String callId) {
    return paused.get(callId);
  }

  /** The advisor accepted: the call is connected, and its media starts. */
  ActiveCall connect(QueueEntry entry, AdvisorPresence p) {
    Instant now = clock.now();
    ActiveCall call = new ActiveCall(entry, p.staff.id(), now);
    activeCalls.put(entry.callId, call);
    ledger.connected(entry, p.staff, now);
    sendConnected(call, p, kioskLinks.get(entry.kioskId), false);
    return call;
  }

  boolean isParked(String callId) {
    return parked.isParked(callId);
  }

  /**
   * The advisor parks their call while the resident fills a form (ADR 0047): both sides stop their
   * media, the call stays connected to the kiosk (its form still takes answers) and on the case,
   * and the advisor is Available for another call, with the parked call listed on their console.
   */
  void park(ActiveCall call, AdvisorPresence a) {
    Instant now = clock.now();
    parked.park(new ParkedCalls.Parked(call.callId(), call.entry().kioskName, a.staff.id(), now));
    ledger.parkStep(
        call.entry(),
        "call.parked",
        "Parked by " + a.staff.displayName() + " while the resident fills a form",
        a.staff.auditName());
    String frame = parkedMessage(call, now);
    KioskLink link = kioskLinks.get(call.kioskId());
    if (link != null) {
      link.peer().send(frame);
    }
    a.peer.send(frame);
    a.activeCallId = null;
    a.status = AdvisorStatus.AVAILABLE;
    a.idleSince = now;
    advisors.sendState(a);
    afterEnd.run();
  }

  private String parkedMessage(ActiveCall call, Instant since) {
    return codec.encode(
        MessageType.CALL_PARKED,
        Map.of(
            "callId",
            call.callId(),
            "kioskName",
            call.entry().kioskName,
            "since",
            since.toString()));
  }

  /**
   * An advisor accepted a parked call the resident called back: it is theirs now (the one who
   * parked it, or anyone who serves it after the overflow wait), on the same call and case, and its
   * media starts again.
   */
  ActiveCall retake(QueueEntry entry, AdvisorPresence p) {
    ActiveCall old = activeCalls.get(entry.callId);
    ParkedCalls.Parked was = parked.remove(entry.callId);
    entry.targetAdvisorId = null;
    entry.targetedAt = null;
    ActiveCall call = new ActiveCall(entry, p.staff.id(), old.answeredAt());
    activeCalls.put(entry.callId, call);
    ledger.parkStep(
        entry,
        "call.unparked",
        p.staff.displayName() + " took the parked call back",
        p.staff.auditName());
    if (was != null && !was.advisorId().equals(p.staff.id())) {
      AdvisorPresence parker = advisors.get(was.advisorId());
      if (parker != null) {
        advisors.sendState(parker);
      }
    }
    KioskLink link = kioskLinks.get(entry.kioskId);
    sendConnected(call, p, link, true);
    capabilities.callResumed(parties(call));
    return call;
  }

  /** Both sides' RTC signals pass through unchanged. */
  void relaySignal(ActiveCall call, CallParty from, Envelope msg) {
    sendToOtherParty(call, from, codec.encode(MessageType.RTC_SIGNAL, msg.payload()));
  }

  /** Ends the calls whose missing side did not come back within the grace. */
  void endLapsedPauses(Instant now) {
    for (Map.Entry<String, CallPause> e : new ArrayList<>(paused.entrySet())) {
      ActiveCall call = activeCalls.get(e.getKey());
      if (call != null && e.getValue().expired(now, callResumeGrace)) {
        end(call, e.getValue().reason(), "system", e.getValue().since());
      }
    }
  }

  private void error(Peer peer, ErrorCode code, String message, String ref) {
    peer.send(codec.error(code, message, ref));
  }

  /**
   * The connected call a message names, if it is the sender's own; otherwise an error to the
   * sender.
   */
  Optional<ActiveCall> ownCall(KioskLink link, Envelope msg) {
    ActiveCall call = activeCalls.get(msg.text("callId"));
    if (call == null || !call.kioskId().equals(link.kiosk().id())) {
      error(link.peer(), ErrorCode.NOT_YOUR_CALL, "This kiosk is not in that call.", msg.id());
      return Optional.empty();
    }
    return Optional.of(call);
  }

  Optional<ActiveCall> ownCall(AdvisorPresence p, Envelope msg) {
    ActiveCall call = activeCalls.get(msg.text("callId"));
    if (call == null || !call.advisorId().equals(p.staff.id())) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "You are not in that call.", msg.id());
      return Optional.empty();
    }
    return Optional.of(call);
  }

  /**
   * One side of a connected call has gone. The other side is told at once; the call waits for the
   * missing side for the resume grace. If the other side goes too, nobody is left to wait for: the
   * call ends now.
   */
  void pause(ActiveCall call, CallParty party, EndReason reason, Instant since) {
    CallPause already = paused.get(call.callId());
    if (already != null) {
      if (already.party() != party) {
        end(call, already.reason(), "system", already.since());
      }
      return;
    }
    CallPause pause = new CallPause(party, reason, since);
    paused.put(call.callId(), pause);
    ledger.paused(call.entry(), pause);
    sendToOtherParty(call, party, pausedMessage(call, pause));
  }

  /** Sends to the side of the call that is not {@code from}, if it is connected. */
  void sendToOtherParty(ActiveCall call, CallParty from, String frame) {
    if (parked.isParked(call.callId())) {
      // Nobody is on the other end of a parked call: its advisor may be in another call now.
      return;
    }
    if (from == CallParty.KIOSK) {
      AdvisorPresence a = advisors.get(call.advisorId());
      if (a != null) {
        a.peer.send(frame);
      }
    } else {
      KioskLink link = kioskLinks.get(call.kioskId());
      if (link != null) {
        link.peer().send(frame);
      }
    }
  }

  String pausedMessage(ActiveCall call, CallPause pause) {
    return codec.encode(
        MessageType.CALL_PAUSED,
        Map.of(
            "callId",
            call.callId(),
            "party",
            pause.party().wire(),
            "reason",
            pause.reason().wire(),
            "resumeWithinSeconds",
            pause.secondsLeft(clock.now(), callResumeGrace)));
  }

  /**
   * The kiosk's screen is ready again (or asks for fresh media): the call carries on if the advisor
   * is there.
   */
  void kioskRejoins(ActiveCall call) {
    CallPause pause = paused.get(call.callId());
    if (pause != null && pause.party() == CallParty.ADVISOR) {
      // The advisor is the one missing; the kiosk keeps waiting, and is told so again.
      KioskLink link = kioskLinks.get(call.kioskId());
      if (link != null) {
        link.peer().send(pausedMessage(call, pause));
      }
      return;
    }
    resume(call);
  }

  /**
   * Both sides are here: each gets call.connected again with {@code resumed}, and the advisor
   * offers new media.
   */
  void resume(ActiveCall call) {
    if (parked.isParked(call.callId())) {
      // A kiosk back from a drop while parked: its form carries on, still parked.
      ParkedCalls.Parked p = parked.get(call.callId());
      CallPause pause = paused.remove(call.callId());
      if (pause != null) {
        ledger.callResumed(call.entry(), pause, clock.now());
      }
      KioskLink link = kioskLinks.get(call.kioskId());
      if (link != null) {
        link.peer().send(parkedMessage(call, p.since()));
      }
      return;
    }
    CallPause pause = paused.remove(call.callId());
    AdvisorPresence a = advisors.get(call.advisorId());
    KioskLink link = kioskLinks.get(call.kioskId());
    if (a == null || link == null) {
      if (pause != null) {
        paused.put(call.callId(), pause);
      }
      return;
    }
    if (pause != null) {
      ledger.callResumed(call.entry(), pause, clock.now());
    }
    sendConnected(call, a, link, true);
    capabilities.callResumed(parties(call));
  }

  /**
   * Starts (or, when {@code resumed}, restarts) the call's media: the advisor offers, the kiosk
   * answers.
   */
  private void sendConnected(ActiveCall call, AdvisorPresence p, KioskLink link, boolean resumed) {
    QueueEntry entry = call.entry();
    String callId = call.callId();
    MediaBackend.MediaPlan plan = media.plan(callId, "kiosk-" + entry.kioskId, p.staff.username());
    Map<String, Object> toAdvisor = new LinkedHashMap<>();
    toAdvisor.put("callId", callId);
    toAdvisor.put("role", "offerer");
    toAdvisor.put("media", plan.media());
    toAdvisor.put("iceServers", plan.advisorIceServers());
    toAdvisor.put("caseId", entry.caseId);
    toAdvisor.put("caseReference", entry.caseReference);
    toAdvisor.put("kioskName", entry.kioskName);
    toAdvisor.put("siteName", entry.siteName);
    toAdvisor.put("language", entry.language);
    toAdvisor.put("textFirst", entry.textFirst);
    toAdvisor.put("resumed", resumed);
    p.peer.send(codec.encode(MessageType.CALL_CONNECTED, toAdvisor));
    advisors.sendState(p);
    if (link != null) {
      Map<String, Object> toKiosk = new LinkedHashMap<>();
      toKiosk.put("callId", callId);
      toKiosk.put("role", "answerer");
      toKiosk.put("media", plan.media());
      toKiosk.put("iceServers", plan.kioskIceServers());
      toKiosk.put("advisorName", firstName(p.staff.displayName()));
      toKiosk.put("caseReference", entry.caseReference);
      toKiosk.put("resumed", resumed);
      link.peer().send(codec.encode(MessageType.CALL_CONNECTED, toKiosk));
    }
  }

  void relayMedia(ActiveCall call, CallParty from, Envelope msg) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("callId", call.callId());
    p.put("camera", msg.payload().path("camera").asBoolean());
    p.put("microphone", msg.payload().path("microphone").asBoolean());
    // Turned off by the resident's own choice (issue 16), not a fault: the console says so.
    if (msg.payload().path("muted").asBoolean(false)) {
      p.put("muted", true);
    }
    if (msg.payload().path("cameraOff").asBoolean(false)) {
      p.put("cameraOff", true);
    }
    p.put("party", from.wire());
    sendToOtherParty(call, from, codec.encode(MessageType.CALL_MEDIA, p));
  }

  /** Typed text goes to both screens (so each shows the same conversation) and onto the case. */
  void relayText(ActiveCall call, CallParty from, String author, Envelope msg) {
    String text = msg.text("text").strip();
    if (text.isEmpty() || parked.isParked(call.callId())) {
      return;
    }
    ledger.text(call.entry(), from, author, text);
    String frame =
        codec.encode(
            MessageType.CALL_TEXT,
            Map.of(
                "callId",
                call.callId(),
                "text",
                text,
                "party",
                from.wire(),
                "at",
                clock.now().toString()));
    KioskLink link = kioskLinks.get(call.kioskId());
    if (link != null) {
      link.peer().send(frame);
    }
    AdvisorPresence a = advisors.get(call.advisorId());
    if (a != null) {
      a.peer.send(frame);
    }
  }

  /**
   * The resident is using the kiosk's own help (Listen reads the screen aloud): the advisor is told
   * each time the kiosk says so (a reloaded console learns it again after a resume), the case once
   * per call.
   */
  void relayAssist(ActiveCall call, String kioskName, Envelope msg) {
    boolean speech = msg.payload().path("speech").asBoolean();
    if (speech && speechRecorded.add(call.callId())) {
      ledger.assist(
          call.entry(), kioskName, "The resident used Listen (the kiosk read its screen aloud)");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("callId", call.callId());
    p.put("speech", speech);
    p.put("party", CallParty.KIOSK.wire());
    sendToOtherParty(call, CallParty.KIOSK, codec.encode(MessageType.CALL_ASSIST, p));
  }

  /**
   * Connected calls with both sides here are stamped alive every few seconds: their true end after
   * a crash.
   */
  void stampAlive(Instant now) {
    if (Duration.between(lastAliveStamp, now).compareTo(aliveEvery) < 0
        && !lastAliveStamp.equals(Instant.MIN)) {
      return;
    }
    lastAliveStamp = now;
    List<String> alive =
        activeCalls.keySet().stream().filter(id -> !paused.containsKey(id)).toList();
    if (!alive.isEmpty()) {
      ledger.alive(alive, now);
    }
  }

  /**
   * Ends a connected call: the record, the capabilities, both screens; the advisor goes on to
   * after-call work.
   */
  void end(ActiveCall call, EndReason reason, String actor, Instant endedAt) {
    activeCalls.remove(call.callId());
    paused.remove(call.callId());
    speechRecorded.remove(call.callId());
    ParkedCalls.Parked wasParked = parked.remove(call.callId());
    capabilities.callEnded(parties(call));
    Instant now = endedAt.isBefore(call.answeredAt()) ? call.answeredAt() : endedAt;
    ledger.ended(call.entry(), reason, call.answeredAt(), now, actor);
    String ended =
        codec.encode(
            MessageType.CALL_ENDED, Map.of("callId", call.callId(), "reason", reason.wire()));
    KioskLink link = kioskLinks.get(call.kioskId());
    if (link != null) {
      link.peer().send(ended);
    }
    AdvisorPresence a = advisors.get(call.advisorId());
    if (a != null && call.callId().equals(a.activeCallId)) {
      a.activeCallId = null;
      // After-call work (ADR 0044): Busy in wrap-up until the outcome is saved; the handling time
      // is counted when the wrap-up ends (WrapUps).
      a.status = AdvisorStatus.BUSY;
      a.idleSince = clock.now();
      a.wrapUp = WrapUp.after(call);
      a.peer.send(ended);
      advisors.sendState(a);
    } else {
      if (a != null && wasParked != null) {
        // Their parked list loses the call; their own status is theirs.
        advisors.sendState(a);
      }
      estimator.recordHandled(Duration.between(call.answeredAt(), now));
    }
    afterEnd.run();
  }

  static CallParties parties(ActiveCall call) {
    QueueEntry e = call.entry();
    return new CallParties(
        e.callId, e.caseId, e.caseReference, e.kioskId, e.kioskName, call.advisorId());
  }

  private static String firstName(String displayName) {
    int space = displayName.indexOf(' ');
    return space > 0 ? displayName.substring(0, space) : displayName;
  }
}
