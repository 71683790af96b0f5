package uk.gov.council.cap.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.kiosk.devices.CaptureSpool;
import uk.gov.council.cap.kiosk.devices.KioskDevices;
import uk.gov.council.cap.kiosk.devices.PageUploader;
import uk.gov.council.cap.kiosk.devices.PrintJobs;
import uk.gov.council.cap.kiosk.devices.ScanCapture;
import uk.gov.council.cap.kiosk.fleet.Heartbeats;
import uk.gov.council.cap.kiosk.fleet.KioskCommands;
import uk.gov.council.cap.kiosk.fleet.ScreenAccess;
import uk.gov.council.cap.kiosk.fleet.SessionWipe;
import uk.gov.council.cap.kiosk.link.CallTracker;
import uk.gov.council.cap.kiosk.link.ServerLink;
import uk.gov.council.cap.kiosk.screen.LanguageCatalogues;
import uk.gov.council.cap.kiosk.screen.ScreenServer;
import uk.gov.council.cap.kiosk.speech.SpeechEngine;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.protocol.ProtocolException;

/**
 * The kiosk process: its link to the server, the loopback UI server its screen uses, and the relay
 * between them. Start it with {@link #start}; show {@link #uiUrl()} in JCEF or any browser.
 */
public final class KioskApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KioskApp.class);

  /** What the resident did to the call, logged for the technician. */
  private static final Set<MessageType> RESIDENT_ACTIONS =
      EnumSet.of(MessageType.CALL_REQUEST, MessageType.CALL_CANCEL, MessageType.CALL_HANGUP);

  private final ProtocolCodec codec = new ProtocolCodec();
  private final String pong = codec.encode(MessageType.LINK_PONG, Map.of());
  private final CallTracker tracker;
  private volatile boolean linkUp;
  private final ScreenServer screens;
  private final ServerLink link;
  private final ScanCapture scans;
  private final PrintJobs prints;
  private final KioskDevices devices;
  private final CaptureSpool spool;
  private final Heartbeats heartbeats;
  private final KioskCommands commands;
  private final SessionWipe wipe;
  private final SpeechEngine speech;
  private volatile ScreenAccess screen = ScreenAccess.NONE;
  private volatile Runnable restart;
  private volatile JsonNode lastConfig;
  private final String orientation;
  private final long moreTimeSeconds;
  private final uk.gov.council.cap.kiosk.screen.CouncilLogo logo;

  private KioskApp(KioskConfig config) {
    this.orientation = config.orientation().word();
    this.moreTimeSeconds = config.moreTime().toSeconds();
    this.restart = this::softRestart;
    this.screens = new ScreenServer(codec, this::sendToServer);
    this.tracker =
        new CallTracker(
            codec, screens::broadcast, this::sendCallControl, screens::connectedScreens);
    screens.greetWith(this::linkState);
    screens.serveLanguages(LanguageCatalogues.load(config.languagesDir()));
    this.logo =
        new uk.gov.council.cap.kiosk.screen.CouncilLogo(
            config.serverUrl(), config.kioskId(), config.kioskSecret(), screens::greetAll);
    screens.serveLogo(logo);
    screens.onScreens(tracker::onScreenConnected, tracker::onScreenGone);
    this.link =
        new ServerLink(
            config.serverSocketUri(),
            config.kioskId(),
            config.kioskSecret(),
            config.linkHold().serverSilence(),
            new ServerLink.Listener() {
              @Override
              public void onLinkUp() {
                // As above: the tracker knows the link is up before any screen is told.
                tracker.onLinkUp();
                publishLinkState(true);
                heartbeats.soon();
              }

              @Override
              public void onLinkDown() {
                tracker.onLinkDown();
                publishLinkState(false);
              }

              @Override
              public void onMessage(String text) {
                fromServer(text);
              }
            });
    Duration uploadGiveUp = Duration.ofMinutes(2);
    PageUploader uploader =
        new PageUploader(config.serverUrl(), config.kioskId(), config.kioskSecret(), uploadGiveUp);
    this.devices = new KioskDevices(config);
    this.spool = new CaptureSpool(config.workDir());
    // Anything left from before a crash or power cut belongs to a resident who has gone: it goes
    // now.
    spool.wipe();
    this.scans =
        new ScanCapture(
            devices, spool, uploader, codec, link::send, screens::broadcast, uploadGiveUp);
    this.prints =
        new PrintJobs(
            devices, config.serverUrl(), config.kioskId(), config.kioskSecret(), codec, link::send);
    this.heartbeats =
        new Heartbeats(
            devices,
            tracker::idle,
            codec,
            link::send,
            config.heartbeat(),
            config.deviceCheck(),
            appVersion());
    this.commands =
        new KioskCommands(
            config.serverUrl(),
            config.kioskId(),
            config.kioskSecret(),
            codec,
            link::send,
            () -> screen,
            () -> restart.run());
    this.speech = SpeechEngine.start(config.speech());
    screens.serveSpeech(speech);
    this.wipe =
        new SessionWipe(
            scans,
            spool,
            () -> screen,
            uploadGiveUp,
            () -> {
              speech.forget();
              heartbeats.checkDevicesNow();
            });
    screens.relayPhotos(
        (photoId, jpeg) -> {
          try {
            uploader.uploadPhoto(photoId, jpeg);
            return null;
          } catch (PageUploader.UploadFailed e) {
            return e.getMessage();
          }
        });
  }

  /**
   * Each message from the server is decoded once, here, and what kiosk-app must do about it is
   * decided by its type; the screen gets the text as it came.
   */
  private void fromServer(String text) {
    Envelope m;
    try {
      // The server is the trusted side: its envelope is read, its payloads are as it sent them
      // (what the server sends is checked against the schemas in the server's tests).
      m = codec.decodeTrusted(text);
    } catch (ProtocolException e) {
      // Not this kiosk's to refuse: the screen may still make sense of it, and the log says why
      // kiosk-app did not act on it.
      LOG.warn("A message from the server does not match the protocol: {}", e.getMessage());
      screens.broadcast(text);
      return;
    }
    if (m.type() == MessageType.LINK_PING) {
      // Answered at once: the server closes a kiosk that stops answering as dead.
      link.send(pong);
      return;
    }
    rememberConfig(m);
    observeForDevices(m);
    // The tracker learns of the call before the screen does: a page closed the moment it shows
    // the call must find the call already known, or its loss would not reach the server.
    tracker.observe(m);
    screens.broadcast(text);
  }

  /**
   * Device work the server asks of this kiosk is noticed here, before the message reaches the
   * screen.
   */
  private void observeForDevices(Envelope m) {
    try {
      scans.observe(m);
      prints.observe(m);
      commands.observe(m);
      wipe.observe(m);
    } catch (Exception e) {
      LOG.warn("Unreadable message from the server");
    }
  }

  /** The version in the jar's manifest, or "development" when run from the build. */
  static String appVersion() {
    String v = KioskApp.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * With its own screen (the JCEF shell), kiosk-app can take screenshots and clear the browser
   * between residents.
   */
  public void attachScreen(ScreenAccess access) {
    this.screen = access;
  }

  /**
   * What "Restart" on the fleet page does. Under systemd, kiosk-app exits and is started again;
   * otherwise (the demo, tests) it reconnects to the server and the screen starts again, which is
   * the same to the resident.
   */
  public void onRestart(Runnable action) {
    this.restart = action;
  }

  private void softRestart() {
    LOG.info("Restarting: reconnecting to the server");
    link.reconnect();
  }

  /**
   * Whether kiosk-app's own threads still answer: the systemd watchdog pings only while they do.
   */
  public boolean isResponsive() {
    return link.responsive(java.time.Duration.ofSeconds(5))
        && heartbeats.responsive(java.time.Duration.ofSeconds(5));
  }

  /** The work folder and screen are emptied as they are after each resident. */
  public void wipeNow() {
    wipe.wipeNow();
  }

  /**
   * Whether the wipe after a call is waiting for captured pages to finish uploading (tests watch
   * this).
   */
  public boolean wipeWaitingForUploads() {
    return wipe.waitingForUploads();
  }

  /**
   * What the screen last had read aloud and the WAV it was given (tests compare it with the
   * screen); forgotten between residents.
   */
  public java.util.Optional<SpeechEngine.Utterance> lastSpeech() {
    return speech.lastUtterance();
  }

  public java.nio.file.Path captureFolder() {
    return spool.folder();
  }

  public static KioskApp start(KioskConfig config) {
    KioskApp app = new KioskApp(config);
    app.screens.start(config.uiPort()).beatEvery(config.linkHold().screenBeat());
    app.publishLinkState(false);
    app.link.start();
    app.heartbeats.start();
    return app;
  }

  /** The kiosk UI on loopback, e.g. {@code http://127.0.0.1:8081/}. */
  public String uiUrl() {
    return screens.url();
  }

  public boolean isLinkUp() {
    return link.isUp();
  }

  public int connectedScreens() {
    return screens.connectedScreens();
  }

  private boolean sendToServer(Envelope msg, String text) {
    // The screen's "Scan" is for this process: it drives the scanner and uploads; the server hears
    // the result.
    if (msg.type() == MessageType.SCAN_CAPTURE) {
      scans.capture(msg.text("scanId"));
      return true;
    }
    if (RESIDENT_ACTIONS.contains(msg.type())) {
      LOG.info("Resident: {}", text.length() > 120 ? text.substring(0, 120) : text);
    }
    return link.send(text);
  }

  /**
   * kiosk-app's own call messages to the server (re-queue, rejoin, screen lost), logged for the
   * technician.
   */
  private void sendCallControl(String text) {
    LOG.info("Call: {}", text.length() > 120 ? text.substring(0, 120) : text);
    link.send(text);
  }

  private void rememberConfig(Envelope m) {
    try {
      if (m.type() == MessageType.KIOSK_CONFIG) {
        lastConfig = m.payload();
        logo.wanted(m.payload().path("councilLogo").asBoolean(false));
        Map<String, String> fromServer = new LinkedHashMap<>();
        m.payload()
            .path("devices")
            .fields()
            .forEachRemaining(e -> fromServer.put(e.getKey(), e.getValue().asText()));
        if (devices.apply(fromServer)) {
          heartbeats.checkDevicesNow();
        }
        publishLinkState(true);
      }
    } catch (Exception e) {
      LOG.warn("Unreadable message from the server");
    }
  }

  private void publishLinkState(boolean up) {
    linkUp = up;
    screens.greetAll();
  }

  /**
   * What the screen is told on connecting and on every beat: the link, the site's settings, a call
   * in progress.
   */
  private String linkState() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("connected", linkUp);
    payload.put("simulatedScanner", scans == null || scans.simulated());
    // Listen is offered only where speech can be made (espeak-ng installed and not turned off).
    payload.put("speech", speech != null && speech.available());
    payload.put("orientation", orientation);
    payload.put("moreTimeSeconds", moreTimeSeconds);
    logo.pageUrl().ifPresent(url -> payload.put("councilLogoUrl", url));
    if (lastConfig != null) {
      payload.put("config", lastConfig);
    }
    tracker.callInProgress().ifPresent(id -> payload.put("callId", id));
    ObjectNode node = codec.json().valueToTree(payload);
    return codec.encode(MessageType.KIOSK_LINK, node);
  }

  @Override
  public void close() {
    heartbeats.close();
    commands.close();
    wipe.close();
    scans.close();
    prints.close();
    speech.close();
    link.close();
    screens.close();
  }
}
