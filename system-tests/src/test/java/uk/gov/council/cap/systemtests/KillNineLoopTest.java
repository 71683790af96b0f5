package uk.gov.council.cap.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.staff.Role;

/**
 * The kill -9 loop: the server in a process of its own, under a client that records every
 * write the server acknowledged (customers answered 201, calls offered with their case, forms
 * started and forms the resident was told were sent, payments asked for and payments the resident
 * was told were accepted, through the simulated card reader), killed with SIGKILL at random points,
 * restarted, and checked: nothing acknowledged may be missing, nor the audit rows that go with it.
 * On the embedded H2 default and on PostgreSQL.
 *
 * <p>The kill points are random but replayable: each run prints its seed; {@code
 * -Dcap.killLoop.seed=<seed>} runs the same choices again (the threads' timing still varies).
 * {@code -Dcap.killLoop.cycles} changes the number of kills (20 by default).
 */
class KillNineLoopTest {
  private static final int CYCLES = Integer.getInteger("cap.killLoop.cycles", 20);
  private static final String PASSWORD = "correct horse battery";
  private static final Duration STEP = Duration.ofSeconds(30);

  /**
   * The places in a call's life, in order, where a kill may be aimed; "customers" aims at the
   * creations alone.
   */
  private static final List<String> KILL_POINTS =
      List.of(
          "customers",
          "offered",
          "connected",
          "payment.requested",
          "payment.waiting",
          "payment.card",
          "payment.paid",
          "form.started",
          "form.answered",
          "form.signing",
          "form.sent",
          "call.ended");

  private record Seeded(KioskRepository.Enrolled kiosk) {}

  @Test
  void nothingTheServerAcknowledgedIsLostToKillNineOnTheEmbeddedDefault() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kill-loop-h2-");
    new Loop("H2", dataDir, Map.of(), null).run();
  }

  @Test
  void nothingTheServerAcknowledgedIsLostToKillNineOnPostgresql() throws Exception {
    // PostgreSQL refuses to run as root; .ci/run runs the build as an unprivileged user.
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")),
        "PostgreSQL will not run as root: run the tests as an ordinary user (as .ci/run does)");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("create database cap_kill_loop");
      }
      String url = postgres.getJdbcUrl("postgres", "cap_kill_loop");
      Path dataDir =
          Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kill-loop-pg-");
      new Loop("PostgreSQL", dataDir, Map.of("CAP_JDBC_URL", url, "CAP_JDBC_USER", "postgres"), url)
          .run();
    }
  }

  /** Everything the server acknowledged, by kind; each map is id → the case it belongs to. */
  private static final class Acknowledged {
    final List<String> customers = new CopyOnWriteArrayList<>();
    final Map<String, Integer> customerCycle = new ConcurrentHashMap<>();
    final Map<String, String> calls = new ConcurrentHashMap<>();
    final Map<String, String> formsStarted = new ConcurrentHashMap<>();
    final Map<String, String> formsSent = new ConcurrentHashMap<>();
    final Map<String, String> formDocuments = new ConcurrentHashMap<>();
    final Map<String, String> paymentsRequested = new ConcurrentHashMap<>();
    final Map<String, String> paymentsPaid = new ConcurrentHashMap<>();
  }

  /** What the workers have reached in the current cycle: the kill waits on this, not on a clock. */
  private static final class Progress {
    private final Map<String, Integer> counts = new HashMap<>();
    private Throwable failure;

    synchronized void reached(String point) {
      counts.merge(point, 1, Integer::sum);
      notifyAll();
    }

    synchronized int count(String point) {
      return counts.getOrDefault(point, 0);
    }

    synchronized void failed(Throwable t) {
      if (failure == null) {
        failure = t;
      }
      notifyAll();
    }

    synchronized void reset() {
      counts.clear();
    }

    /** Waits until {@code condition} holds; throws a worker's unexpected failure at once. */
    synchronized void await(String what, Predicate<Progress> condition, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.test(this)) {
        if (failure != null) {
          throw new AssertionError("A client failed before the kill (" + what + ")", failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("Waited " + timeout + " for " + what + "; reached " + counts);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private static final class Loop {
    private final String database;
    private final Path dataDir;
    private final Map<String, String> settings;
    private final String postgresUrl;
    private final Acknowledged acked = new Acknowledged();
    private final Progress progress = new Progress();
    private volatile boolean killed;

    Loop(String database, Path dataDir, Map<String, String> databaseSettings, String postgresUrl) {
      this.database = database;
      this.dataDir = dataDir;
      Map<String, String> s = new LinkedHashMap<>(databaseSettings);
      // Quick card reader and poll, so that a cycle reaches a payment within a second or two.
      s.put("CAP_SIMULATED_READER_MILLIS", "100");
      s.put("CAP_PAYMENT_POLL_MILLIS", "100");
      this.settings = Map.copyOf(s);
      this.postgresUrl = postgresUrl;
    }

    void run() throws Exception {
      long seed = Long.getLong("cap.killLoop.seed", new SecureRandom().nextLong());
      System.out.println(
          "KillNineLoopTest on "
              + database
              + ": seed "
              + seed
              + " (replay the same kill points with -Dcap.killLoop.seed="
              + seed
              + ")");
      Random random = new Random(seed);
      // Its own generator for the sample of earlier customers to check, whose size depends on the
      // threads' timing:
      // drawing it from the kill points' generator would make a replay choose different kill
      // points.
      Random sampling = new Random(~seed);
      Seeded seeded =
          ServerProcess.seed(
              dataDir,
              settings,
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
                    .create("alex", "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
                repos
                    .staff()
                    .create("cleo", "Cleo Clerk", Role.ADVISOR, Set.of("general"), PASSWORD);
                repos
                    .staff()
                    .create("sue", "Sue Supervisor", Role.SUPERVISOR, Set.of("general"), PASSWORD);
                return new Seeded(repos.kiosks().create("Ampthill kiosk 1", site.id()));
              });
      try (ServerProcess server = new ServerProcess(dataDir, settings).start()) {
        StaffApi advisor = StaffApi.signIn(server.url(), "alex", PASSWORD);
        StaffApi clerk = StaffApi.signIn(server.url(), "cleo", PASSWORD);
        StaffApi supervisor = StaffApi.signIn(server.url(), "sue", PASSWORD);
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
          String point = KILL_POINTS.get(random.nextInt(KILL_POINTS.size()));
          int customers = point.equals("customers") ? 1 + random.nextInt(150) : random.nextInt(15);
          String where =
              "cycle "
                  + cycle
                  + " of "
                  + CYCLES
                  + " on "
                  + database
                  + " (seed "
                  + seed
                  + "): kill "
                  + (point.equals("customers")
                      ? "after " + customers + " customers"
                      : "at " + point + " and " + customers + " more customers");
          long began = System.nanoTime();
          runCycle(server, seeded, advisor, clerk, cycle, point, customers, where);
          long killedAt = System.nanoTime();
          server.start();
          long restarted = System.nanoTime();
          assertNothingMissing(server, advisor, supervisor, cycle, sampling, where);
          System.out.printf(
              "KillNineLoopTest %s: %s; killed after %d ms, restarted in %d ms, checked in %d ms%n",
              database,
              where,
              (killedAt - began) / 1_000_000,
              (restarted - killedAt) / 1_000_000,
              (System.nanoTime() - restarted) / 1_000_000);
        }
        server.kill9();
        assertEveryCustomerAndItsAuditRow(seed);
      }
      System.out.println(
          "KillNineLoopTest on "
              + database
              + ": "
              + CYCLES
              + " kills; still there: "
              + acked.customers.size()
              + " customers, "
              + acked.calls.size()
              + " calls, "
              + acked.formsSent.size()
              + " forms sent, "
              + acked.paymentsPaid.size()
              + " payments accepted");
    }

    /** Starts the clients, kills the server where this cycle aims, and stops the clients. */
    private void runCycle(
        ServerProcess server,
        Seeded seeded,
        StaffApi advisor,
        StaffApi clerk,
        int cycle,
        String point,
        int customers,
        String where)
        throws Exception {
      progress.reset();
      killed = false;
      List<Thread> clients = new ArrayList<>();
      clients.add(start("creator", () -> createCustomers(clerk, cycle)));
      clients.add(start("call", () -> makeCalls(server, seeded, advisor, cycle)));
      progress.await(
          where,
          p -> point.equals("customers") ? p.count("customers") >= customers : p.count(point) >= 1,
          Duration.ofSeconds(90));
      int atPoint = progress.count("customers");
      progress.await(
          where, p -> p.count("customers") >= atPoint + customers, Duration.ofSeconds(90));
      killed = true;
      server.kill9();
      for (Thread t : clients) {
        t.interrupt();
      }
      for (Thread t : clients) {
        t.join(30_000);
        assertThat(t.isAlive()).as(t.getName() + " stopped after the kill").isFalse();
      }
    }

    private Thread start(String name, ThrowingRunnable body) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable e) {
                  // After the kill every client fails somehow (a refused connection, an interrupted
                  // wait): expected.
                  if (!killed) {
                    progress.failed(e);
                  }
                }
              },
              name);
      t.setDaemon(true);
      t.start();
      return t;
    }

    private void createCustomers(StaffApi clerk, int cycle) throws IOException {
      for (int n = 0; !killed; n++) {
        StaffApi.Response r =
            clerk.post(
                "/api/customers",
                Map.of(
                    "firstName",
                    "Kill",
                    "lastName",
                    "Nine" + cycle + "n" + n,
                    "confirmNotDuplicate",
                    true));
        if (r.status() != 201) {
          throw new AssertionError("Creating a customer answered " + r.status() + " " + r.body());
        }
        String id = r.body().path("customer").path("id").asText();
        acked.customers.add(id);
        acked.customerCycle.put(id, cycle);
        progress.reached("customers");
      }
    }

    /**
     * One call after another on the kiosk: a payment made, a form filled in and sent, the call
     * ended.
     */
    private void makeCalls(ServerProcess server, Seeded seeded, StaffApi advisor, int cycle) {
      try (ProtocolSocket kiosk =
              ProtocolSocket.kiosk(
                  server.url(), seeded.kiosk().kiosk().id(), seeded.kiosk().secret());
          ProtocolSocket console = ProtocolSocket.console(advisor)) {
        kiosk.await("kiosk.config", p -> true, STEP);
        console.send("advisor.status", Map.of("status", "AVAILABLE"));
        console.await("advisor.state", p -> p.path("status").asText().equals("AVAILABLE"), STEP);
        while (!killed) {
          oneCall(kiosk, console, advisor);
        }
      }
    }

    private void oneCall(ProtocolSocket kiosk, ProtocolSocket console, StaffApi advisor) {
      int k = kiosk.mark();
      int c = console.mark();
      kiosk.send("call.request", Map.of());
      String callId = kiosk.awaitAfter(k, "call.queued", p -> true, STEP).path("callId").asText();
      String caseId =
          console
              .awaitAfter(c, "call.offer", p -> p.path("callId").asText().equals(callId), STEP)
              .path("caseId")
              .asText();
      acked.calls.put(callId, caseId);
      progress.reached("offered");
      console.send("call.accept", Map.of("callId", callId));
      kiosk.awaitAfter(k, "call.connected", p -> p.path("callId").asText().equals(callId), STEP);
      progress.reached("connected");

      // A payment through the simulated reader: "Payment accepted" on the kiosk's screen.
      String payment =
          advisor
              .act("/api/calls/" + callId + "/payments", Map.of("itemId", "garden-waste"))
              .path("paymentId")
              .asText();
      acked.paymentsRequested.put(payment, caseId);
      progress.reached("payment.requested");
      awaitPayment(kiosk, k, payment, "REQUESTED");
      kiosk.send("payment.pay", Map.of("paymentId", payment));
      awaitPayment(kiosk, k, payment, "WAITING_FOR_CARD");
      progress.reached("payment.waiting");
      kiosk.send("payment.test_card", Map.of("paymentId", payment, "card", "approved"));
      progress.reached("payment.card");
      awaitPayment(kiosk, k, payment, "SUCCEEDED");
      acked.paymentsPaid.put(payment, caseId);
      progress.reached("payment.paid");

      // A form: started by the advisor, answered and signed on the kiosk, "Form sent" on the
      // kiosk's screen.
      String form =
          advisor
              .act("/api/calls/" + callId + "/forms", Map.of("formId", "library-membership"))
              .path("id")
              .asText();
      acked.formsStarted.put(form, caseId);
      progress.reached("form.started");
      kiosk.awaitAfter(k, "form.opened", p -> p.path("sessionId").asText().equals(form), STEP);
      Map<String, String> answers = new LinkedHashMap<>();
      answers.put("fullName", "Margaret Oneill");
      answers.put("dateOfBirth", "1941-03-04");
      answers.put("address", "12 Church Street, Ampthill");
      answers.put("postcode", "MK45 2PL");
      answers.put("reminders", "post");
      for (Map.Entry<String, String> a : answers.entrySet()) {
        kiosk.send(
            "form.answer",
            Map.of("sessionId", form, "field", a.getKey(), "value", a.getValue(), "final", true));
        JsonNode stored =
            kiosk.awaitAfter(
                k,
                "form.updated",
                p ->
                    p.path("sessionId").asText().equals(form)
                        && p.path("field").asText().equals(a.getKey())
                        && p.path("final").asBoolean(),
                STEP);
        assertThat(stored.path("error").isNull()).as("answer " + a + ": " + stored).isTrue();
      }
      progress.reached("form.answered");
      kiosk.send("form.sign", signature(form));
      progress.reached("form.signing");
      JsonNode sent =
          kiosk.awaitAfter(
              k, "form.completed", p -> p.path("sessionId").asText().equals(form), STEP);
      acked.formDocuments.put(form, sent.path("documentId").asText());
      acked.formsSent.put(form, caseId);
      progress.reached("form.sent");

      int hangup = console.mark();
      console.send("call.hangup", Map.of("callId", callId));
      kiosk.awaitAfter(k, "call.ended", p -> p.path("callId").asText().equals(callId), STEP);
      // After a call the advisor is BUSY (after-call work) until they say they are available again.
      console.awaitAfter(
          hangup, "advisor.state", p -> p.path("status").asText().equals("BUSY"), STEP);
      int again = console.mark();
      console.send("advisor.status", Map.of("status", "AVAILABLE"));
      console.awaitAfter(
          again, "advisor.state", p -> p.path("status").asText().equals("AVAILABLE"), STEP);
      progress.reached("call.ended");
    }

    private static void awaitPayment(
        ProtocolSocket kiosk, int mark, String payment, String status) {
      kiosk.awaitAfter(
          mark,
          "payment.updated",
          p ->
              p.path("paymentId").asText().equals(payment)
                  && p.path("status").asText().equals(status),
          STEP);
    }

    /**
     * After a restart, through the API as staff would look: the customers confirmed in the cycle
     * just killed (and a sample of earlier ones), and every call, form and payment acknowledged so
     * far, with their audit rows.
     */
    private void assertNothingMissing(
        ServerProcess server,
        StaffApi advisor,
        StaffApi supervisor,
        int cycle,
        Random random,
        String where)
        throws IOException {
      List<String> missing = new ArrayList<>();
      List<String> toCheck = new ArrayList<>();
      List<String> earlier = new ArrayList<>();
      for (String id : acked.customers) {
        (acked.customerCycle.get(id) == cycle ? toCheck : earlier).add(id);
      }
      for (int i = 0; i < 25 && !earlier.isEmpty(); i++) {
        toCheck.add(earlier.get(random.nextInt(earlier.size())));
      }
      for (String id : toCheck) {
        if (advisor.get("/api/customers/" + id).status() != 200) {
          missing.add(
              "customer " + id + " (answered 201 in cycle " + acked.customerCycle.get(id) + ")");
        }
      }
      Set<String> cases = new HashSet<>(acked.calls.values());
      for (String caseId : cases) {
        StaffApi.Response theCase = advisor.get("/api/cases/" + caseId);
        if (theCase.status() != 200) {
          missing.add("case " + caseId + " (answered " + theCase.status() + ")");
          continue;
        }
        Set<String> contacts =
            new HashSet<>(theCase.body().path("contacts").findValuesAsText("callId"));
        acked.calls.forEach(
            (call, inCase) -> {
              if (inCase.equals(caseId) && !contacts.contains(call)) {
                missing.add("call " + call + " offered on case " + caseId);
              }
            });
        Map<String, JsonNode> forms = byId(advisor.read("/api/cases/" + caseId + "/forms"), "id");
        Map<String, JsonNode> payments =
            byId(advisor.read("/api/cases/" + caseId + "/payments"), "paymentId");
        List<String> audit = new ArrayList<>();
        for (JsonNode e : supervisor.read("/api/audit?caseId=" + caseId).path("entries")) {
          audit.add(e.path("action").asText() + " " + e.path("subject").asText());
        }
        check(
            acked.formsStarted,
            caseId,
            id -> forms.containsKey(id) && audit.contains("form.started " + id),
            "form started (and its audit row)",
            missing);
        check(
            acked.formsSent,
            caseId,
            id ->
                forms.containsKey(id)
                    && forms.get(id).path("status").asText().equals("COMPLETED")
                    && forms.get(id).path("documentId").asText().equals(acked.formDocuments.get(id))
                    && audit.contains("form.signed " + id)
                    && isPdf(advisor, acked.formDocuments.get(id)),
            "form the resident was told was sent (COMPLETED, its sealed PDF and audit row)",
            missing);
        check(
            acked.paymentsRequested,
            caseId,
            id -> payments.containsKey(id) && audit.contains("payment.requested " + id),
            "payment asked for (and its audit row)",
            missing);
        check(
            acked.paymentsPaid,
            caseId,
            id ->
                payments.containsKey(id)
                    && payments.get(id).path("status").asText().equals("SUCCEEDED")
                    && audit.contains("payment.succeeded " + id),
            "payment the resident was told was accepted (SUCCEEDED, and its audit row)",
            missing);
      }
      assertThat(missing)
          .as(
              "Acknowledged writes missing after the restart in "
                  + where
                  + "\nServer log:\n"
                  + tail(server.log()))
          .isEmpty();
    }

    private static void check(
        Map<String, String> acknowledged,
        String caseId,
        Predicate<String> present,
        String what,
        List<String> missing) {
      acknowledged.forEach(
          (id, inCase) -> {
            if (inCase.equals(caseId) && !present.test(id)) {
              missing.add(what + ": " + id + " on case " + caseId);
            }
          });
    }

    private static boolean isPdf(StaffApi api, String documentId) {
      try {
        byte[] file = api.download("/api/documents/" + documentId + "/file");
        return file.length > 4
            && new String(file, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF");
      } catch (IOException e) {
        return false;
      }
    }

    /**
     * At the end, in the database itself: every customer ever confirmed, and its customer.created
     * audit row.
     */
    private void assertEveryCustomerAndItsAuditRow(long seed) {
      try (Database db =
          postgresUrl == null
              ? Database.open("", "", "", dataDir)
              : Database.open(postgresUrl, "postgres", "", dataDir)) {
        Set<String> stored =
            new HashSet<>(
                db.jdbi()
                    .withHandle(
                        h -> h.createQuery("select id from customers").mapTo(String.class).list()));
        Set<String> audited =
            new HashSet<>(
                db.jdbi()
                    .withHandle(
                        h ->
                            h.createQuery(
                                    "select subject from audit_log where action = 'customer.created'")
                                .mapTo(String.class)
                                .list()));
        List<String> lost = acked.customers.stream().filter(id -> !stored.contains(id)).toList();
        List<String> unaudited =
            acked.customers.stream().filter(id -> !audited.contains("customer:" + id)).toList();
        assertThat(lost)
            .as(
                lost.size()
                    + " of "
                    + acked.customers.size()
                    + " customers confirmed over "
                    + CYCLES
                    + " kills are gone ("
                    + database
                    + ", seed "
                    + seed
                    + ")")
            .isEmpty();
        assertThat(unaudited)
            .as(
                unaudited.size()
                    + " confirmed customers have no audit row ("
                    + database
                    + ", seed "
                    + seed
                    + ")")
            .isEmpty();
      }
    }
  }

  private static Map<String, JsonNode> byId(JsonNode list, String field) {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode n : list) {
      m.put(n.path(field).asText(), n);
    }
    return m;
  }

  private static Map<String, Object> signature(String sessionId) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      points.add(
          Map.of(
              "x",
              20 + i * 6,
              "y",
              60 + (i % 5) * 12,
              "pressure",
              0.5,
              "time",
              1_780_000_000_000L + i * 16));
    }
    return Map.of("sessionId", sessionId, "width", 600, "height", 200, "strokes", List.of(points));
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
