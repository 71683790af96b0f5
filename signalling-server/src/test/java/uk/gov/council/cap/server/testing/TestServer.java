package uk.gov.council.cap.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import uk.gov.council.cap.documents.seal.SealKeystore;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * A real server on a free port with its own data directory, and helpers to arrange staff and
 * kiosks.
 */
public final class TestServer implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery";
  private final Path dataDir;
  private final UnaryOperator<ServerConfig> tweak;
  private final FakeClock clock;
  private final OutboundMessages sent = new OutboundMessages();
  private CapServer server;

  public TestServer() {
    this(tempDir());
  }

  public TestServer(Path dataDir) {
    this(dataDir, UnaryOperator.identity());
  }

  /**
   * A server whose configuration the test adjusts (a fake Stripe, say); restarts keep the
   * adjustment.
   */
  public TestServer(UnaryOperator<ServerConfig> tweak) {
    this(tempDir(), tweak);
  }

  /**
   * Every test server tells the time by a {@link FakeClock}: by default one that starts on a fixed
   * weekday morning and runs on in real time, so a test gives the same answer on any day (a site
   * "closed" except one minute a week is closed whenever the test runs), while the server's timers
   * run as usual.
   */
  private TestServer(Path dataDir, UnaryOperator<ServerConfig> tweak) {
    this(dataDir, tweak, FakeClock.running());
  }

  /**
   * A server on a clock the test moves, for tests of timers: the test advances a stopped clock
   * instead of sleeping.
   */
  public TestServer(FakeClock clock, UnaryOperator<ServerConfig> tweak) {
    this(tempDir(), tweak, clock);
  }

  private TestServer(Path dataDir, UnaryOperator<ServerConfig> tweak, FakeClock clock) {
    this.dataDir = dataDir;
    this.tweak = tweak;
    this.clock = clock;
    this.server = CapServer.start(checked(tweak.apply(config(dataDir))), clock);
  }

  /** Every message the server sends is checked against its schema; close() fails on any broken. */
  private ServerConfig checked(ServerConfig config) {
    return config.withOutboundCheck(sent);
  }

  /** A server on a fresh PostgreSQL database instead of the embedded H2 default. */
  public static TestServer onPostgres() {
    String jdbcUrl = Databases.freshPostgresUrl();
    return new TestServer(tempDir(), c -> c.withJdbc(jdbcUrl, "postgres", ""), FakeClock.running());
  }

  public static ServerConfig config(Path dataDir) {
    return ServerConfig.defaults()
        .withPort(0)
        .withDataDir(dataDir)
        .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(1))
        .withDocuments(
            new ServerConfig.Documents(
                "Test Council",
                Optional.of(SharedSeal.KEYSTORE),
                SharedSeal.PASSWORD,
                Optional.empty(),
                Optional.empty()))
        .withPayments(ServerConfig.defaults().payments().withPollInterval(Duration.ofMillis(100)))
        // Short, so tests of a dropped side are quick; ServerConfig documents the defaults.
        .withCallHold(
            new ServerConfig.CallHold(
                Duration.ofMillis(250),
                Duration.ofSeconds(3),
                Duration.ofMillis(1500),
                Duration.ofMillis(250)));
  }

  /**
   * One sealing key for every test server in the JVM: making an RSA key per server would slow every
   * test. It is made as of the test clocks' start, so documents the servers seal by their clocks
   * are within its validity.
   */
  private static final class SharedSeal {
    static final String PASSWORD = "test-seal-password";
    static final Path KEYSTORE = create();

    private static Path create() {
      try {
        Path file = Files.createTempDirectory("cap-test-seal").resolve("seal.p12");
        new SealKeystore(file, PASSWORD.toCharArray())
            .generateSelfSigned("Test Council", FakeClock.START);
        return file;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("cap-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return server.baseUrl();
  }

  public Path dataDir() {
    return dataDir;
  }

  public CapServer server() {
    return server;
  }

  /** The clock this server tells the time by. */
  public FakeClock clock() {
    return clock;
  }

  /** Stops and starts the server on the same data directory, as a restart in production would. */
  public void restart() {
    server.close();
    server = CapServer.start(checked(tweak.apply(config(dataDir))), clock);
  }

  public Site openSite(String name, List<String> themes, List<String> enquiryThemes) {
    return server
        .repositories()
        .sites()
        .create(
            name,
            "01632 960 001",
            ZoneId.of("Europe/London"),
            OpeningHours.parse("Mon-Sun 00:00-24:00"),
            themes,
            enquiryThemes,
            120);
  }

  public Site closedSite(String name) {
    // Open one minute a week in a far time zone: closed for all practical purposes of a test.
    return server
        .repositories()
        .sites()
        .create(
            name,
            "01632 960 002",
            ZoneId.of("Pacific/Kiritimati"),
            OpeningHours.parse("Sun 03:00-03:01"),
            List.of("general"),
            List.of(),
            120);
  }

  public KioskRepository.Enrolled kiosk(String name, Site site) {
    return server.repositories().kiosks().create(name, site.id());
  }

  public void staff(String username, Role role, Set<String> themes) {
    server
        .repositories()
        .staff()
        .create(
            username,
            username.substring(0, 1).toUpperCase() + username.substring(1) + " Tester",
            role,
            themes,
            PASSWORD);
  }

  public Api signIn(String username) {
    return Api.signedIn(url(), username, PASSWORD);
  }

  public WsClient kioskSocket(KioskRepository.Enrolled k) {
    return WsClient.kiosk(url(), k.kiosk().id(), k.secret());
  }

  public WsClient consoleSocket(Api api) {
    return WsClient.console(url(), api.cookie());
  }

  @Override
  public void close() {
    server.close();
    sent.assertAllMatchedTheirSchemas();
  }
}
