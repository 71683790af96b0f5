package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.calls.EndReason;
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
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * The live heart of the service: the queue, routing of calls to advisors, and call control.
 *
 * <p>All state lives on one thread: every event (a message, a connection, a timer tick) is a task
 * on {@link #thread}, the {@link SerialThread} the composition root names "call-desk". That makes
 * routing decisions simple to reason about and cheap (no locks), and one thread easily keeps up
 * with hundreds of kiosks. Sends to peers are asynchronous, so a slow connection never holds the
 * desk up.
 *
 * <p>This class is the shell: it takes events, says which part handles them, and runs the timers.
 * The parts, each touched only on this thread: {@link KioskLinks} (connected kiosks and their
 * configuration), {@link Advisors} (signed-in advisors), {@link CallQueue} (who waits, and kept
 * places), {@link Router} (offers, by the {@link RoutingRules} in order), {@link CallControl}
 * (connected calls: media, relays, hold and resume, end) and {@link RestartRecovery}. In-call
 * capabilities are reached through {@link CapabilityRouter}.
 */
public final class CallDesk
    implements CallPort, KioskSocketHandler, StaffSocketHandler, SiteListener, AutoCloseable {

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
      Duration tick,
      Duration wrapUp) {
    /** Timings with no wrap-up time: Available as soon as the outcome is saved. */
    public Timings(
        Duration offerTimeout,
        Duration resumeGrace,
        Duration noAdvisorGrace,
        Duration callResumeGrace,
        Duration aliveEvery,
        Duration tick) {
      this(
          offerTimeout,
          resumeGrace,
          noAdvisorGrace,
          callResumeGrace,
          aliveEvery,
          tick,
          Duration.ZERO);
    }
  }

  private final ProtocolCodec codec;
  private final Clock clock;
  private final Timings timings;
  private final CallLedger ledger;
  private final SiteRepository sites;
  private final RestartRecovery recovery;
  private final WaitEstimator estimator = new WaitEstimator(Duration.ofMinutes(5));
  private final SerialThread thread;
  // Set on shutdown: events still queued are dropped, so live calls stay as the database has them.
  private volatile boolean closed;
  private final AtomicBoolean tickPending = new AtomicBoolean();

  private final CallQueue queue = new CallQueue();
  private final ParkedCalls parked = new ParkedCalls();
  private final KioskLinks kioskLinks;
  private final Advisors advisors;
  private final Router router;
  private final CallControl calls;
  private final QueueNews news;
  private final WrapUps wrapUps;

  private boolean queueChanged;

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
    this(codec, clock, timings, ledgerFactory, kiosks, sites, cases, media, thread, Map.of());
  }

  /**
   * @param councilLook the council's name, colour and logo flag, added to every kiosk.config
   *     (CouncilBranding.forKiosk)
   */
  public CallDesk(
      ProtocolCodec codec,
      Clock clock,
      Timings timings,
      CallLedgerFactory ledgerFactory,
      KioskRepository kiosks,
      SiteRepository sites,
      CaseRepository cases,
      MediaBackend media,
      SerialThread thread,
      Map<String, Object> councilLook) {
    this(
        codec,
        clock,
        timings,
        ledgerFactory,
        kiosks,
        sites,
        cases,
        media,
        thread,
        councilLook,
        RoutingPolicy.DEFAULT);
  }

  /**
   * @param policy the council's routing settings: overflow, and missed offers before Away
   */
  public CallDesk(
      ProtocolCodec codec,
      Clock clock,
      Timings timings,
      CallLedgerFactory ledgerFactory,
      KioskRepository kiosks,
      SiteRepository sites,
      CaseRepository cases,
      MediaBackend media,
      SerialThread thread,
      Map<String, Object> councilLook,
      RoutingPolicy policy) {
    this.codec = codec;
    this.clock = clock;
    this.timings = timings;
    this.ledger = ledgerFactory.ledger();
    this.sites = sites;
    this.recovery = new RestartRecovery(ledger, kiosks, sites, cases);
    this.thread = thread;
    RoutingRules rules = RoutingRules.standard(policy);
    this.kioskLinks = new KioskLinks(codec, kiosks, councilLook);
    this.advisors = new Advisors(codec, rules, parked);
    this.router =
        new Router(
            rules, queue.entries(), advisors, ledger, codec, clock, timings.offerTimeout(), policy);
    this.news = new QueueNews(codec, clock, queue, advisors, kioskLinks, estimator);
    this.wrapUps = new WrapUps(timings.wrapUp(), advisors, ledger, estimator);
    this.calls =
        new CallControl(
            codec,
            clock,
            timings,
            ledger,
            media,
            advisors,
            kioskLinks,
            estimator,
            parked,
            () -> {
              queueChanged = true;
              dispatch();
            });
  }

  /** Recovers calls left by a previous run, then looks at the desk's timers every tick. */
  public void start(ScheduledExecutorService timer) {
    runOnDesk(() -> recovery.recover(queue, clock.now()));
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
          kioskLinks.put(link);
          sendConfig(link);
          // A kiosk-app that restarted or lost its network mid-call: it rejoins once its screen is
          // ready.
          activeCallOfKiosk(kiosk.id())
              .ifPresent(
                  call -> {
                    CallPause pause = calls.pauseOf(call.callId());
                    if (pause != null && pause.party() == CallParty.KIOSK) {
                      peer.send(calls.pausedMessage(call, pause));
                    }
                  });
        });
  }

  /** A site's settings changed: its connected kiosks get their new configuration at once. */
  @Override
  public void siteChanged(Site site) {
    runOnDesk(
        () -> {
          for (KioskLink old : kioskLinks.all()) {
            if (old.site().id().equals(site.id())) {
              KioskLink updated = new KioskLink(old.kiosk(), site, old.peer());
              kioskLinks.put(updated);
              sendConfig(updated);
            }
          }
        });
  }

  private void sendConfig(KioskLink link) {
    kioskLinks.sendConfig(
        link, activeCallOfKiosk(link.kiosk().id()).map(ActiveCall::callId).orElse(null));
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
        () -> queue.ofKiosk(kioskId).isPresent() || activeCallOfKiosk(kioskId).isPresent());
  }

  /** The kiosks with a resident queued or in a call now. */
  public java.util.Set<String> busyKiosks() {
    return thread.ask(
        () -> {
          java.util.Set<String> busy = new java.util.HashSet<>();
          queue.entries().forEach(e -> busy.add(e.kioskId));
          calls.all().forEach(c -> busy.add(c.kioskId()));
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
          advisors.put(p);
          // An advisor whose console reloaded or whose network dropped mid-call is put straight
          // back in it.
          Optional<ActiveCall> waiting =
              calls.all().stream()
                  .filter(
                      c ->
                          c.advisorId().equals(staff.id())
                              && calls.pauseOf(c.callId()) != null
                              && calls.pauseOf(c.callId()).party() == CallParty.ADVISOR)
                  .findFirst();
          waiting.ifPresent(
              c -> {
                p.activeCallId = c.callId();
                p.status = AdvisorStatus.BUSY;
              });
          advisors.sendState(p);
          peer.send(news.snapshot());
          waiting.ifPresent(calls::resume);
        });
  }

  /**
   * An admin changed a signed-in advisor's skills (themes, sites, languages): the desk uses them
   * from the next offer, without the advisor signing in again. An offer they hold for a call they
   * no longer serve is taken back and goes to someone who does.
   */
  public void advisorChanged(StaffMember now) {
    runOnDesk(
        () -> {
          AdvisorPresence p = advisors.get(now.id());
          if (p == null) {
            return;
          }
          p.staff = now;
          if (p.offeredCallId != null) {
            queue
                .byId(p.offeredCallId)
                .filter(e -> !advisors.serves(p, e.need(clock.now())))
                .ifPresent(e -> router.withdrawOffer(e, "advisor_changed", false));
          }
          advisors.sendState(p);
          afterQueueChange();
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
   * the next advisor. After a sign-out or an expiry a call they were in is held as for a dropped
   * connection: they may sign in again and come back to it within the grace. An advisor whose
   * account was turned off, or who now has another role, is not coming back: their call ends at
   * once, as if they had ended it, rather than keep the resident waiting for nobody.
   */
  @Override
  public void advisorSessionEnded(StaffMember staff, Peer peer, SessionEnd why) {
    EndReason endsCall = callEndingReason(why);
    if (endsCall != null) {
      runOnDesk(
          () -> {
            AdvisorPresence p = advisors.get(staff.id());
            if (p != null && p.peer == peer && p.activeCallId != null) {
              ActiveCall call = calls.get(p.activeCallId);
              if (call != null) {
                calls.end(call, endsCall, "system", clock.now());
              }
            }
          });
    }
    // Queued behind the ending, on the same thread: the call is over before the advisor is gone.
    advisorDisconnected(staff, peer, null);
  }

  /** The reasons a session ends that mean its advisor will not be back for their call. */
  private static EndReason callEndingReason(SessionEnd why) {
    return switch (why) {
      case DISABLED -> EndReason.ADVISOR_TURNED_OFF;
      case ROLE_CHANGED -> EndReason.ADVISOR_ROLE_CHANGED;
      case SIGNED_OUT, EXPIRED, PASSWORD_SET -> null;
    };
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
                calls
                    .ownCall(link, msg)
                    .ifPresent(
                        call ->
                            calls.pause(
                                call, CallParty.KIOSK, EndReason.KIOSK_SCREEN_LOST, clock.now()));
            case CALL_REJOIN -> calls.ownCall(link, msg).ifPresent(calls::kioskRejoins);
            case CALL_RECALL -> calls.ownCall(link, msg).ifPresent(call -> recall(link, call, msg));
            case CALL_MEDIA ->
                calls
                    .ownCall(link, msg)
                    .ifPresent(call -> calls.relayMedia(call, CallParty.KIOSK, msg));
            case CALL_TEXT ->
                calls
                    .ownCall(link, msg)
                    .ifPresent(
                        call ->
                            calls.relayText(call, CallParty.KIOSK, link.kiosk().auditName(), msg));
            case CALL_ASSIST ->
                calls
                    .ownCall(link, msg)
                    .ifPresent(call -> calls.relayAssist(call, link.kiosk().auditName(), msg));
            default -> {
              CapabilityRouter capabilities = calls.capabilities();
              if (capabilities.handlesFromKiosk(msg.type())) {
                if (!capabilities.fromKiosk(
                    kiosk.id(), activeCallOfKiosk(kiosk.id()).map(CallControl::parties), msg)) {
                  error(peer, ErrorCode.NOT_YOUR_CALL, "This kiosk is not in a call.", msg.id());
                }
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
            case CALL_PARK -> park(p, msg);
            case CALL_HANGUP -> advisorHangsUp(p, msg);
            case RTC_SIGNAL -> relayFromAdvisor(p, msg);
            case CALL_MEDIA ->
                calls
                    .ownCall(p, msg)
                    .ifPresent(call -> calls.relayMedia(call, CallParty.ADVISOR, msg));
            case CALL_TEXT ->
                calls
                    .ownCall(p, msg)
                    .ifPresent(
                        call -> calls.relayText(call, CallParty.ADVISOR, p.staff.auditName(), msg));
            default -> {
              CapabilityRouter capabilities = calls.capabilities();
              if (capabilities.handlesFromAdvisor(msg.type())) {
                Optional.ofNullable(p.activeCallId)
                    .map(calls::get)
                    .ifPresentOrElse(
                        call -> capabilities.fromAdvisor(CallControl.parties(call), staff, msg),
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
    calls.setCapabilities(capabilities);
  }

  /** The connected call with this id, if it is in progress now. */
  @Override
  public Optional<CallParties> callInProgress(String callId) {
    return thread.ask(() -> Optional.ofNullable(calls.get(callId)).map(CallControl::parties));
  }

  /** Sends a frame to the kiosk and/or the advisor of a call, if the call is still in progress. */
  @Override
  public void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor) {
    runOnDesk(
        () -> {
          ActiveCall call = calls.get(callId);
          if (call == null) {
            return;
          }
          KioskLink link = kioskLinks.get(call.kioskId());
          if (toKiosk && link != null) {
            link.peer().send(frame);
          }
          AdvisorPresence a = advisors.get(call.advisorId());
          // A parked call's advisor may be in another call: its news waits for them to take it
          // back.
          if (toAdvisor && a != null && !calls.isParked(callId)) {
            a.peer.send(frame);
          }
        });
  }

  @Override
  public void sendToKiosk(String kioskId, String frame) {
    runOnDesk(
        () -> {
          KioskLink link = kioskLinks.get(kioskId);
          if (link != null) {
            link.peer().send(frame);
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

  /**
   * The advisor saved the outcome of a call (ADR 0044): if it is the call they are wrapping up,
   * they are Available after the wrap-up time, or Away if they are not ready.
   */
  public void outcomeRecorded(String staffId, String callId, boolean ready) {
    runOnDesk(
        () -> {
          AdvisorPresence p = advisors.get(staffId);
          if (p != null && wrapUps.outcomeSaved(p, callId, ready, clock.now())) {
            afterQueueChange();
          }
          wrapUps.writeAudit();
        });
  }

  /** The queue as the console's REST call sees it; computed on the desk thread. */
  public String queueSnapshotJson() {
    return thread.ask(news::snapshotJson);
  }

  // ---- kiosk side ----

  private void callRequested(KioskLink link, Envelope msg) {
    Peer peer = link.peer();
    if (queue.ofKiosk(link.kiosk().id()).isPresent()
        || activeCallOfKiosk(link.kiosk().id()).isPresent()) {
      error(peer, ErrorCode.CONFLICT, "This kiosk already has a call in progress.", msg.id());
      return;
    }
    String resumeId = msg.text("resumeCallId");
    if (resumeId != null) {
      Optional<QueueEntry> kept = queue.takeSuspended(resumeId, link.kiosk().id());
      if (kept.isPresent()) {
        queue.insertInOrder(kept.get());
        ledger.resumed(kept.get());
        news.sendQueued(link, kept.get(), true);
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
      news.unavailable(
          link,
          "closed",
          "We are closed at the moment. Our opening hours are: "
              + site.openingHours().text()
              + ".");
      return;
    }
    if (advisors.signedInFor(new CallNeed(site.id(), theme)) == 0) {
      news.unavailable(link, "no_advisors", "Sorry, no advisors are available right now.");
      return;
    }
    // The schema has checked the code's form; it is kept as the kiosk sent it.
    QueueEntry entry = ledger.open(link.kiosk(), site, theme, msg.text("language"), now);
    entry.textFirst = msg.payload().path("textFirst").asBoolean(false);
    queue.insertInOrder(entry);
    news.sendQueued(link, entry, true);
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

  private void kioskEnds(KioskLink link, Envelope msg) {
    String callId = msg.text("callId");
    Optional<ActiveCall> active = Optional.ofNullable(calls.get(callId));
    if (active.isPresent()) {
      if (!active.get().kioskId().equals(link.kiosk().id())) {
        error(link.peer(), ErrorCode.NOT_YOUR_CALL, "That call is not this kiosk's.", msg.id());
        return;
      }
      leaveQueue(callId, "cancelled");
      calls.end(active.get(), EndReason.HANGUP_KIOSK, link.kiosk().auditName(), clock.now());
      return;
    }
    Optional<QueueEntry> waiting = queue.byId(callId);
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
    calls.ownCall(link, msg).ifPresent(call -> calls.relaySignal(call, CallParty.KIOSK, msg));
  }

  private void handleKioskGone(KioskLink link, Instant lastHeard) {
    String kioskId = link.kiosk().id();
    activeCallOfKiosk(kioskId)
        .ifPresent(
            c -> {
              // A parked call the resident had called back waits parked again for the kiosk.
              leaveQueue(c.callId(), "kiosk_disconnected");
              calls.pause(c, CallParty.KIOSK, EndReason.KIOSK_DISCONNECTED, lastHeard);
            });
    queue
        .ofKiosk(kioskId)
        .filter(entry -> calls.get(entry.callId) == null)
        .ifPresent(
            entry -> {
              queue.remove(entry);
              router.withdrawOffer(entry, "kiosk_disconnected", false);
              queue.suspend(entry, clock.now());
              afterQueueChange();
            });
  }

  // ---- advisor side ----

  private void setStatus(AdvisorPresence p, AdvisorStatus status) {
    wrapUps.interrupted(p, status, clock.now());
    if (p.status != AdvisorStatus.AVAILABLE && status == AdvisorStatus.AVAILABLE) {
      p.idleSince = clock.now();
      p.missedInRow = 0;
    }
    p.status = status;
    if (status != AdvisorStatus.AVAILABLE && p.offeredCallId != null) {
      queue.byId(p.offeredCallId).ifPresent(e -> router.withdrawOffer(e, "declined", false));
    }
    advisors.sendState(p);
    dispatch();
    queueChanged = true;
    wrapUps.writeAudit();
  }

  private void accept(AdvisorPresence p, Envelope msg) {
    String callId = msg.text("callId");
    if (!callId.equals(p.offeredCallId)) {
      boolean someoneElses =
          calls.get(callId) != null || queue.byId(callId).map(QueueEntry::isOffered).orElse(false);
      error(
          p.peer,
          someoneElses ? ErrorCode.NOT_YOUR_CALL : ErrorCode.CONFLICT,
          someoneElses
              ? "That call was offered to someone else."
              : "That call is no longer waiting.",
          msg.id());
      return;
    }
    QueueEntry entry = queue.byId(callId).orElseThrow();
    queue.remove(entry);
    entry.clearOffer();
    p.offeredCallId = null;
    p.missedInRow = 0;
    p.activeCallId = callId;
    p.status = AdvisorStatus.BUSY;
    if (calls.isParked(callId) && calls.get(callId) != null) {
      calls.retake(entry, p);
    } else {
      calls.connect(entry, p);
    }
    afterQueueChange();
  }

  private void decline(AdvisorPresence p, Envelope msg) {
    String callId = msg.text("callId");
    if (!callId.equals(p.offeredCallId)) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "That call is not offered to you.", msg.id());
      return;
    }
    queue.byId(callId).ifPresent(e -> router.withdrawOffer(e, "declined", true));
    dispatch();
  }

  /**
   * Parks the advisor's own connected call (ADR 0047): they are free for another call, and the
   * resident calls them back from the kiosk.
   */
  private void park(AdvisorPresence p, Envelope msg) {
    String callId = msg.text("callId");
    ActiveCall call = calls.get(callId);
    if (call == null || !callId.equals(p.activeCallId)) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "You are not in that call.", msg.id());
      return;
    }
    if (calls.pauseOf(callId) != null) {
      error(
          p.peer,
          ErrorCode.CONFLICT,
          "The call is reconnecting. You can park it once the resident is back.",
          msg.id());
      return;
    }
    calls.park(call, p);
  }

  /**
   * The resident at a parked call pressed Call advisor: the call joins the queue again, meant for
   * the advisor who parked it (offered to them first, to anyone who serves it after the overflow
   * wait), keeping the place it first had.
   */
  private void recall(KioskLink link, ActiveCall call, Envelope msg) {
    ParkedCalls.Parked p = parked.get(call.callId());
    if (p == null) {
      error(link.peer(), ErrorCode.CONFLICT, "This call is not parked.", msg.id());
      return;
    }
    if (queue.byId(call.callId()).isPresent()) {
      return;
    }
    QueueEntry entry = call.entry();
    entry.clearOffer();
    entry.missedBy.clear();
    entry.noAdvisorSince = null;
    entry.targetAdvisorId = p.advisorId();
    entry.targetedAt = clock.now();
    ledger.parkStep(
        entry, "call.recalled", "The resident called the advisor back", link.kiosk().auditName());
    queue.insertInOrder(entry);
    news.sendQueued(link, entry, true);
    afterQueueChange();
  }

  /** A parked call's place in the queue, if the resident had called back, is given up. */
  private void leaveQueue(String callId, String reason) {
    queue
        .byId(callId)
        .ifPresent(
            e -> {
              queue.remove(e);
              router.withdrawOffer(e, reason, false);
              queueChanged = true;
            });
  }

  private void advisorHangsUp(AdvisorPresence p, Envelope msg) {
    ActiveCall call = calls.get(msg.text("callId"));
    if (call == null || !call.advisorId().equals(p.staff.id())) {
      error(p.peer, ErrorCode.NOT_YOUR_CALL, "You are not in that call.", msg.id());
      return;
    }
    calls.end(call, EndReason.HANGUP_ADVISOR, p.staff.auditName(), clock.now());
  }

  private void relayFromAdvisor(AdvisorPresence p, Envelope msg) {
    calls.ownCall(p, msg).ifPresent(call -> calls.relaySignal(call, CallParty.ADVISOR, msg));
  }

  private void handleAdvisorGone(AdvisorPresence p, Instant lastHeard) {
    wrapUps.interrupted(p, null, lastHeard);
    if (p.offeredCallId != null) {
      queue
          .byId(p.offeredCallId)
          .ifPresent(e -> router.withdrawOffer(e, "advisor_disconnected", false));
    }
    if (p.activeCallId != null) {
      ActiveCall call = calls.get(p.activeCallId);
      if (call != null) {
        calls.pause(call, CallParty.ADVISOR, EndReason.ADVISOR_DISCONNECTED, lastHeard);
      }
    }
    dispatch();
    queueChanged = true;
    wrapUps.writeAudit();
  }

  private void dispatch() {
    router.dispatch();
  }

  private void endWaiting(QueueEntry entry, EndReason reason, String actor) {
    ActiveCall parkedCall = calls.get(entry.callId);
    if (parkedCall != null) {
      // A parked call called back that nobody can take: it ends as a connected call.
      leaveQueue(entry.callId, reason.wire());
      calls.end(parkedCall, reason, actor, clock.now());
      return;
    }
    queue.remove(entry);
    router.withdrawOffer(entry, reason == EndReason.CANCELLED ? "cancelled" : reason.wire(), false);
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

  // ---- the clock ----

  private void checkTimers() {
    Instant now = clock.now();
    calls.endLapsedPauses(now);
    calls.stampAlive(now);
    if (wrapUps.lapse(now)) {
      queueChanged = true;
    }
    if (router.expireOffers(now)) {
      queueChanged = true;
    }
    for (QueueEntry gone : queue.takeAbandoned(now, timings.resumeGrace())) {
      ledger.ended(gone, EndReason.ABANDONED, null, now, "system");
    }
    for (QueueEntry e : new ArrayList<>(queue.entries())) {
      if (advisors.signedInFor(e.need(now)) > 0) {
        e.noAdvisorSince = null;
      } else if (e.noAdvisorSince == null) {
        e.noAdvisorSince = now;
      } else if (Duration.between(e.noAdvisorSince, now).compareTo(timings.noAdvisorGrace()) >= 0) {
        KioskLink link = kioskLinks.get(e.kioskId);
        endWaiting(e, EndReason.NO_ADVISORS, "system");
        if (link != null) {
          news.unavailable(link, "no_advisors", "Sorry, no advisors are available right now.");
        }
      }
    }
    dispatch();
    wrapUps.writeAudit();
    if (queueChanged) {
      queueChanged = false;
      news.publish();
    }
  }

  private void afterQueueChange() {
    queueChanged = true;
    dispatch();
  }

  // ---- helpers ----

  private Optional<ActiveCall> activeCallOfKiosk(String kioskId) {
    return calls.ofKiosk(kioskId);
  }

  private void error(Peer peer, ErrorCode code, String message, String ref) {
    peer.send(codec.error(code, message, ref));
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
