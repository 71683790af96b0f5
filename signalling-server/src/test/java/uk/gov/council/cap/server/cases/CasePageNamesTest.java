package uk.gov.council.cap.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.PasswordHasher;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * A case page names the people and kiosks on it ("Ampthill kiosk", "Alex Tester"), not the ids the
 * timeline stores ("kiosk:80f9…", "staff:alex"), which a supervisor cannot read.
 */
class CasePageNamesTest {
  @Test
  void theTimelineNamesTheKioskAndTheAdvisor() {
    try (TestServer server = new TestServer();
        ConnectedCall call = ConnectedCall.start(server, "alex")) {
      JsonNode theCase = call.advisorApi().get("/api/cases/" + call.caseId()).body();

      List<String> actors = new ArrayList<>();
      List<String> by = new ArrayList<>();
      theCase
          .path("timeline")
          .forEach(
              t -> {
                actors.add(t.path("actor").asText());
                by.add(t.path("by").asText());
              });
      assertThat(actors).contains("kiosk:" + call.kiosk().kiosk().id());
      assertThat(by).contains("Ampthill kiosk").allMatch(name -> !name.contains(":"));
      assertThat(theCase.path("names").path("kiosk:" + call.kiosk().kiosk().id()).asText())
          .isEqualTo("Ampthill kiosk");

      call.advisorApi().post("/api/calls/" + call.callId() + "/outcome", outcome());
      JsonNode after = call.advisorApi().get("/api/cases/" + call.caseId()).body();
      List<String> byAfter = new ArrayList<>();
      after.path("timeline").forEach(t -> byAfter.add(t.path("by").asText()));
      assertThat(byAfter).contains("Alex Tester", "Ampthill kiosk");
    }
  }

  @Test
  void actorsThatAreNotPeopleAreNamedInWords() {
    try (Database db = Databases.H2.open()) {
      FakeClock clock = FakeClock.stopped();
      StaffRepository staff =
          new StaffRepository(db.jdbi(), new Ids(), clock, new PasswordHasher());
      staff.create("sam", "Sam Okafor", Role.ADVISOR, Set.of("general"), TestServer.PASSWORD);
      ActorNames.Lookup names =
          new ActorNames(staff, new KioskRepository(db.jdbi(), new Ids(), clock)).forOnePage();

      assertThat(names.nameOf("staff:sam")).isEqualTo("Sam Okafor");
      assertThat(names.nameOf("card-reader:simulated-80f92851")).isEqualTo("Simulated card reader");
      assertThat(names.nameOf("card-reader:tmr_FAKE1234")).isEqualTo("Card reader tmr_FAKE1234");
      assertThat(names.nameOf("kiosk:no-such-kiosk")).isEqualTo("A kiosk no longer on record");
      assertThat(names.nameOf("system")).isEqualTo("Customer Access Point (automatic)");
      assertThat(names.nameOf(null)).isNull();
      assertThat(names.named())
          .containsEntry("staff:sam", "Sam Okafor")
          .containsEntry("card-reader:simulated-80f92851", "Simulated card reader");
    }
  }

  private static Map<String, Object> outcome() {
    return Map.of("outcome", "RESOLVED", "notes", "");
  }
}
