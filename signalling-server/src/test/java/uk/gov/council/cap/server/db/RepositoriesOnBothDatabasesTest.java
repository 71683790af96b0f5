package uk.gov.council.cap.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.calls.CallState;
import uk.gov.council.cap.server.calls.EndReason;
import uk.gov.council.cap.server.calls.Outcome;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.customers.Customer;
import uk.gov.council.cap.server.customers.CustomerInput;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.PasswordHasher;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;

/** The same repository tests on the embedded H2 default and on PostgreSQL. */
class RepositoriesOnBothDatabasesTest {
  private final Ids ids = new Ids();
  // The fixed instants below go with a clock that starts on a fixed day too.
  private final Clock clock = FakeClock.running();

  @ParameterizedTest
  @MethodSource("uk.gov.council.cap.server.testing.Databases#both")
  void theAuditLogIsAppendOnlyInTheDatabaseItself(Databases kind) {
    try (Database db = kind.open()) {
      AuditLog audit = new AuditLog(db.jdbi(), clock);
      audit.record("staff:alex", "case.viewed", "case-1", null, null);
      assertThat(audit.forCase("case-1")).hasSize(1);
      assertThatThrownBy(
              () ->
                  db.jdbi()
                      .useHandle(h -> h.execute("update audit_log set actor = 'someone else'")))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("delete from audit_log")))
          .hasMessageContaining("append-only");
      assertThat(audit.forCase("case-1").get(0).actor()).isEqualTo("staff:alex");
    }
  }

  @ParameterizedTest
  @MethodSource("uk.gov.council.cap.server.testing.Databases#both")
  void aCallIsStoredOnItsCaseThroughItsWholeLifecycle(Databases kind) {
    try (Database db = kind.open()) {
      var jdbi = db.jdbi();
      var site =
          new SiteRepository(jdbi, ids)
              .create(
                  "Library",
                  "01632 960 000",
                  java.time.ZoneId.of("Europe/London"),
                  OpeningHours.parse("Mon-Fri 09:00-17:00"),
                  List.of("general"),
                  List.of(),
                  120);
      var kiosk = new KioskRepository(jdbi, ids, clock).create("Kiosk", site.id());
      var advisor =
          new StaffRepository(jdbi, ids, clock, new PasswordHasher())
              .create("alex", "Alex Advisor", Role.ADVISOR, Set.of("general"), "pw-long-enough");
      CaseRepository cases = new CaseRepository(jdbi, ids, clock);
      CallRepository calls = new CallRepository(jdbi);
      Instant queued = Instant.parse("2026-11-20T10:00:00Z");

      CaseRecord opened =
          jdbi.inTransaction(
              h -> {
                CaseRecord c = cases.open(h);
                calls.insertQueued(h, "call-1", c.id(), kiosk.kiosk().id(), "general", queued);
                cases.addToTimeline(
                    h, c.id(), "call.queued", "Queued", kiosk.kiosk().auditName(), "call-1");
                return c;
              });
      assertThat(calls.inState(CallState.QUEUED))
          .extracting(CallRecord::id)
          .containsExactly("call-1");
      jdbi.useTransaction(
          h -> {
            calls.markConnected(h, "call-1", advisor.id(), queued.plusSeconds(42));
            calls.markEnded(h, "call-1", EndReason.HANGUP_ADVISOR, queued.plusSeconds(342));
            calls.recordOutcome(
                h, "call-1", Outcome.CALLBACK, "Ring back <tomorrow>", queued.plusSeconds(400));
          });
      CallRecord stored = calls.ofCase(opened.id()).get(0);
      assertThat(stored.answeredAt()).isEqualTo(queued.plusSeconds(42));
      assertThat(stored.endedAt()).isEqualTo(queued.plusSeconds(342));
      assertThat(stored.endReason()).isEqualTo("hangup_advisor");
      assertThat(stored.outcome()).isEqualTo(Outcome.CALLBACK);
      assertThat(stored.notes()).isEqualTo("Ring back <tomorrow>");
      assertThat(cases.timeline(opened.id()))
          .extracting(t -> t.kind())
          .containsExactly("call.queued");
      assertThat(
              new KioskRepository(jdbi, ids, clock)
                  .authenticate(kiosk.kiosk().id(), kiosk.secret()))
          .isPresent();
      assertThat(new KioskRepository(jdbi, ids, clock).authenticate(kiosk.kiosk().id(), "guess"))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("uk.gov.council.cap.server.testing.Databases#both")
  void customersAreFoundByAnyDetailAResidentGives(Databases kind) {
    try (Database db = kind.open()) {
      CustomerRepository customers = new CustomerRepository(db.jdbi(), ids, clock);
      CustomerInput in =
          new CustomerInput(
                  "Ada",
                  "Lovelace",
                  "1985-12-10",
                  "1 High St",
                  null,
                  "Ampthill",
                  "mk45 2aa",
                  "01632 960 123",
                  "ada@example.org",
                  null)
              .validated(LocalDate.of(2026, 11, 22));
      Customer ada = customers.create(in, "staff-1");
      assertThat(customers.candidates(List.of("love")))
          .extracting(Customer::id)
          .containsExactly(ada.id());
      assertThat(customers.candidates(List.of("MK452AA")))
          .extracting(Customer::id)
          .containsExactly(ada.id());
      assertThat(customers.candidates(List.of("ada@example.org"))).hasSize(1);
      assertThat(customers.candidates(List.of("1985-12-10"))).hasSize(1);
      assertThat(customers.candidates(List.of("nobody"))).isEmpty();
    }
  }
}
