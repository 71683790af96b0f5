package uk.gov.council.cap.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * A call back end to end over the real kiosk socket and REST API, on a stopped clock: booked on
 * Monday morning for Tuesday morning, due on Tuesday at 09:00, overdue at noon, taken and done.
 */
class CallbacksTest {
  private static final String PHONE = "07700 900123";
  private FakeClock clock;
  private TestServer server;
  private Site site;
  private KioskRepository.Enrolled kiosk;
  private WsClient kioskSocket;

  @BeforeEach
  void setUp() {
    clock = FakeClock.stopped();
    server =
        new TestServer(
            clock,
            c -> c.withCallbacks(new ServerConfig.CallbackSettings(3, 2, Duration.ofSeconds(240))));
    site =
        server
            .server()
            .repositories()
            .sites()
            .create(
                "Ampthill Library",
                "01632 960001",
                ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Fri 09:00-17:00"),
                List.of("general"),
                List.of("council-tax", "housing"),
                120);
    kiosk = server.kiosk("Ampthill kiosk", site);
    kioskSocket = server.kioskSocket(kiosk);
    kioskSocket.await("kiosk.config");
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("bea", Role.ADVISOR, Set.of("general"));
    server.staff("sam", Role.SUPERVISOR, Set.of("general"));
    server.staff("tess", Role.TECHNICIAN, Set.of());
  }

  @AfterEach
  void tearDown() {
    if (kioskSocket != null) {
      kioskSocket.close();
    }
    server.close();
  }

  private JsonNode slots() {
    kioskSocket.send("callback.slots", Map.of());
    return kioskSocket.await("callback.slots");
  }

  private String tomorrowMorning() {
    for (JsonNode s : slots().path("slots")) {
      if (s.path("day").asText().equals("tomorrow") && s.path("part").asText().equals("morning")) {
        return s.path("id").asText();
      }
    }
    throw new AssertionError("no slot tomorrow morning");
  }

  private JsonNode book(String name, String phone, String slot) {
    kioskSocket.send(
        "callback.request",
        Map.of("name", name, "phone", phone, "slot", slot, "theme", "housing", "language", "pl"));
    return kioskSocket.await("callback.booked");
  }

  @Test
  void theKioskIsOfferedTheSitesTimesAndThemes() {
    JsonNode offer = slots();
    assertThat(offer.path("offerAfterSeconds").asInt()).isEqualTo(240);
    assertThat(offer.path("themes").toString()).isEqualTo("[\"council-tax\",\"housing\"]");
    JsonNode first = offer.path("slots").get(0);
    assertThat(first.path("day").asText()).isEqualTo("today");
    assertThat(first.path("from").asText()).isEqualTo("10:30");
    assertThat(first.path("to").asText()).isEqualTo("12:00");
  }

  @Test
  void aCallBackBookedTodayIsDueTomorrowMorningThenDoneWithTheResultOnTheCase() {
    JsonNode booked = book("Mary O'Neill", PHONE, tomorrowMorning());
    String reference = booked.path("reference").asText();
    assertThat(reference).matches("CB-[0-9A-Z]{4}-[0-9A-Z]{4}");
    assertThat(booked.path("phoneShown").asText()).isEqualTo("07700 900123");
    assertThat(booked.path("slot").path("from").asText()).isEqualTo("09:00");

    Api alex = server.signIn("alex");
    assertThat(alex.get("/api/callbacks?view=due").body().path("callbacks")).isEmpty();
    JsonNode later = alex.get("/api/callbacks?view=later").body();
    assertThat(later.path("callbacks")).hasSize(1);
    JsonNode line = later.path("callbacks").get(0);
    assertThat(line.path("reference").asText()).isEqualTo(reference);
    assertThat(line.path("name").asText()).isEqualTo("Mary O'Neill");
    assertThat(line.path("theme").asText()).isEqualTo("housing");
    assertThat(line.path("language").asText()).isEqualTo("pl");
    assertThat(line.path("slotText").asText())
        .isEqualTo("Tuesday 24 November, morning, 09:00 to 12:00");
    assertThat(line.has("phone")).as("the list never shows the number").isFalse();

    // Technicians do not see call backs; nobody signed out does.
    assertThat(server.signIn("tess").get("/api/callbacks?view=later").status()).isEqualTo(403);
    assertThat(new Api(server.url()).get("/api/callbacks").status()).isEqualTo(401);
    assertThat(alex.get("/api/callbacks?view=everything").status()).isEqualTo(400);

    // The next morning (a new day, so a new sign-in).
    clock.advance(Duration.ofHours(23));
    alex = server.signIn("alex");
    JsonNode due = alex.get("/api/callbacks?view=due").body();
    assertThat(due.path("callbacks")).hasSize(1);
    assertThat(due.path("counts").path("due").asInt()).isEqualTo(1);
    String id = due.path("callbacks").get(0).path("id").asText();
    String caseId = due.path("callbacks").get(0).path("caseId").asText();

    JsonNode taken = alex.post("/api/callbacks/" + id + "/take", Map.of()).body();
    assertThat(taken.path("phone").asText()).isEqualTo("07700 900123");
    assertThat(taken.path("assignedName").asText()).isEqualTo("Alex Tester");
    assertThat(alex.get("/api/callbacks?view=mine").body().path("callbacks")).hasSize(1);

    // Someone else cannot take it from alex, nor record its result.
    Api bea = server.signIn("bea");
    assertThat(bea.post("/api/callbacks/" + id + "/take", Map.of()).status()).isEqualTo(409);
    assertThat(bea.post("/api/callbacks/" + id + "/result", Map.of("result", "RESOLVED")).status())
        .isEqualTo(409);

    assertThat(alex.post("/api/callbacks/" + id + "/result", Map.of("result", "MAYBE")).status())
        .isEqualTo(400);
    Api.Response done =
        alex.post(
            "/api/callbacks/" + id + "/result",
            Map.of("result", "RESOLVED", "notes", "Explained the housing register."));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body().path("status").asText()).isEqualTo("RESOLVED");
    assertThat(alex.get("/api/callbacks?view=mine").body().path("callbacks")).isEmpty();
    assertThat(
            alex.post("/api/callbacks/" + id + "/result", Map.of("result", "NOT_HELPED")).status())
        .isEqualTo(409);

    String timeline = alex.get("/api/cases/" + caseId).body().toString();
    assertThat(timeline)
        .contains("Resident asked for a call back at Ampthill kiosk (Ampthill Library)")
        .contains(
            "Call back "
                + reference
                + ": Called and resolved. Notes: Explained the housing"
                + " register.")
        .doesNotContain("900123");

    AuditLog audit = server.server().repositories().audit();
    List<String> actions =
        audit.forCase(caseId).stream().map(e -> e.actor() + " " + e.action()).toList();
    assertThat(actions)
        .contains(
            "kiosk:" + kiosk.kiosk().id() + " callback.requested",
            "staff:alex callback.taken",
            "staff:alex callback.viewed",
            "staff:alex callback.result_recorded");
    assertThat(audit.forCase(caseId).toString()).doesNotContain("900123");
  }

  @Test
  void aCallBackNotDoneInItsTimeIsOverdueForTheSupervisor() {
    book("Mary", PHONE, tomorrowMorning());
    clock.advance(Duration.ofHours(26)); // Tuesday 12:00: the morning has gone.
    Api sam = server.signIn("sam");
    JsonNode overdue = sam.get("/api/callbacks?view=overdue").body();
    assertThat(overdue.path("callbacks")).hasSize(1);
    assertThat(overdue.path("callbacks").get(0).path("timing").asText()).isEqualTo("overdue");
    assertThat(overdue.path("counts").path("overdue").asInt()).isEqualTo(1);

    // No answer: it stays to do.
    String id = overdue.path("callbacks").get(0).path("id").asText();
    assertThat(sam.get("/api/callbacks/" + id).body().path("phone").asText())
        .isEqualTo("07700 900123");
    sam.post("/api/callbacks/" + id + "/take", Map.of());
    sam.post("/api/callbacks/" + id + "/result", Map.of("result", "NO_ANSWER"));
    JsonNode still = sam.get("/api/callbacks?view=overdue").body().path("callbacks");
    assertThat(still).hasSize(1);
    assertThat(still.get(0).path("attempts").asInt()).isEqualTo(1);
    assertThat(still.get(0).path("statusText").asText()).isEqualTo("No answer, try again");
  }

  @Test
  void badAnswersAreRefusedInPlainWordsAndNothingIsKept() {
    String slot = tomorrowMorning();
    assertThat(refusal("", PHONE, slot).path("reason").asText()).isEqualTo("name");
    assertThat(refusal("Mary", "0909 879 0000", slot).path("reason").asText()).isEqualTo("phone");
    assertThat(refusal("Mary", PHONE, "2026-11-22T09:00:00Z").path("reason").asText())
        .isEqualTo("slot");
    kioskSocket.send(
        "callback.request",
        Map.of("name", "Mary", "phone", PHONE, "slot", slot, "theme", "parking"));
    assertThat(kioskSocket.await("callback.refused").path("reason").asText()).isEqualTo("theme");
    assertThat(server.signIn("sam").get("/api/callbacks?view=later").body().path("callbacks"))
        .isEmpty();

    // One kiosk books at most its limit (2 here) an hour.
    book("Mary", PHONE, slot);
    book("Mary", PHONE, slot);
    JsonNode third = refusal("Mary", PHONE, slot);
    assertThat(third.path("reason").asText()).isEqualTo("limit");
    clock.advance(Duration.ofMinutes(61));
    assertThat(book("Mary", PHONE, tomorrowMorning()).path("reference").asText()).startsWith("CB-");
  }

  private JsonNode refusal(String name, String phone, String slot) {
    kioskSocket.send(
        "callback.request", Map.of("name", name, "phone", phone, "slot", slot, "theme", "housing"));
    return kioskSocket.await("callback.refused");
  }
}
