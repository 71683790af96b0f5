package uk.gov.council.cap.systemtests;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/** The whole system as the run command starts it: a real server and a real headless kiosk-app. */
public final class RunningSystem implements AutoCloseable {
  public static final String ADVISOR = "alex";
  public static final String PASSWORD = "correct horse battery";
  public static final String PHONE = "01632 960 000";

  private final ServerConfig config;
  private final Clock clock;
  private CapServer server;
  private final Map<String, String> kioskEnvironment;
  private KioskApp kiosk;
  private final String kioskUrl;
  private final java.nio.file.Path printed;
  // How far a test has moved the closed site's clock on ("the next morning"), without waiting.
  private final java.util.concurrent.atomic.AtomicReference<Duration> skipped =
      new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);

  public RunningSystem(boolean open) {
    this(open, 120);
  }

  /**
   * @param idleTimeoutSeconds the site's kiosk idle timeout
   */
  public RunningSystem(boolean open, int idleTimeoutSeconds) {
    this(open, idleTimeoutSeconds, UnaryOperator.identity(), Map.of());
  }

  /**
   * A system with some settings changed, as an operator would in the environment.
   *
   * @param serverSettings changes to the server's configuration (e.g. {@link
   *     ServerConfig#withCallHold})
   * @param kioskSettings kiosk-app environment variables (e.g. {@code
   *     CAP_KIOSK_SCREEN_BEAT_MILLIS})
   */
  public RunningSystem(
      boolean open,
      int idleTimeoutSeconds,
      UnaryOperator<ServerConfig> serverSettings,
      Map<String, String> kioskSettings) {
    try {
      // A fixed free port, so a restarted server comes back where kiosk-app expects it.
      int port;
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      config =
          serverSettings.apply(
              ServerConfig.defaults()
                  .withPort(port)
                  .withDataDir(Files.createTempDirectory("cap-system"))
                  .withTimings(
                      Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(2))
                  // The survey takes the place of the kiosk's goodbye screen; tests of other
                  // journeys end where they always did. SurveyEndToEndTest turns it on.
                  .withSurvey(ServerConfig.Survey.OFF));
      clock = clockFor(open);
      server = CapServer.start(config, clock);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    var repos = server.repositories();
    Site site =
        repos
            .sites()
            .create(
                "Ampthill Library",
                PHONE,
                ZoneId.of("Europe/London"),
                OpeningHours.parse(open ? "Mon-Sun 00:00-24:00" : "Sun 03:00-03:01"),
                List.of("general"),
                List.of(),
                idleTimeoutSeconds);
    repos.staff().create(ADVISOR, "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
    KioskRepository.Enrolled enrolled = repos.kiosks().create("Ampthill Library kiosk", site.id());
    try {
      printed = Files.createTempDirectory("cap-kiosk-printed");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    kioskEnvironment =
        new HashMap<>(
            Map.of(
                "CAP_SERVER_URL",
                server.baseUrl(),
                "CAP_KIOSK_ID",
                enrolled.kiosk().id(),
                "CAP_KIOSK_SECRET",
                enrolled.secret(),
                "CAP_KIOSK_UI_PORT",
                "0",
                "CAP_PRINTER_FOLDER",
                printed.toString(),
                "CAP_KIOSK_WORK_DIR",
                printed.resolveSibling(printed.getFileName() + "-work").toString()));
    kioskEnvironment.putAll(kioskSettings);
    kiosk = startKioskApp();
    kioskUrl = kiosk.uiUrl();
    // A restarted kiosk-app serves its screen where the kiosk's browser expects it.
    kioskEnvironment.put("CAP_KIOSK_UI_PORT", String.valueOf(URI.create(kioskUrl).getPort()));
  }

  private KioskApp startKioskApp() {
    return KioskApp.start(KioskConfig.from(kioskEnvironment, List.of("--headless")));
  }

  /**
   * The server's clock. A closed site is open one minute a week (Sunday 03:00 in London), so for
   * one the clock starts on a Monday morning and runs on from there: the site is closed whatever
   * day the test runs. An open site is open all week, so it keeps the real time, which the
   * browsers' own clocks show too.
   */
  private Clock clockFor(boolean open) {
    if (open) {
      return Clock.system();
    }
    Instant mondayMorning = Instant.parse("2026-11-23T10:00:00Z");
    long started = System.nanoTime();
    return () -> mondayMorning.plusNanos(System.nanoTime() - started).plus(skipped.get());
  }

  /**
   * Moves the server's clock on (a closed site's system only: an open site keeps the real time), as
   * when a test needs "the next morning". Console sessions may expire: sign in again after.
   */
  public void advanceClock(Duration by) {
    skipped.updateAndGet(d -> d.plus(by));
  }

  public String consoleUrl() {
    return server.baseUrl();
  }

  /** Where the kiosk's simulated printer puts what it prints. */
  public java.nio.file.Path printedFolder() {
    return printed;
  }

  /** The kiosk-app process (in this JVM): how many screens are on its bridge. */
  public KioskApp kioskApp() {
    return kiosk;
  }

  public String kioskUrl() {
    return kioskUrl;
  }

  public CapServer server() {
    return server;
  }

  public void stopServer() {
    server.close();
  }

  /**
   * Starts the server again on the same port and data directory, as after a crash or an upgrade.
   */
  public void startServerAgain() {
    server = CapServer.start(config, clock);
  }

  /**
   * kiosk-app stops at once (a crash, a kill): its link to the server and its screen's bridge just
   * drop.
   */
  public void stopKioskApp() {
    kiosk.close();
    kiosk = null;
  }

  /**
   * kiosk-app starts again with the same identity and screen port, as systemd restarts it after a
   * crash.
   */
  public void startKioskAppAgain() {
    kiosk = startKioskApp();
  }

  @Override
  public void close() {
    if (kiosk != null) {
      kiosk.close();
    }
    server.close();
  }
}
