package uk.gov.council.cap.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.staff.Role;

/**
 * {@code kill -9} of the server, a separate process, in the middle of work: what it said it had
 * stored is there when it comes back, and the kiosks carry on where they were.
 */
class ServerCrashTest {
  private static final String ADVISOR = "alex";
  private static final String PASSWORD = "correct horse battery";
  private static final String NI_NUMBER = "QQ 12 34 56 C";

  private record TwoKiosks(KioskRepository.Enrolled first, KioskRepository.Enrolled second) {}

  @Test
  void aResidentQueuedAndACallLiveLoseNothingToKillNineAndTheKioskRequeues() throws Exception {
    Path dataDir = Files.createTempDirectory("cap-crash");
    TwoKiosks kiosks =
        ServerProcess.seed(
            dataDir,
            repos -> {
              var site =
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
              repos
                  .staff()
                  .create(ADVISOR, "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
              return new TwoKiosks(
                  repos.kiosks().create("Ampthill kiosk 1", site.id()),
                  repos.kiosks().create("Ampthill kiosk 2", site.id()));
            });
    try (ServerProcess server =
            new ServerProcess(
                    dataDir,
                    Map.of("CAP_SIMULATED_READER_MILLIS", "300", "CAP_RESUME_GRACE_SECONDS", "120"))
                .start();
        KioskUnderTest inCall =
            KioskUnderTest.start(
                server.url(), kiosks.first().kiosk().id(), kiosks.first().secret());
        KioskUnderTest waiting =
            KioskUnderTest.start(
                server.url(), kiosks.second().kiosk().id(), kiosks.second().secret())) {
      StaffApi api = StaffApi.signIn(server.url(), ADVISOR, PASSWORD);
      inCall.awaitLinkUp(Duration.ofSeconds(30));
      waiting.awaitLinkUp(Duration.ofSeconds(30));

      // A live call, with a form half filled in and a payment the resident has been shown as paid.
      String liveCall;
      String liveCase;
      try (ProtocolSocket console = ProtocolSocket.console(api)) {
        console.send("advisor.status", Map.of("status", "AVAILABLE"));
        console.await("advisor.state", p -> p.path("status").asText().equals("AVAILABLE"));
        liveCall = inCall.requestCall();
        liveCase =
            console
                .await("call.offer", p -> p.path("callId").asText().equals(liveCall))
                .path("caseId")
                .asText();
        console.send("call.accept", Map.of("callId", liveCall));
        inCall.screen().await("call.connected", p -> p.path("callId").asText().equals(liveCall));

        String formSession =
            api.act("/api/calls/" + liveCall + "/forms", Map.of("formId", "blue-badge"))
                .path("id")
                .asText();
        inCall.screen().await("form.opened", p -> p.path("sessionId").asText().equals(formSession));
        inCall
            .screen()
            .send(
                "form.answer",
                Map.of(
                    "sessionId",
                    formSession,
                    "field",
                    "nationalInsurance",
                    "value",
                    NI_NUMBER,
                    "final",
                    true));
        console.await(
            "form.updated",
            p ->
                p.path("field").asText().equals("nationalInsurance")
                    && p.path("value").asText().equals(NI_NUMBER));

        String payment =
            api.act("/api/calls/" + liveCall + "/payments", Map.of("itemId", "garden-waste"))
                .path("paymentId")
                .asText();
        inCall
            .screen()
            .await("payment.updated", p -> p.path("status").asText().equals("REQUESTED"));
        inCall.screen().send("payment.pay", Map.of("paymentId", payment));
        inCall
            .screen()
            .await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
        inCall.screen().send("payment.test_card", Map.of("paymentId", payment, "card", "approved"));
        inCall
            .screen()
            .await("payment.updated", p -> p.path("status").asText().equals("SUCCEEDED"));

        // A second resident waits: the only advisor is busy.
        String queuedCall = waiting.requestCall();

        int inCallMark = inCall.screen().mark();
        int waitingMark = waiting.screen().mark();
        Instant killed = server.kill9();
        Await.until(
            "both kiosks notice the server has gone",
            () -> !inCall.linkUp() && !waiting.linkUp(),
            Duration.ofSeconds(30));
        // The resident in the call is told at once that the kiosk is reconnecting, not left with a
        // frozen advisor.
        inCall
            .screen()
            .awaitAfter(
                inCallMark,
                "call.paused",
                p -> p.path("callId").asText().equals(liveCall),
                Duration.ofSeconds(10));

        server.start();
        // The restarted server holds no call for that kiosk: its screen is told the call is over.
        inCall
            .screen()
            .awaitAfter(
                inCallMark,
                "call.ended",
                p -> p.path("callId").asText().equals(liveCall),
                Duration.ofSeconds(60));
        // kiosk-app re-queues its resident with the call it had: the same place, the same case.
        JsonNode requeued =
            waiting
                .screen()
                .awaitAfter(
                    waitingMark,
                    "call.queued",
                    p -> p.path("callId").asText().equals(queuedCall),
                    Duration.ofSeconds(60));
        assertThat(requeued.path("position").asInt()).isEqualTo(1);
        inCall.awaitLinkUp(Duration.ofSeconds(60));

        // The live call is over, recorded as ended by the restart; its case has everything it had.
        JsonNode contact = api.read("/api/cases/" + liveCase).path("contacts").get(0);
        assertThat(contact.path("callId").asText()).isEqualTo(liveCall);
        assertThat(contact.path("state").asText()).isEqualTo("ENDED");
        assertThat(contact.path("endReason").asText()).isEqualTo("server_restart");
        // Ended when it was last known alive (stamped every 5 s), not when the server came back.
        assertThat(Instant.parse(contact.path("endedAt").asText()))
            .isBeforeOrEqualTo(killed.plusSeconds(2))
            .isAfterOrEqualTo(Instant.parse(contact.path("answeredAt").asText()));
        JsonNode form = api.read("/api/cases/" + liveCase + "/forms").get(0);
        assertThat(form.path("id").asText()).isEqualTo(formSession);
        assertThat(form.path("answers").findValues("field").stream().map(JsonNode::asText))
            .contains("nationalInsurance");
        assertThat(form.path("answers").toString()).contains(NI_NUMBER);
        JsonNode paid = api.read("/api/cases/" + liveCase + "/payments").get(0);
        assertThat(paid.path("paymentId").asText()).isEqualTo(payment);
        assertThat(paid.path("status").asText()).isEqualTo("SUCCEEDED");

        // The waiting resident's call is still the one queued before the kill, on its own case.
        JsonNode queue = api.read("/api/queue");
        assertThat(queue.path("entries")).hasSize(1);
        assertThat(queue.path("entries").get(0).path("callId").asText()).isEqualTo(queuedCall);
        String queuedCase = caseOf(api, queuedCall);
        assertThat(queuedCase).isNotEqualTo(liveCase);

        // The advisor's console comes back on the same sign-in and takes the waiting resident.
        try (ProtocolSocket again = ProtocolSocket.console(api)) {
          again.send("advisor.status", Map.of("status", "AVAILABLE"));
          JsonNode offer =
              again.await(
                  "call.offer",
                  p -> p.path("callId").asText().equals(queuedCall),
                  Duration.ofSeconds(30));
          assertThat(offer.path("caseId").asText()).isEqualTo(queuedCase);
          again.send("call.accept", Map.of("callId", queuedCall));
          waiting
              .screen()
              .await("call.connected", p -> p.path("callId").asText().equals(queuedCall));
        }
      }
    }
  }

  /** The case whose contacts include this call, among the recent cases. */
  private static String caseOf(StaffApi api, String callId) {
    for (JsonNode c : api.read("/api/cases?recent=true").path("cases")) {
      String id = c.path("id").asText();
      for (JsonNode contact : api.read("/api/cases/" + id).path("contacts")) {
        if (contact.path("callId").asText().equals(callId)) {
          return id;
        }
      }
    }
    throw new AssertionError("No case holds call " + callId);
  }

  @Test
  void everyCustomerTheServerConfirmedIsStillThereAfterKillNine() throws Exception {
    Path dataDir = Files.createTempDirectory("cap-crash");
    ServerProcess.seed(
        dataDir,
        repos -> {
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
          return repos
              .staff()
              .create(ADVISOR, "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
        });
    try (ServerProcess server = new ServerProcess(dataDir, Map.of()).start()) {
      StaffApi api = StaffApi.signIn(server.url(), ADVISOR, PASSWORD);

      // Eight advisors' worth of creations at once, as fast as the server takes them.
      ConcurrentLinkedQueue<String> confirmed = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger next = new AtomicInteger();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    int n = next.incrementAndGet();
                    try {
                      StaffApi.Response r =
                          api.post(
                              "/api/customers",
                              Map.of(
                                  "firstName",
                                  "Crash",
                                  "lastName",
                                  "Tester" + n,
                                  "confirmNotDuplicate",
                                  true));
                      if (r.status() == 201) {
                        confirmed.add(r.body().path("customer").path("id").asText());
                      }
                    } catch (IOException serverGone) {
                      return;
                    }
                  }
                },
                "creator-" + w);
        t.start();
        writers.add(t);
      }
      Await.until("300 creations confirmed", () -> confirmed.size() >= 300, Duration.ofSeconds(60));
      server.kill9();
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      List<String> acknowledged = List.copyOf(confirmed);

      server.start();
      List<String> lost = new ArrayList<>();
      for (String id : acknowledged) {
        if (api.get("/api/customers/" + id).status() != 200) {
          lost.add(id);
        }
      }
      assertThat(lost)
          .as(
              lost.size()
                  + " of "
                  + acknowledged.size()
                  + " creations that had answered 201 are gone")
          .isEmpty();

      // The audit rows were written with the customers, before the 201: they survive too.
      server.kill9();
      try (Database db = Database.open("", "", "", dataDir)) {
        Set<String> audited =
            Set.copyOf(
                db.jdbi()
                    .withHandle(
                        h ->
                            h.createQuery(
                                    "select subject from audit_log where action = 'customer.created'")
                                .mapTo(String.class)
                                .list()));
        List<String> unaudited =
            acknowledged.stream().filter(id -> !audited.contains("customer:" + id)).toList();
        assertThat(unaudited)
            .as(unaudited.size() + " confirmed creations have no audit row")
            .isEmpty();
      }
    }
  }
}
