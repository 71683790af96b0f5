package uk.gov.council.cap.server.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.calls.CallState;
import uk.gov.council.cap.server.calls.EndReason;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;
import uk.gov.council.cap.server.incall.CapabilityRouter;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.media.MediaBackend;
import uk.gov.council.cap.server.signalling.KioskSocketHandler;
import uk.gov.council.cap.server.signalling.Peer;
import uk.gov.council.cap.server.signalling.StaffSocketHandler;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteListener;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * The live heart of the service: the queue, routing of calls to advisors, and call control.
 *
 * <p>All state lives on one thread: every event (a message, a connection, a timer tick) is a task
 * on {@link #thread}. That makes routing decisions simple to reason about and cheap (no locks), and
 * one thread easily keeps up with hundreds of kiosks. Sends to peers are asynchronous, so a slow
 * connection never holds the desk up.
 *
 * <p>Routing rule: the longest-waiting resident goes to the longest-idle available advisor whose
 * themes include the call's theme.
 */
public final class CallDesk
    implements CallPort, KioskSocketHandler, StaffSocketHandler, SiteListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallDesk.class);

  /**
   * Timings of the desk, from configuration. {@code callResumeGrace}: how long a connected call
   * waits for a side that dropped; {@code aliveEvery}: how often connected calls are stamped as
   * alive (their true end after a crash); {@code tick}: how often the desk looks at its timers.
   */
  public record Timings(
      Duration offerTimeout,
      Duration resumeGrace,
      Duration noAdvisorGrace,
      Duration callResumeGrace,
      Duration aliveEvery,
      Duration tick) {}

  private final ProtocolCodec codec;
  private final Clock clock;
  private final Timings timings;
  private final CallLedger ledger;
  private final KioskRepository kiosks;
  private final SiteRepository sites;
  private final CaseRepository cases;
  private final MediaBackend media;
  private final WaitEstimator estimator = new WaitEstimator(Duration.ofMinutes(5));
  private final SerialThread thread;
  // Set on shutdown: events still queued are dropped, so live calls stay as the database has them.
  private volatile boolean closed;
  private final AtomicBoolean tickPending = new AtomicBoolean();

  private final List<QueueEntry> queue = new ArrayList<>();
  private final Map<String, Suspended> suspended = new LinkedHashMap<>();
  private final Map<String, KioskLink> kioskLinks = new HashMap<>();
  private final Map<String, AdvisorPresence> advisors = new HashMap<>();
  private final Map<String, ActiveCall> activeCalls = new HashMap<>();

  /** Connected calls waiting for a side that dropped, by call id. */
  private final Map<String, CallPause> paused = new HashMap<>();

  private Instant lastAliveStamp = Instant.MIN;
  private boolean queueChanged;
  private volatile CapabilityRouter capabilities = new CapabilityRouter(java.util.List.of(), null);

  private record KioskLink(Kiosk kiosk, Site site, Peer peer) {}

  private record Suspended(QueueEntry entry, Instant since) {}

  public CallDesk(
      ProtocolCodec codec,
      Clock clock,
      Timings timings,
      CallLedgerFactory ledgerFactory,
      KioskRepository kiosks,
      SiteRepository sites,
      CaseRepository cases,
      MediaBackend media,
      SerialThread thread) {
    this.codec = codec;
    this.clock = clock;
    this.timings = timings;
    this.ledger = ledgerFactory.ledger();
    this.kiosks = kiosks;
    this.sites = sites;
    this.cases = cases;
    this.media = media;
    this.thread = thread;
  }

  /** Recovers calls left by a previous run, then looks at the desk's timers every tick. */
  public void start(ScheduledExecutorService timer) {
    runOnDesk(this::recoverAfterRestart);
    long every = timings.tick().toMillis();
    timer.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Offers that lapsed, graces that ran out, the queue's news: looked at on the desk thread. At
   * most one tick waits there, so a desk that falls behind is not buried in ticks.
   */
  void tick() {
    if (tickPending.compareAndSet(false, true)) {
      runOnDesk(
          () -> {
            tickPending.set(false);
            checkTimers();
          });
    }
  }

  // ---- events from the sockets; each runs on the desk thread ----

  @Override
  public void kioskConnected(Kiosk kiosk, Peer peer) {
    runOnDesk(
        () -> {
          KioskLink old = kioskLinks.get(kiosk.id());
          if (old != null) {
            handleKioskGone(old, clock.now());
            old.peer().close(4001, "Replaced by a newer connection from the same kiosk");
          }
          Site site = sites.find(kiosk.siteId()).orElseThrow();
          KioskLink link = new KioskLink(kiosk, site, peer);
          kioskLinks.put(kiosk.id(), link);
          sendConfig(link);
          // A kiosk-app that restarted or lost its network mid-call: it rejoins once its screen is
          // ready.
          activeCallOfKiosk(kiosk.id())
              .ifPresent(
                  call -> {
                    CallPause pause = paused.get(call.callId());
                    if (pause != null && pause.party() == CallParty.KIOSK) {
                      peer.send(pausedMessage(call, pause));
                    }
                  });
        });
  }

  /** A site's settings changed: its connected kiosks get their new configuration at once. */
  @Override
  public void siteChanged(Site site) {
    runOnDesk(
        () -> {
          for (KioskLink old : new ArrayList<>(kioskLinks.values())) {
            if (old.site().id().equals(site.id())) {
              KioskLink updated = new KioskLink(old.kiosk(), site, old.peer());
              kioskLinks.put(old.kiosk().id(), updated);
              sendConfig(updated);
            }
          }
        });
  }

  private void sendConfig(KioskLink link) {
    Site site = link.site();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("kioskId", link.kiosk().id());
    config.put("kioskName", link.kiosk().name());
    config.put("siteName", site.name());
    config.put("phone", site.phone());
    config.put("openingHours", site.openingHours().text());
    config.put("idleTimeoutSeconds", site.idleTimeoutSeconds());
    config.put("enquiryThemes", site.enquiryThemes());
    // The call the server holds for this kiosk, if any: a kiosk-app that reconnects learns whether
    // it still has one.
    activeCallOfKiosk(link.kiosk().id()).ifPresent(c -> config.put("activeCallId", c.callId()));
    Map<String, String> devices = kiosks.deviceSettings(link.kiosk().id());
    if (!devices.isEmpty()) {
      config.put("devices", devices);
    }
    link.peer().send(codec.encode(MessageType.KIOSK_CONFIG, config));
  }

  /**
   * A technician changed this kiosk's device settings: it gets its new configuration at once, if
   * connected.
   */
  public void kioskSettingsChanged(String kioskId) {
    runOnDesk(
        () -> {
          KioskLink link = kioskLinks.get(kioskId);
          if (link != null) {
            sendConfig(link);
          }
        });
  }

  /**
   * Whether a resident is queued or in a call at this kiosk now (the fleet page; no screenshots
   * then).
   */
  public boolean kioskBusy(String kioskId) {
    return thread.ask(
        () -> entryOfKiosk(kioskId).isPresent() || activeCallOfKiosk(kioskId).isPresent());
  }

  /** The kiosks with a resident queued or in a call now. */
  public java.util.Set<String> busyKiosks() {
    return thread.ask(
        () -> {
          java.util.Set<String> busy = new java.util.HashSet<>();
          queue.forEach(e -> busy.add(e.kioskId));
          activeCalls.values().forEach(c -> busy.add(c.kioskId()));
          return busy;
        });
  }

  /**
   * @param lastHeard when the kiosk was last heard (a silent link closed as dead), or null for now
   */
  @Override
  public void kioskDisconnected(Kiosk kiosk, Peer peer, Instant lastHeard) {
    runOnDesk(
        () -> {
          KioskLink link = kioskLinks.get(kiosk.id());
          if (link != null && link.peer() == peer) {
            kioskLinks.remove(kiosk.id());
            handleKioskGone(link, lastHeard == null ? clock.now() : lastHeard);
          }
        });
  }

  @Override
  public void advisorConnected(StaffMember staff, Peer peer) {
    runOnDesk(
        () -> {
          AdvisorPresence old = advisors.get(staff.id());
          if (old != null) {
            handleAdvisorGone(old, clock.now());
            old.peer.close(4001, "Signed in from another window");
          }
          AdvisorPresence p = new AdvisorPresence(staff, peer, clock.now());
          advisors.put(staff.id(), p);
          // An advisor whose console reloaded or whose network dropped mid-call is put straight
          // back in it.
          Optional<ActiveCall> waiting =
              activeCalls.values().stream()
                  .filter(
                      c ->
                          c.advisorId().equals(staff.id())
                              && paused.containsKey(c.callId())
                              && paused.get(c.callId()).party() == CallParty.ADVISOR)
                  .findFirst();
          waiting.ifPresent(
              c -> {
                p.activeCallId = c.callId();
                p.status = AdvisorStatus.BUSY;
              });
          sendState(p);
          peer.send(snapshot());
          waiting.ifPresent(this::resume);
        });
  }

  /**
   * @param lastHeard when the console was last heard (a silent socket closed as dead), or null for
   *     now
   */
  @Override
  public void advisorDisconnected(StaffMember staff, Peer peer, Instant lastHeard) {
    runOnDesk(
        () -> {
          AdvisorPresence p = advisors.get(staff.id());
          if (p != null && p.peer == peer) {
            advisors.remove(staff.id());
            handleAdvisorGone(p, lastHeard == null ? clock.now() : lastHeard);
          }
        });
  }

  /**
   * The advisor's sign-in session ended (sign-out, expiry, account turned off, new role): they are
   * gone from the desk at once, so nothing more is offered to them and an offer they held goes to
   * the next advisor. A call they were in is held as for a dropped connection: the resident is told
   * at once, and it ends after the grace unless the advisor signs in again and comes back to it.
   */
  @Override
  public void advisorSessionEnded(StaffMember staff, Peer peer) {
    advisorDisconnected(staff, peer, null);
  }

  @Override
  public void fromKiosk(Kiosk kiosk, Peer peer, Envelope msg) {
    runOnDesk(
        () -> {
          KioskLink link = kioskLinks.get(kiosk.id());
          if (link == null || link.peer() != peer) {
            return;
          }
          switch (msg.type()) {
            case CALL_REQUEST -> callRequested(link, msg);
            case CALL_CANCEL, CALL_HANGUP -> kioskEnds(link, msg);
            case RTC_SIGNAL -> relayFromKiosk(link, msg);
            case CALL_SCREEN_LOST ->
                ownCall(link, msg)
                    .ifPresent(
                        call ->
                            pause(call, CallParty.KIOSK, EndReason.KIOSK_SCREEN_LOST, clock.now()));
            case CALL_REJOIN -> ownCall(link, msg).ifPresent(this::kioskRejoins);
            case CALL_MEDIA ->
                ownCall(link, msg).ifPresent(call -> relayMedia(call, CallParty.KIOSK, msg));
            case CALL_TEXT ->
                ownCall(link, msg)
                    .ifPresent(
                        call -> relayText(call, CallParty.KIOSK, link.kiosk().auditName(), msg));
            default -> {
              if (capabilities.handlesFromKiosk(msg.type())) {
                activeCallOfKiosk(kiosk.id())
                    .ifPresentOrElse(
                        call -> capabilities.fromKiosk(parties(call), msg),
                        () ->
                            error(
                                peer,
                                ErrorCode.NOT_YOUR_CALL,
                                "This kiosk is not in a call.",
                                msg.id()));
              } else {
                error(
                    peer,
                    ErrorCode.FORBIDDEN,
                    "A kiosk may not send " + msg.type().wireName() + ".",
                    msg.id());
              }
            }
          }
        });
  }

  @Override
  public void fromAdvisor(StaffMember staff, Peer peer, Envelope msg) {
    runOnDesk(
        () -> {
          AdvisorPresence p = advisors.get(staff.id());
          if (p == null || p.peer != peer) {
            return;
          }
          switch (msg.type()) {
            case ADVISOR_STATUS -> setStatus(p, AdvisorStatus.valueOf(msg.text("status")));
            case CALL_ACCEPT -> accept(p, msg);
            case CALL_DECLINE -> decline(p, msg);
            case CALL_HANGUP -> advisorHangsUp(p, msg);
            case RTC_SIGNAL -> relayFromAdvisor(p, msg);
            case CALL_MEDIA ->
                ownCall(p, msg).ifPresent(call -> relayMedia(call, CallParty.ADVISOR, msg));
            case CALL_TEXT ->
                ownCall(p, msg)
                    .ifPresent(
                        call -> relayText(call, CallParty.ADVISOR, p.staff.auditName(), msg));
            default -> {
              if (capabilities.handlesFromAdvisor(msg.type())) {
                Optional.ofNullable(p.activeCallId)
                    .map(activeCalls::get)
                    .ifPresentOrElse(
                        call -> capabilities.fromAdvisor(parties(call), staff, msg),
                        () ->
                            error(
                                peer, ErrorCode.NOT_YOUR_CALL, "You are not in a call.", msg.id()));
              } else {
                error(
                    peer,
                    ErrorCode.FORBIDDEN,
                    "The console may not send " + msg.type().wireName() + ".",
                    msg.id());
              }
            }
          }
        });
  }

  /**
   * The capabilities that work inside calls, by the message types they declared (ADR 0034). Set
   * once, before {@link #start()}.
   */
  public void setCapabilities(CapabilityRouter capabilities) {
    this.capabilities = capabilities;
  }

  private static CallParties parties(ActiveCall call) {
    QueueEntry e = call.entry();
    return new CallParties(
        e.callId, e.caseId, e.caseReference, e.kioskId, e.kioskName, call.advisorId());
  }

  /** The connected call with this id, if it is in progress now. */
  @Override
  public Optional<CallParties> callInProgress(String callId) {
    return thread.ask(() -> Optional.ofNullable(activeCalls.get(callId)).map(CallDesk::parties));
  }

  /** Sends a frame to the kiosk and/or the advisor of a call, if the call is still in progress. */
  @Override
  public void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor) {
    runOnDesk(
        () -> {
          ActiveCall call = activeCalls.get(callId);
          if (call == null) {
            return;
          }
          KioskLink link = kioskLinks.get(call.kioskId());
          if (toKiosk && link != null) {
            link.peer().send(frame);
          }
          AdvisorPresence a = advisors.get(call.advisorId());
          if (toAdvisor && a != null) {
            a.peer.send(frame);
          }
        });
  }

  /**
   * Sends a frame to a signed-in advisor, whether or not they are in a call (a payment settling
   * after the call).
   */
  @Override
  public void sendToAdvisor(String staffId, String frame) {
    runOnDesk(
        () -> {
          AdvisorPresence a = advisors.get(staffId);
          if (a != null) {
            a.peer.send(frame);
          }
        });
  }

  /** The queue as the console's REST call sees it; computed on the desk thread. */
  public String queueSnapshotJson() {
    return thread.ask(this::snapshotPayloadJson);
  }

  // ---- kiosk side ----

  private void callRequested(KioskLink link, Envelope msg) {
    Peer peer = link.peer();
    if (entryOfKiosk(link.kiosk().id()).isPresent()
        || activeCallOfKiosk(link.kiosk().id()).isPresent()) {
      error(peer, ErrorCode.CONFLICT, "This kiosk already has a call in progress.", msg.id());
      return;
    }
    String resumeId = msg.text("resumeCallId");
    if (resumeId != null) {
      Suspended s = suspended.get(resumeId);
      if (s != null && s.entry().kioskId.equals(link.kiosk().id())) {
        suspended.remove(resumeId);
        insertInOrder(s.entry());
        ledger.resumed(s.entry());
        sendQueued(link, s.entry(), true);
        afterQueueChange();
        return;
      }
      // Unknown or expired: the resident still wants to talk, so treat it as a new call.
    }
    Site site = link.site();
    Instant now = clock.now();
    String theme = chooseTheme(site, msg.text("theme"));
    if (theme == null) {
      error(
          peer,
          ErrorCode.INVALID_PAYLOAD,
          "This site does not offer the enquiry theme \"" + msg.text("theme") + "\".",
          msg.id());
      return;
    }
    if (!site.openingHours().isOpen(now, site.timeZone())) {
      unavailable(
          link,
          "closed",
          "We are closed at the moment. Our opening hours are: "
              + site.openingHours().text()
              + ".");
      return;
    }
    if (signedInAdvisorsFor(theme) == 0) {
      unavailable(link, "no_advisors", "Sorry, no advisors are available right now.");
      return;
    }
    QueueEntry entry = ledger.open(link.kiosk(), site, theme, now);
    insertInOrder(entry);
    sendQueued(link, entry, true);
    afterQueueChange();
  }

  private String chooseTheme(Site site, String requested) {
    if (requested == null || requested.isBlank()) {
      return site.defaultTheme();
    }
    return site.enquiryThemes().contains(requested) || site.themes().contains(requested)
        ? requested
        : null;
  }

  private void unavailable(KioskLink link, String reason, String message) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("reason", reason);
    p.put("phone", link.site().phone());
    p.put("openingHours", link.site().openingHours().text());
    p.put("message", message);
    link.peer().send(codec.encode(MessageType.CALL_UNAVAILABLE, p));
  }

  private void kioskEnds(KioskLink link, Envelope msg) {
    String callId = msg.text("callId");
    Optional<ActiveCall> active = Optional.ofNullable(activeCalls.get(callId));
    if (active.isPresent()) {
      if (!active.get().kioskId().equals(link.kiosk().id())) {
        error(link.peer(), ErrorCode.NOT_YOUR_CALL, "That call is not this kiosk's.", msg.id());
        return;
      }
      endActive(active.get(), EndReason.HANGUP_KIOSK, link.kiosk().auditName(), clock.now());
      return;
    }
    Optional<QueueEntry> waiting = queue.stream().filter(e -> e.callId.equals(callId)).findFirst();
    if (waiting.isEmpty()) {
      error(
          link.peer(),
          ErrorCode.CONFLICT,
          "That call is not waiting or connected any more.",
          msg.id());
      return;
    }
    if (!waiting.get().kioskId.equals(link.kiosk().id())) {
      error(link.peer(), ErrorCode.NOT_YOUR_CALL, "That call is not this kiosk's.", msg.id());
      return;
    }
    endWaiting(waiting.get(), EndReason.CANCELLED, link.kiosk().auditName());
  }

  private void relayFromKiosk(KioskLink link, Envelope msg) {
    ActiveCall call = activeCalls.get(msg.text("callId"));
    if (call == null || !call.kioskId().equals(link.kiosk().id())) {
      error(link.peer(), ErrorCode.NOT_YOUR_CALL, "This kiosk is not in that call.", msg.id());
      return;
    }
    AdvisorPresence advisor = advisors.get(call.advisorId());
    if (advisor != null) {
      advisor.peer.send(codec.encode(MessageType.RTC_SIGNAL, msg.payload()));
    }
  }

  private void handleKioskGone(KioskLink link, Instant lastHeard) {
    String kioskId = link.kiosk().id();
    activeCallOfKiosk(kioskId)
        .ifPresent(c -> pause(c, CallParty.KIOSK, EndReason.KIOSK_DISCONNECTED, lastHeard));
    entryOfKiosk(kioskId)
        .ifPresent(
            entry -> {
              queue.remove(entry);
              withdrawOffer(entry, "kiosk_disconnected", false);
              // Keep its place for a while: kiosk-app resumes it when the network comes back.
              suspended.put(entry.callId, new Suspended(entry, clock.now()));
              afterQueueChange();
            });
  }

  // ---- advisor side ----

  private void setStatus(AdvisorPresence p, AdvisorStatus status) {
    if (p.status != AdvisorStatus.AVAILABLE && status == AdvisorStatus.AVAILABLE) {
      p.idleSince = clock.now();
    }
    p.status = status;
    if (status != AdvisorStatus.AVAILABLE && p.offeredCallId != null) {
      entryById(p.offeredCallId).ifPresent(e -> withdrawOffer(e, "declined", false));
    }
    sendState(p);
    dispatch();
    queueChanged = true;
  }

  private void accept(AdvisorPresence p, Envelope msg) {
    String callId = msg.text("callId");
    if (!callId.equals(p.offeredCallId)) {
      boolean someoneElses =
          activeCalls.containsKey(callId)
              || entryById(callId).map(QueueEntry::isOffered).orElse(false);
      error(
          p.peer,
          someoneElses ? ErrorCode.NOT_YOUR_CALL : ErrorCode.CONFLICT,
          someoneElses
              ? "That call was offered to someone else."
              : "That call is no longer waiting.",
          msg.id());
      return;
    }
    QueueEntry entry = entryById(callId).orElseThrow();
    queue.remove(entry);
    entry.clearOffer();
    p.offeredCallId = null;
    p.activeCallId = callId;
    p.status = AdvisorStatus.BUSY;
    Instant now = clock.now();
    ActiveCall call = new ActiveCall(entry, p.staff.id(), now);
    activeCalls.put(callId, call);
    ledger.connected(entry, p.staff, now);

    sendConnected(call, p, kioskLinks.get(entry.kioskId), false);
    afterQueueChange();
  }

  private void decline(AdvisorPresence p, Envelope msg) {
    String callId = msg.text("callId");
    if (!callId.equals(p.offeredCallId)) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "That call is not offered to you.", msg.id());
      return;
    }
    entryById(callId).ifPresent(e -> withdrawOffer(e, "declined", true));
    dispatch();
  }

  private void advisorHangsUp(AdvisorPresence p, Envelope msg) {
    ActiveCall call = activeCalls.get(msg.text("callId"));
    if (call == null || !call.advisorId().equals(p.staff.id())) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "You are not in that call.", msg.id());
      return;
    }
    endActive(call, EndReason.HANGUP_ADVISOR, p.staff.auditName(), clock.now());
  }

  private void relayFromAdvisor(AdvisorPresence p, Envelope msg) {
    ActiveCall call = activeCalls.get(msg.text("callId"));
    if (call == null || !call.advisorId().equals(p.staff.id())) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "You are not in that call.", msg.id());
      return;
    }
    KioskLink link = kioskLinks.get(call.kioskId());
    if (link != null) {
      link.peer().send(codec.encode(MessageType.RTC_SIGNAL, msg.payload()));
    }
  }

  private void handleAdvisorGone(AdvisorPresence p, Instant lastHeard) {
    if (p.offeredCallId != null) {
      entryById(p.offeredCallId).ifPresent(e -> withdrawOffer(e, "advisor_disconnected", false));
    }
    if (p.activeCallId != null) {
      ActiveCall call = activeCalls.get(p.activeCallId);
      if (call != null) {
        pause(call, CallParty.ADVISOR, EndReason.ADVISOR_DISCONNECTED, lastHeard);
      }
    }
    dispatch();
    queueChanged = true;
  }

  // ---- routing ----

  /** Offers every waiting call that has a free, matching advisor, oldest call first. */
  private void dispatch() {
    for (QueueEntry entry : queue) {
      if (entry.isOffered()) {
        continue;
      }
      AdvisorPresence best = null;
      for (AdvisorPresence a : advisors.values()) {
        if (a.canBeOffered(entry.theme) && (best == null || a.idleSince.isBefore(best.idleSince))) {
          best = a;
        }
      }
      if (best != null) {
        offer(entry, best);
      }
    }
  }

  private void offer(QueueEntry entry, AdvisorPresence advisor) {
    Instant now = clock.now();
    entry.offeredTo = advisor.staff.id();
    entry.offerExpiresAt = now.plus(timings.offerTimeout());
    advisor.offeredCallId = entry.callId;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("callId", entry.callId);
    p.put("caseId", entry.caseId);
    p.put("caseReference", entry.caseReference);
    p.put("kioskName", entry.kioskName);
    p.put("siteName", entry.siteName);
    p.put("theme", entry.theme);
    p.put("queuedAt", entry.queuedAt.toString());
    p.put("expiresInSeconds", timings.offerTimeout().toSeconds());
    advisor.peer.send(codec.encode(MessageType.CALL_OFFER, p));
  }

  /**
   * Takes an offer back; the call keeps its place. An advisor who let an offer lapse or declined it
   * is set Away, so the next resident is not offered to an empty chair.
   */
  private void withdrawOffer(QueueEntry entry, String reason, boolean setAdvisorAway) {
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
        sendState(a);
      }
    }
  }

  private void endWaiting(QueueEntry entry, EndReason reason, String actor) {
    queue.remove(entry);
    withdrawOffer(entry, reason == EndReason.CANCELLED ? "cancelled" : reason.wire(), false);
    ledger.ended(entry, reason, null, clock.now(), actor);
    KioskLink link = kioskLinks.get(entry.kioskId);
    if (link != null) {
      link.peer()
          .send(
              codec.encode(
                  MessageType.CALL_ENDED, Map.of("callId", entry.callId, "reason", reason.wire())));
    }
    afterQueueChange();
  }

  private void endActive(ActiveCall call, EndReason reason, String actor, Instant endedAt) {
    activeCalls.remove(call.callId());
    paused.remove(call.callId());
    capabilities.callEnded(parties(call));
    Instant now = endedAt.isBefore(call.answeredAt()) ? call.answeredAt() : endedAt;
    ledger.ended(call.entry(), reason, call.answeredAt(), now, actor);
    estimator.recordHandled(Duration.between(call.answeredAt(), now));
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
      // After-call work: the advisor records the outcome, then sets themselves Available.
      a.status = AdvisorStatus.BUSY;
      a.idleSince = clock.now();
      a.peer.send(ended);
      sendState(a);
    }
    queueChanged = true;
    dispatch();
  }

  // ---- the clock ----

  private void checkTimers() {
    Instant now = clock.now();
    for (Map.Entry<String, CallPause> e : new ArrayList<>(paused.entrySet())) {
      ActiveCall call = activeCalls.get(e.getKey());
      if (call != null && e.getValue().expired(now, timings.callResumeGrace())) {
        endActive(call, e.getValue().reason(), "system", e.getValue().since());
      }
    }
    stampAlive(now);
    for (QueueEntry e : new ArrayList<>(queue)) {
      if (e.isOffered() && !now.isBefore(e.offerExpiresAt)) {
        withdrawOffer(e, "expired", true);
        queueChanged = true;
      }
    }
    for (Iterator<Suspended> it = suspended.values().iterator(); it.hasNext(); ) {
      Suspended s = it.next();
      if (Duration.between(s.since(), now).compareTo(timings.resumeGrace()) >= 0) {
        it.remove();
        ledger.ended(s.entry(), EndReason.ABANDONED, null, now, "system");
      }
    }
    for (QueueEntry e : new ArrayList<>(queue)) {
      if (signedInAdvisorsFor(e.theme) > 0) {
        e.noAdvisorSince = null;
      } else if (e.noAdvisorSince == null) {
        e.noAdvisorSince = now;
      } else if (Duration.between(e.noAdvisorSince, now).compareTo(timings.noAdvisorGrace()) >= 0) {
        KioskLink link = kioskLinks.get(e.kioskId);
        endWaiting(e, EndReason.NO_ADVISORS, "system");
        if (link != null) {
          unavailable(link, "no_advisors", "Sorry, no advisors are available right now.");
        }
      }
    }
    dispatch();
    if (queueChanged) {
      queueChanged = false;
      publishQueue();
    }
  }

  private void afterQueueChange() {
    queueChanged = true;
    dispatch();
  }

  private void publishQueue() {
    String snapshot = snapshot();
    for (AdvisorPresence a : advisors.values()) {
      a.peer.send(snapshot);
    }
    for (QueueEntry e : queue) {
      KioskLink link = kioskLinks.get(e.kioskId);
      if (link != null) {
        sendQueued(link, e, false);
      }
    }
  }

  private void sendQueued(KioskLink link, QueueEntry entry, boolean always) {
    int position = 1;
    for (QueueEntry other : queue) {
      if (other == entry) {
        break;
      }
      if (other.theme.equals(entry.theme)) {
        position++;
      }
    }
    int free = 0;
    int working = 0;
    for (AdvisorPresence a : advisors.values()) {
      if (a.staff.themes().contains(entry.theme)) {
        if (a.canBeOffered(entry.theme)) {
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

  // ---- holding a call through a dropped side ----

  /**
   * The connected call a message names, if it is the sender's own; otherwise an error to the
   * sender.
   */
  private Optional<ActiveCall> ownCall(KioskLink link, Envelope msg) {
    ActiveCall call = activeCalls.get(msg.text("callId"));
    if (call == null || !call.kioskId().equals(link.kiosk().id())) {
      error(link.peer(), ErrorCode.NOT_YOUR_CALL, "This kiosk is not in that call.", msg.id());
      return Optional.empty();
    }
    return Optional.of(call);
  }

  private Optional<ActiveCall> ownCall(AdvisorPresence p, Envelope msg) {
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
  private void pause(ActiveCall call, CallParty party, EndReason reason, Instant since) {
    CallPause already = paused.get(call.callId());
    if (already != null) {
      if (already.party() != party) {
        endActive(call, already.reason(), "system", already.since());
      }
      return;
    }
    CallPause pause = new CallPause(party, reason, since);
    paused.put(call.callId(), pause);
    ledger.paused(call.entry(), pause);
    sendToOtherParty(call, party, pausedMessage(call, pause));
  }

  /** Sends to the side of the call that is not {@code from}, if it is connected. */
  private void sendToOtherParty(ActiveCall call, CallParty from, String frame) {
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

  private String pausedMessage(ActiveCall call, CallPause pause) {
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
            pause.secondsLeft(clock.now(), timings.callResumeGrace())));
  }

  /**
   * The kiosk's screen is ready again (or asks for fresh media): the call carries on if the advisor
   * is there.
   */
  private void kioskRejoins(ActiveCall call) {
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
  private void resume(ActiveCall call) {
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
    toAdvisor.put("resumed", resumed);
    p.peer.send(codec.encode(MessageType.CALL_CONNECTED, toAdvisor));
    sendState(p);
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

  private void relayMedia(ActiveCall call, CallParty from, Envelope msg) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("callId", call.callId());
    p.put("camera", msg.payload().path("camera").asBoolean());
    p.put("microphone", msg.payload().path("microphone").asBoolean());
    p.put("party", from.wire());
    sendToOtherParty(call, from, codec.encode(MessageType.CALL_MEDIA, p));
  }

  /** Typed text goes to both screens (so each shows the same conversation) and onto the case. */
  private void relayText(ActiveCall call, CallParty from, String author, Envelope msg) {
    String text = msg.text("text").strip();
    if (text.isEmpty()) {
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
   * Connected calls with both sides here are stamped alive every few seconds: their true end after
   * a crash.
   */
  private void stampAlive(Instant now) {
    if (Duration.between(lastAliveStamp, now).compareTo(timings.aliveEvery()) < 0
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

  // ---- restart recovery ----

  private void recoverAfterRestart() {
    Instant now = clock.now();
    for (CallRecord c : ledger.inState(CallState.CONNECTED)) {
      QueueEntry e = entryFor(c);
      // The call ended when the server stopped, not now: its last "alive" stamp is the truest time
      // we have.
      ledger.ended(e, EndReason.SERVER_RESTART, c.answeredAt(), ledger.lastAlive(c), "system");
    }
    for (CallRecord c : ledger.inState(CallState.QUEUED)) {
      suspended.put(c.id(), new Suspended(entryFor(c), now));
    }
    if (!suspended.isEmpty()) {
      LOG.info(
          "{} queued call(s) from before the restart are waiting for their kiosks to reconnect",
          suspended.size());
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
        c.queuedAt());
  }

  // ---- helpers ----

  private void insertInOrder(QueueEntry entry) {
    int i = 0;
    while (i < queue.size() && !queue.get(i).queuedAt.isAfter(entry.queuedAt)) {
      i++;
    }
    queue.add(i, entry);
  }

  private int signedInAdvisorsFor(String theme) {
    int n = 0;
    for (AdvisorPresence a : advisors.values()) {
      if (a.staff.themes().contains(theme)) {
        n++;
      }
    }
    return n;
  }

  private Optional<QueueEntry> entryById(String callId) {
    return queue.stream().filter(e -> e.callId.equals(callId)).findFirst();
  }

  private Optional<QueueEntry> entryOfKiosk(String kioskId) {
    return queue.stream().filter(e -> e.kioskId.equals(kioskId)).findFirst();
  }

  private Optional<ActiveCall> activeCallOfKiosk(String kioskId) {
    return activeCalls.values().stream().filter(c -> c.kioskId().equals(kioskId)).findFirst();
  }

  private void sendState(AdvisorPresence p) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("status", p.status.name());
    state.put("displayName", p.staff.displayName());
    state.put("username", p.staff.username());
    // The call the server holds for this advisor: a console that reconnects learns whether its call
    // is still on.
    if (p.activeCallId != null) {
      state.put("callId", p.activeCallId);
    }
    p.peer.send(codec.encode(MessageType.ADVISOR_STATE, state));
  }

  private String snapshot() {
    return codec.encode(MessageType.QUEUE_SNAPSHOT, snapshotPayload());
  }

  private String snapshotPayloadJson() {
    return codec.json().valueToTree(snapshotPayload()).toString();
  }

  private ObjectNode snapshotPayload() {
    ObjectNode root = codec.json().createObjectNode();
    var entries = root.putArray("entries");
    queue.stream()
        .sorted(Comparator.comparing(e -> e.queuedAt))
        .forEach(
            e -> {
              ObjectNode n = entries.addObject();
              n.put("callId", e.callId);
              n.put("kioskName", e.kioskName);
              n.put("siteName", e.siteName);
              n.put("theme", e.theme);
              n.put("queuedAt", e.queuedAt.toString());
              n.put("offered", e.isOffered());
            });
    root.put("serverTime", clock.now().toString());
    return root;
  }

  private void error(Peer peer, ErrorCode code, String message, String ref) {
    peer.send(codec.error(code, message, ref));
  }

  private static String firstName(String displayName) {
    int space = displayName.indexOf(' ');
    return space > 0 ? displayName.substring(0, space) : displayName;
  }

  private void runOnDesk(Runnable task) {
    thread.execute(
        () -> {
          if (!closed) {
            task.run();
          }
        });
  }

  /**
   * Stops taking events: connections closing during shutdown must not rewrite live calls, which
   * stay as they are in the database and are recovered on the next start. The thread itself is the
   * composition root's to stop.
   */
  @Override
  public void close() {
    closed = true;
  }
}
