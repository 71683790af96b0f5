package uk.gov.council.cap.server.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * Bad and unauthorised messages get an error; the connection stays open and nothing else is
 * disturbed.
 */
class ProtocolEdgeTest {
  private final TestServer server = new TestServer();
  private KioskRepository.Enrolled kiosk;

  @BeforeEach
  void setUp() {
    kiosk = server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("nina", Role.ADVISOR, Set.of("general"));
    server.staff("tech", Role.TECHNICIAN, Set.of());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void malformedAndUnknownMessagesGetAnErrorAndTheConnectionCarriesOn() {
    Api api = server.signIn("alex");
    try (WsClient advisor = server.consoleSocket(api);
        WsClient k = server.kioskSocket(kiosk)) {
      k.await("kiosk.config");
      k.sendRaw("{this is not json");
      assertThat(k.await("error").path("code").asText()).isEqualTo("malformed");
      k.sendRaw("{\"v\":1,\"type\":\"call.teleport\",\"id\":\"m7\"}");
      JsonNode unknown = k.await("error");
      assertThat(unknown.path("code").asText()).isEqualTo("unknown_type");
      assertThat(unknown.path("ref").asText()).isEqualTo("m7");
      k.sendRaw("{\"v\":1,\"type\":\"call.cancel\",\"payload\":{\"callId\":42}}");
      assertThat(k.await("error").path("code").asText()).isEqualTo("invalid_payload");
      k.sendRaw("{\"v\":9,\"type\":\"call.request\"}");
      assertThat(k.await("error").path("code").asText()).isEqualTo("unsupported_version");
      k.sendRaw(
          "{\"v\":1,\"type\":\"call.request\",\"payload\":{\"theme\":\""
              + "x".repeat(300_000)
              + "\"}}");
      assertThat(k.await("error").path("code").asText()).isEqualTo("too_large");

      // Still connected, and a good message still works.
      k.send("call.request", Map.of());
      assertThat(k.await("call.queued").path("position").asInt()).isEqualTo(1);
      assertThat(k.isOpen()).isTrue();
    }
  }

  @Test
  void aKioskCannotSendAdvisorMessages() {
    try (WsClient k = server.kioskSocket(kiosk)) {
      k.send("call.accept", Map.of("callId", "anything"));
      JsonNode e = k.await("error");
      assertThat(e.path("code").asText()).isEqualTo("forbidden");
      assertThat(e.path("message").asText()).contains("call.accept");
      k.send("advisor.status", Map.of("status", "AVAILABLE"));
      assertThat(k.await("error").path("code").asText()).isEqualTo("forbidden");
    }
  }

  @Test
  void anAdvisorCannotTouchAnotherAdvisorsCall() {
    Api alexApi = server.signIn("alex");
    try (WsClient alex = server.consoleSocket(alexApi);
        WsClient nina = server.consoleSocket(server.signIn("nina"));
        WsClient k = server.kioskSocket(kiosk)) {
      nina.await("advisor.state");
      alex.send("advisor.status", Map.of("status", "AVAILABLE"));
      k.send("call.request", Map.of());
      String callId = alex.await("call.offer").path("callId").asText();
      nina.send("call.accept", Map.of("callId", callId));
      assertThat(nina.await("error").path("code").asText()).isEqualTo("not_your_call");
      alex.send("call.accept", Map.of("callId", callId));
      alex.await("call.connected");
      nina.send("call.hangup", Map.of("callId", callId));
      assertThat(nina.await("error").path("code").asText()).isEqualTo("not_your_call");
      nina.send(
          "rtc.signal",
          Map.of("callId", callId, "description", Map.of("type", "offer", "sdp", "evil")));
      assertThat(nina.await("error").path("code").asText()).isEqualTo("not_your_call");
      k.send("call.hangup", Map.of("callId", callId));
      alex.await("call.ended");
      // The kiosk's call.ended comes after anything the desk relayed to it earlier: Nina's signal
      // never came.
      k.expectNoneBefore("rtc.signal", "call.ended");
      // Nina's own outcome request for Alex's call is refused too.
      Api.Response r =
          server
              .signIn("nina")
              .post(
                  "/api/calls/" + callId + "/outcome", Map.of("outcome", "RESOLVED", "notes", ""));
      assertThat(r.status()).isEqualTo(403);
    }
  }

  @Test
  void aTechnicianCannotTakeCalls() {
    try (WsClient tech = server.consoleSocket(server.signIn("tech"))) {
      tech.send("advisor.status", Map.of("status", "AVAILABLE"));
      JsonNode e = tech.await("error");
      assertThat(e.path("code").asText()).isEqualTo("forbidden");
      assertThat(e.path("message").asText()).contains("technician");
    }
  }

  @Test
  void wrongKioskCredentialsAndForeignOriginsAreRefusedAtTheHandshake() {
    assertThatHandshakeFails(
        () -> WsClient.kiosk(server.url(), kiosk.kiosk().id(), "not-the-secret"));
    Api api = server.signIn("alex");
    assertThatHandshakeFails(
        () -> {
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("Cookie", api.cookie())
              .header("Origin", "https://evil.example")
              .buildAsync(
                  URI.create(server.url().replace("http", "ws") + "/ws/console"),
                  new WebSocket.Listener() {})
              .join();
          return null;
        });
    assertThatHandshakeFails(() -> WsClient.console(server.url(), "cap_session=forged"));
  }

  private static void assertThatHandshakeFails(java.util.concurrent.Callable<?> connect) {
    try {
      connect.call();
    } catch (CompletionException e) {
      return;
    } catch (Exception e) {
      return;
    }
    throw new AssertionError("The handshake was accepted");
  }
}
