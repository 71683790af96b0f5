package uk.gov.council.cap.server.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.media.IceServerProvider;
import uk.gov.council.cap.server.media.PeerToPeerMedia;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * A call desk with no server and no sockets: its thread runs every event at once on the test's
 * thread, time moves only when the test says, and the ledger writes to a fresh in-memory database.
 */
final class DeskFixture implements AutoCloseable {
  static final Duration OFFER_TIMEOUT = Duration.ofSeconds(20);
  static final Duration RESUME_GRACE = Duration.ofSeconds(120);
  static final Duration NO_ADVISOR_GRACE = Duration.ofSeconds(15);
  static final Duration CALL_RESUME_GRACE = Duration.ofSeconds(15);

  final FakeClock clock = FakeClock.stopped();
  final ProtocolCodec codec = new ProtocolCodec(new ObjectMapper());
  final Database db = Databases.H2.open();
  final Ids ids = new Ids();
  final SiteRepository sites = new SiteRepository(db.jdbi(), ids);
  final KioskRepository kiosks = new KioskRepository(db.jdbi(), ids, clock);
  final CaseRepository cases = new CaseRepository(db.jdbi(), ids, clock);
  final CallRepository calls = new CallRepository(db.jdbi());
  final AuditLog audit = new AuditLog(db.jdbi(), clock);
  final CallDesk desk;
  private int nextId;

  DeskFixture() {
    this(RoutingPolicy.DEFAULT, Duration.ZERO);
  }

  /** A desk with these routing settings (overflow, missed offers before Away). */
  DeskFixture(RoutingPolicy policy) {
    this(policy, Duration.ZERO);
  }

  /** A desk whose advisors are Available this long after saving an outcome (ADR 0044). */
  DeskFixture(Duration wrapUp) {
    this(RoutingPolicy.DEFAULT, wrapUp);
  }

  DeskFixture(RoutingPolicy policy, Duration wrapUp) {
    desk =
        new CallDesk(
            codec,
            clock,
            new CallDesk.Timings(
                OFFER_TIMEOUT,
                RESUME_GRACE,
                NO_ADVISOR_GRACE,
                CALL_RESUME_GRACE,
                Duration.ofSeconds(5),
                Duration.ofMillis(250),
                wrapUp),
            new CallLedgerFactory(db.jdbi(), ids, cases, calls, audit),
            kiosks,
            sites,
            cases,
            new PeerToPeerMedia(new IceServerProvider(List.of(), Optional.empty(), clock)),
            SerialThread.inline("call-desk"),
            Map.of(),
            policy);
  }

  Site openSite(List<String> themes) {
    return sites.create(
        "Library",
        "01632 960 001",
        ZoneId.of("Europe/London"),
        OpeningHours.parse("Mon-Sun 00:00-24:00"),
        themes,
        List.of(),
        120);
  }

  Kiosk kiosk(String name, Site site) {
    return kiosks.create(name, site.id()).kiosk();
  }

  /** An advisor in the database (the ledger's calls refer to them), with no password to hash. */
  StaffMember advisor(String username, Set<String> themes) {
    return advisor(username, themes, Set.of());
  }

  /** An advisor who takes calls from these sites only (every site if none). */
  StaffMember advisor(String username, Set<String> themes, Set<String> siteIds) {
    String id = ids.newId();
    db.jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "insert into staff (id, username, display_name, role, password_hash,"
                            + " themes, created_at) values (:id, :u, :d, 'ADVISOR', 'x', :t, 0)")
                    .bind("id", id)
                    .bind("u", username)
                    .bind("d", username + " Tester")
                    .bind("t", String.join(",", themes))
                    .execute());
    return new StaffMember(
        id, username, username + " Tester", Role.ADVISOR, themes, siteIds, Set.of());
  }

  /** A signed-in advisor, set Available. */
  RecordingPeer available(StaffMember advisor) {
    RecordingPeer peer = new RecordingPeer();
    desk.advisorConnected(advisor, peer);
    fromAdvisor(advisor, peer, "advisor.status", Map.of("status", "AVAILABLE"));
    return peer;
  }

  RecordingPeer connect(Kiosk kiosk) {
    RecordingPeer peer = new RecordingPeer();
    desk.kioskConnected(kiosk, peer);
    return peer;
  }

  /** The kiosk asks for a call; the call's id, from its call.queued. */
  String request(Kiosk kiosk, RecordingPeer peer) {
    fromKiosk(kiosk, peer, "call.request", Map.of());
    return peer.last("call.queued").path("callId").asText();
  }

  /** The kiosk asks for a call about this theme; the call's id. */
  String request(Kiosk kiosk, RecordingPeer peer, String theme) {
    fromKiosk(kiosk, peer, "call.request", Map.of("theme", theme));
    return peer.last("call.queued").path("callId").asText();
  }

  void fromKiosk(Kiosk kiosk, RecordingPeer peer, String type, Map<String, ?> payload) {
    desk.fromKiosk(kiosk, peer, envelope(type, payload));
  }

  void fromAdvisor(StaffMember staff, RecordingPeer peer, String type, Map<String, ?> payload) {
    desk.fromAdvisor(staff, peer, envelope(type, payload));
  }

  /** Time passes, and the desk looks at its timers, as its clock thread would make it. */
  void after(Duration d) {
    clock.advance(d);
    desk.tick();
  }

  private Envelope envelope(String type, Map<String, ?> payload) {
    var root = codec.json().createObjectNode();
    root.put("v", 1);
    root.put("type", type);
    root.put("id", "u" + (++nextId));
    root.set("payload", codec.json().valueToTree(payload));
    try {
      return codec.decode(root.toString());
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    desk.close();
    db.close();
  }
}
