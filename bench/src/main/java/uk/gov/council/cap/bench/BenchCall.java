package uk.gov.council.cap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;

/**
 * A kiosk and an advisor in a connected call on a real server, over real sockets, for the in-call
 * benchmarks.
 */
final class BenchCall {
  private static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  final String baseUrl;
  final KioskRepository.Enrolled kiosk;
  final String[] session;
  final Party advisor;
  final Party kioskSocket;
  final String callId;

  record Msg(String type, JsonNode payload, long at) {}

  final class Party {
    final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    final BenchSocket socket;

    Party(URI uri, Map<String, String> headers) {
      socket =
          new BenchSocket(
              http, uri, headers, (type, p) -> inbox.add(new Msg(type, p, System.nanoTime())));
    }

    Msg await(String type, Predicate<JsonNode> matching) throws InterruptedException {
      while (true) {
        Msg m = inbox.poll(20, TimeUnit.SECONDS);
        if (m == null) throw new IllegalStateException("No " + type + " within 20 s");
        if (m.type().equals(type) && matching.test(m.payload())) return m;
      }
    }
  }

  BenchCall(CapServer server, String siteId, String name) throws Exception {
    baseUrl = server.baseUrl();
    String ws = baseUrl.replace("http", "ws");
    kiosk = server.repositories().kiosks().create("kiosk-" + name, siteId);
    server
        .repositories()
        .staff()
        .create(
            name,
            "Advisor " + name,
            Role.ADVISOR,
            java.util.Set.of("general"),
            "bench-password-" + name);
    session = signIn(name, "bench-password-" + name);
    advisor =
        new Party(URI.create(ws + "/ws/console"), Map.of("Cookie", session[0], "Origin", baseUrl));
    kioskSocket =
        new Party(URI.create(ws + "/ws/kiosk"), Map.of("Authorization", kioskAuthorization()));
    kioskSocket.await("kiosk.config", p -> true);
    // One pair at a time: while this advisor is the only one available, this kiosk's call can only
    // go to them.
    synchronized (BenchCall.class) {
      advisor.socket.send("advisor.status", Map.of("status", "AVAILABLE"));
      advisor.await("advisor.state", p -> p.path("status").asText().equals("AVAILABLE"));
      kioskSocket.socket.send("call.request", Map.of());
      callId = advisor.await("call.offer", p -> true).payload().path("callId").asText();
      advisor.socket.send("call.accept", Map.of("callId", callId));
      kioskSocket.await("call.connected", p -> true);
    }
  }

  String kioskAuthorization() {
    return "Kiosk " + kiosk.kiosk().id() + ":" + kiosk.secret();
  }

  /** Signs in; returns the session cookie and the CSRF token. */
  private String[] signIn(String username, String password) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of("username", username, "password", password))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String c = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new String[] {
      c.substring(0, c.indexOf(';')), JSON.readTree(r.body()).path("csrfToken").asText()
    };
  }

  JsonNode post(String path, Object body, int expectedStatus) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Cookie", session[0])
                .header("X-CSRF-Token", session[1])
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expectedStatus)
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  byte[] get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", session[0])
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }
}
