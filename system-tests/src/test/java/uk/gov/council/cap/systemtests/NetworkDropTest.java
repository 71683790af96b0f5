package uk.gov.council.cap.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * The network between kiosk-app and the server breaks (a {@link TcpProxy} in between: reset, cut or
 * blackholed) while a resident is being served. Every scanned page is stored once, however often
 * kiosk-app has to send it; a call is held and resumes on the same case, or ends with its reason at
 * the moment the kiosk was last heard; a resident in the queue keeps their place; kiosk-app notices
 * a silent network by itself and reconnects when it is back.
 */
class NetworkDropTest {
  private static final String ADVISOR = "alex";
  private static final String PASSWORD = "correct horse battery";

  /**
   * kiosk-app gives up on a silent server after 10 s (CAP_KIOSK_SERVER_SILENCE_MILLIS), checking
   * every 2 s.
   */
  private static final Duration SILENCE_LIMIT = Duration.ofSeconds(10);

  private static final Duration SILENCE_CHECK = Duration.ofSeconds(2);

  /** A busy build machine's scheduling slack on top of any documented bound. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  private Path dataDir;
  private CapServer server;
  private TcpProxy network;
  private KioskUnderTest kiosk;
  private StaffApi advisorApi;
  private ProtocolSocket console;

  @BeforeEach
  void aKioskBehindANetworkTheTestControls() throws IOException {
    dataDir = Files.createTempDirectory("cap-network");
    server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(dataDir)
                .withTimings(
                    Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(2)));
    var repos = server.repositories();
    Site site =
        repos
            .sites()
            .create(
                "Ampthill Library",
                "01632 960 000",
                ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Sun 00:00-24:00"),
                List.of("general"),
                List.of(),
                120);
    repos.staff().create(ADVISOR, "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
    KioskRepository.Enrolled enrolled = repos.kiosks().create("Ampthill Library kiosk", site.id());
    network = new TcpProxy(server.port());
    kiosk = KioskUnderTest.start(network.url(), enrolled.kiosk().id(), enrolled.secret());
    advisorApi = StaffApi.signIn(server.baseUrl(), ADVISOR, PASSWORD);
    console = ProtocolSocket.console(advisorApi);
    // Signed in as far as the call desk is concerned (it answers with the advisor's state), so
    // calls can queue.
    console.await("advisor.state");
    kiosk.awaitLinkUp(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    kiosk.close();
    console.close();
    network.close();
    server.close();
  }

  @Test
  void aPageWhoseAcknowledgementIsLostIsSentAgainAndStoredOnce() throws Exception {
    InCall call = connectACall();
    // The server stores page 1, and the connection breaks as its answer comes back: kiosk-app must
    // send it again.
    TcpProxy.Trap lostAnswer =
        network.onAnswer("PUT /api/kiosk/scans/", TcpProxy.Fault.RESET_CONNECTION);
    String scanId = scanFromTheFeeder(call);

    assertThat(lostAnswer.awaitSprung(Duration.ofSeconds(60)))
        .as("the first page's answer was lost")
        .isTrue();
    JsonNode captured =
        console.await(
            "scan.updated",
            p ->
                p.path("scanId").asText().equals(scanId)
                    && p.path("status").asText().equals("CAPTURED"),
            Duration.ofSeconds(60));
    assertThat(captured.path("pages")).hasSize(2);
    assertThat(pageEvents(call.caseId(), scanId)).containsExactlyInAnyOrder("page=1", "page=2");
    assertThat(storedPageFiles(scanId)).hasSize(2);
    assertThat(
            kiosk
                .screen()
                .await("scan.progress", p -> p.path("step").asText().equals("done"))
                .path("of")
                .asInt())
        .isEqualTo(2);

    // Kept on the case: one document, two pages, not three.
    JsonNode kept = advisorApi.act("/api/scans/" + scanId + "/accept", Map.of());
    JsonNode documents = advisorApi.read("/api/cases/" + call.caseId() + "/documents");
    assertThat(documents).hasSize(1);
    assertThat(pdfPages(kept.path("documentId").asText())).isEqualTo(2);
  }

  @Test
  void aShortBlackoutDuringAnUploadHoldsThePageUntilTheNetworkIsBackAndTheCallCarriesOn()
      throws Exception {
    InCall call = connectACall();
    TcpProxy.Trap blackout = network.onRequest("PUT /api/kiosk/scans/", TcpProxy.Fault.BLACKHOLE);
    String scanId = scanFromTheFeeder(call);

    assertThat(blackout.awaitSprung(Duration.ofSeconds(60))).isTrue();
    // Nothing gets through, and nothing says so: no page yet, and kiosk-app still believes in its
    // link.
    assertThat(advisorApi.read("/api/scans/" + scanId).path("pages")).isEmpty();
    assertThat(kiosk.linkUp()).isTrue();

    network.restore();
    JsonNode captured =
        console.await(
            "scan.updated",
            p ->
                p.path("scanId").asText().equals(scanId)
                    && p.path("status").asText().equals("CAPTURED"),
            Duration.ofSeconds(60));
    assertThat(captured.path("pages")).hasSize(2);
    assertThat(pageEvents(call.caseId(), scanId)).containsExactlyInAnyOrder("page=1", "page=2");
    // The blip was shorter than either side's patience: the call is still on.
    assertThat(console.received()).noneMatch(m -> m.path("type").asText().equals("call.ended"));
    assertThat(
            advisorApi
                .read("/api/cases/" + call.caseId())
                .path("contacts")
                .get(0)
                .path("state")
                .asText())
        .isEqualTo("CONNECTED");
  }

  @Test
  void aCutDuringAnUploadPausesTheCallWhichResumesOnTheSameCaseWithEachPageStoredOnce()
      throws Exception {
    InCall call = connectACall();
    // The network is cut as the server's answer to page 1 comes back: kiosk-app's socket and upload
    // both break.
    TcpProxy.Trap cut = network.onAnswer("PUT /api/kiosk/scans/", TcpProxy.Fault.CUT);
    String scanId = scanFromTheFeeder(call);
    assertThat(cut.awaitSprung(Duration.ofSeconds(60))).isTrue();

    // The server holds the call for the kiosk (docs/protocol.md, "Holding a call") and tells the
    // advisor at once.
    JsonNode paused =
        console.await(
            "call.paused",
            p -> p.path("callId").asText().equals(call.callId()),
            SILENCE_LIMIT.plus(SLACK));
    assertThat(paused.path("party").asText()).isEqualTo("kiosk");
    int mark = console.mark();
    network.restore();

    // kiosk-app reconnects and rejoins: the same call on the same case, and the scan carries on.
    console.awaitAfter(
        mark,
        "call.connected",
        p -> p.path("callId").asText().equals(call.callId()) && p.path("resumed").asBoolean(),
        Duration.ofSeconds(60));
    JsonNode captured =
        console.await(
            "scan.updated",
            p ->
                p.path("scanId").asText().equals(scanId)
                    && p.path("status").asText().equals("CAPTURED"),
            Duration.ofSeconds(60));
    assertThat(captured.path("pages")).hasSize(2);
    // Page 1 reached the server before the cut and again after it: stored once.
    assertThat(pageEvents(call.caseId(), scanId)).containsExactlyInAnyOrder("page=1", "page=2");
    assertThat(storedPageFiles(scanId)).hasSize(2);
    JsonNode contact = advisorApi.read("/api/cases/" + call.caseId()).path("contacts");
    assertThat(contact).hasSize(1);
    assertThat(contact.get(0).path("callId").asText()).isEqualTo(call.callId());
    assertThat(contact.get(0).path("state").asText()).isEqualTo("CONNECTED");
    advisorApi.act("/api/scans/" + scanId + "/accept", Map.of());
    assertThat(advisorApi.read("/api/cases/" + call.caseId() + "/documents")).hasSize(1);
  }

  @Test
  void pagesUploadedWhileTheKioskSocketIsDownAreReportedWhenItIsBack() {
    InCall call = connectACall();
    String scanId = askForAScan(call);
    // Something between kiosk and server drops the long-lived WebSocket (and refuses it again),
    // while short HTTP
    // requests still get through.
    int mark = console.mark();
    network.refuse("GET /ws/kiosk");
    console.awaitAfter(
        mark,
        "call.paused",
        p -> p.path("callId").asText().equals(call.callId()),
        SILENCE_LIMIT.plus(SLACK));
    Await.until(
        "kiosk-app knows its link is down", () -> !kiosk.linkUp(), SILENCE_LIMIT.plus(SLACK));

    // The resident presses Scan: both pages reach the server over HTTP, but "captured" needs the
    // socket.
    kiosk.screen().send("scan.capture", Map.of("scanId", scanId));
    Await.until(
        "both pages stored",
        () -> advisorApi.read("/api/scans/" + scanId).path("pages").size() == 2,
        Duration.ofSeconds(60));

    int beforeRestore = console.mark();
    network.restore();
    console.awaitAfter(
        beforeRestore,
        "call.connected",
        p -> p.path("callId").asText().equals(call.callId()) && p.path("resumed").asBoolean(),
        Duration.ofSeconds(60));
    JsonNode captured =
        console.await(
            "scan.updated",
            p ->
                p.path("scanId").asText().equals(scanId)
                    && p.path("status").asText().equals("CAPTURED"),
            Duration.ofSeconds(60));
    assertThat(captured.path("pages")).hasSize(2);
    assertThat(pageEvents(call.caseId(), scanId)).containsExactlyInAnyOrder("page=1", "page=2");
  }

  @Test
  void aPulledCableDuringACallPausesItAndTheCallResumesOnTheSameCaseWhenTheCableIsBack() {
    InCall call = connectACall();
    int mark = console.mark();
    network.blackhole();
    // No FIN, no RST: the server notices the silence within its limit and holds the call.
    console.awaitAfter(
        mark,
        "call.paused",
        p -> p.path("callId").asText().equals(call.callId()),
        SILENCE_LIMIT.plus(SLACK));
    int beforeRestore = console.mark();
    int screenMark = kiosk.screen().mark();
    network.restore();

    console.awaitAfter(
        beforeRestore,
        "call.connected",
        p -> p.path("callId").asText().equals(call.callId()) && p.path("resumed").asBoolean(),
        Duration.ofSeconds(60));
    kiosk
        .screen()
        .awaitAfter(
            screenMark,
            "call.connected",
            p -> p.path("callId").asText().equals(call.callId()),
            Duration.ofSeconds(30));
    assertThat(console.received()).noneMatch(m -> m.path("type").asText().equals("call.ended"));
    JsonNode contacts = advisorApi.read("/api/cases/" + call.caseId()).path("contacts");
    assertThat(contacts).hasSize(1);
    assertThat(contacts.get(0).path("state").asText()).isEqualTo("CONNECTED");
  }

  @Test
  void aCableThatStaysOutEndsTheCallWithItsReasonAtTheMomentTheKioskWasLastHeard() {
    InCall call = connectACall();
    int mark = console.mark();
    Instant pulled = Instant.now();
    network.blackhole();

    console.awaitAfter(
        mark,
        "call.paused",
        p -> p.path("callId").asText().equals(call.callId()),
        SILENCE_LIMIT.plus(SLACK));
    // At most silence limit + grace (25 s by default) after the kiosk was last heard, the call
    // ends.
    JsonNode ended =
        console.awaitAfter(
            mark,
            "call.ended",
            p -> p.path("callId").asText().equals(call.callId()),
            server.config().callHold().worstCaseToEnd().plus(SLACK));
    assertThat(ended.path("reason").asText()).isEqualTo("kiosk_disconnected");
    JsonNode contact = advisorApi.read("/api/cases/" + call.caseId()).path("contacts").get(0);
    assertThat(contact.path("state").asText()).isEqualTo("ENDED");
    assertThat(contact.path("endReason").asText()).isEqualTo("kiosk_disconnected");
    // Ended when the kiosk was last heard, which is before the cable went (give or take a clock
    // tick).
    assertThat(Instant.parse(contact.path("endedAt").asText()))
        .isBeforeOrEqualTo(pulled.plusSeconds(1))
        .isAfterOrEqualTo(Instant.parse(contact.path("answeredAt").asText()));

    // The cable comes back: kiosk-app reconnects, and its screen learns the call is over.
    int screenMark = kiosk.screen().mark();
    network.restore();
    kiosk.awaitLinkUp(Duration.ofSeconds(60));
    kiosk
        .screen()
        .awaitAfter(
            screenMark,
            "call.ended",
            p -> p.path("callId").asText().equals(call.callId()),
            Duration.ofSeconds(30));
  }

  @Test
  void aPulledCableIsNoticedWithinTheSilenceLimitAndTheQueuedResidentKeepsTheirPlace() {
    // The advisor is signed in but not taking calls, so the resident waits in the queue.
    String callId = kiosk.requestCall();

    int beforePull = kiosk.screen().mark();
    long pulled = System.nanoTime();
    network.blackhole();
    Await.until(
        "kiosk-app notices the silence",
        () -> !kiosk.linkUp(),
        SILENCE_LIMIT.plus(SILENCE_CHECK).plus(SLACK).plusSeconds(30));
    Duration noticed = Duration.ofNanos(System.nanoTime() - pulled);
    // Never later than the limit and one check (and a busy machine's slack).
    assertThat(noticed).isLessThanOrEqualTo(SILENCE_LIMIT.plus(SILENCE_CHECK).plus(SLACK));
    // The screen is told.
    kiosk
        .screen()
        .awaitAfter(
            beforePull,
            "kiosk.link",
            p -> !p.path("connected").asBoolean(),
            Duration.ofSeconds(10));
    assertThat(kiosk.screen().isClosed())
        .as("the screen's bridge closed while the network was silent")
        .isFalse();

    int mark = kiosk.screen().mark();
    network.restore();
    kiosk.awaitLinkUp(Duration.ofSeconds(60));
    // kiosk-app re-queues the resident in their old place: the same call, so the same case.
    JsonNode requeued =
        kiosk.screen().awaitAfter(mark, "call.queued", p -> true, Duration.ofSeconds(30));
    assertThat(requeued.path("callId").asText()).isEqualTo(callId);
    assertThat(requeued.path("position").asInt()).isEqualTo(1);
    JsonNode queue = advisorApi.read("/api/queue");
    assertThat(queue.path("entries")).hasSize(1);
    assertThat(queue.path("entries").get(0).path("callId").asText()).isEqualTo(callId);
  }

  // ---- helpers ----

  private record InCall(String callId, String caseId) {}

  /** The advisor becomes available, the resident asks for a call, the advisor accepts. */
  private InCall connectACall() {
    console.send("advisor.status", Map.of("status", "AVAILABLE"));
    console.await("advisor.state", p -> p.path("status").asText().equals("AVAILABLE"));
    String callId = kiosk.requestCall();
    JsonNode offer = console.await("call.offer", p -> p.path("callId").asText().equals(callId));
    console.send("call.accept", Map.of("callId", callId));
    kiosk.screen().await("call.connected", p -> p.path("callId").asText().equals(callId));
    return new InCall(callId, offer.path("caseId").asText());
  }

  /**
   * The advisor asks for a two-page proof of address from the feeder; the resident presses Scan.
   */
  private String scanFromTheFeeder(InCall call) {
    String scanId = askForAScan(call);
    kiosk.screen().send("scan.capture", Map.of("scanId", scanId));
    return scanId;
  }

  /**
   * The advisor asks for a two-page proof of address from the feeder; the kiosk's screen shows the
   * request.
   */
  private String askForAScan(InCall call) {
    String scanId =
        advisorApi
            .act(
                "/api/calls/" + call.callId() + "/scans",
                Map.of("type", "PROOF_OF_ADDRESS", "source", "FEEDER"))
            .path("scanId")
            .asText();
    kiosk.screen().await("scan.requested", p -> p.path("scanId").asText().equals(scanId));
    return scanId;
  }

  /** Each page the server stored for this scan, as its audit entry says ("page=1"...). */
  private List<String> pageEvents(String caseId, String scanId) {
    AuditLog audit = server.repositories().audit();
    return audit.forCase(caseId).stream()
        .filter(e -> e.action().equals("scan.page") && scanId.equals(e.subject()))
        .map(e -> e.detail().replaceAll(" .*", ""))
        .toList();
  }

  private List<Path> storedPageFiles(String scanId) throws IOException {
    Path dir = dataDir.resolve("files").resolve("scans").resolve(scanId);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private int pdfPages(String documentId) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    byte[] pdf =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            server.baseUrl() + "/api/documents/" + documentId + "/file"))
                    .header("Cookie", advisorApi.cookie())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray())
            .body();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    }
  }
}
