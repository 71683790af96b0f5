package uk.gov.council.cap.server.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * The socket's limits as docs/protocol.md states them: a message over 256 KiB gets {@code
 * too_large} and the socket carries on; one past twice that is not read to its end (the socket is
 * closed with 1009); an id over 64 characters gets {@code malformed}.
 */
class SocketLimitsTest {
  private final TestServer server = new TestServer();
  private final KioskRepository.Enrolled kiosk =
      server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static String callRequestOf(int totalBytes) {
    String head = "{\"v\":1,\"type\":\"call.request\",\"id\":\"big\",\"payload\":{\"theme\":\"";
    String tail = "\"}}";
    return head + "x".repeat(totalBytes - head.length() - tail.length()) + tail;
  }

  @Test
  void aMessageJustOverTheLimitGetsTooLargeAndTheSocketCarriesOn() {
    try (WsClient k = server.kioskSocket(kiosk)) {
      k.await("kiosk.config");
      k.sendRaw(callRequestOf(256 * 1024 + 1));
      JsonNode error = k.await("error");
      assertThat(error.path("code").asText()).isEqualTo("too_large");
      assertThat(error.path("message").asText()).isEqualTo("Message is larger than 256 KiB.");

      k.send("call.request", Map.of());
      assertThat(k.await("call.unavailable").path("reason").asText()).isEqualTo("no_advisors");
    }
  }

  @Test
  void aMessageOfExactlyTheLimitIsRead() {
    try (WsClient k = server.kioskSocket(kiosk)) {
      k.await("kiosk.config");
      k.sendRaw(callRequestOf(256 * 1024));
      // Read whole and judged on its payload (no such theme), not refused for its size.
      assertThat(k.await("error").path("code").asText()).isEqualTo("invalid_payload");
    }
  }

  @Test
  void aMessageFarOverTheLimitIsNotReadToItsEndAndTheSocketIsClosedWith1009() {
    WsClient k = server.kioskSocket(kiosk);
    try {
      k.await("kiosk.config");
      try {
        k.sendRaw(callRequestOf(4 * 1024 * 1024));
      } catch (CompletionException closedWhileSending) {
        // The server may close before the last of it is sent.
      }
      // 1009 when the close frame reaches the client; -1 when the server stopped reading while the
      // client was
      // still writing and the client's write failed first (which one depends on timing, not on the
      // server).
      assertThat(k.awaitClose(Duration.ofSeconds(10))).isIn(1009, -1);
    } finally {
      k.close();
    }
    // The kiosk connects again as usual.
    try (WsClient again = server.kioskSocket(kiosk)) {
      again.await("kiosk.config");
    }
  }

  @Test
  void anIdOver64CharactersGetsMalformed() {
    try (WsClient k = server.kioskSocket(kiosk)) {
      k.await("kiosk.config");
      k.sendRaw("{\"v\":1,\"type\":\"call.request\",\"id\":\"" + "i".repeat(65) + "\"}");
      JsonNode error = k.await("error");
      assertThat(error.path("code").asText()).isEqualTo("malformed");
      assertThat(error.path("message").asText())
          .isEqualTo("Message \"id\" must be text of at most 64 characters.");
      assertThat(error.has("ref")).isFalse();
      k.sendRaw("{\"v\":1,\"type\":\"call.request\",\"id\":\"" + "i".repeat(64) + "\"}");
      assertThat(k.await("call.unavailable").path("reason").asText()).isEqualTo("no_advisors");
    }
  }
}
