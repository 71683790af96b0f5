package uk.gov.council.cap.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.screen.ScreenClient;

/** The kiosk's page asks kiosk-app for its words read aloud; only its own page may. */
class KioskSpeechTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newHttpClient();

  private static KioskConfig config(String serverUrl, Map<String, String> more) {
    Map<String, String> env = new HashMap<>();
    env.putAll(
        Map.of(
            "CAP_SERVER_URL",
            serverUrl,
            "CAP_KIOSK_ID",
            "k1",
            "CAP_KIOSK_SECRET",
            "s3cret",
            "CAP_KIOSK_UI_PORT",
            "0",
            "CAP_KIOSK_WORK_DIR",
            KioskRelayTest.tempDir()));
    env.putAll(more);
    return KioskConfig.from(env, List.of("--headless"));
  }

  private HttpResponse<byte[]> post(KioskApp kiosk, String origin, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(kiosk.uiUrl() + "speech"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String ownOrigin(KioskApp kiosk) {
    return kiosk.uiUrl().replaceFirst("/$", "");
  }

  @Test
  void theOwnPageGetsAWavAndTheTextIsKeptForTests() throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk = KioskApp.start(config(server.url(), Map.of()));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      assertThat(screen.await("\"connected\":true", WAIT)).contains("\"speech\":true");

      HttpResponse<byte[]> wav =
          post(
              kiosk,
              ownOrigin(kiosk),
              "{\"text\":\"Welcome. Talk to an advisor\",\"language\":\"en\"}");
      assertThat(wav.statusCode()).isEqualTo(200);
      assertThat(wav.headers().firstValue("Content-Type")).hasValue("audio/wav");
      assertThat(new String(wav.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("RIFF");
      assertThat(kiosk.lastSpeech().orElseThrow().text()).isEqualTo("Welcome. Talk to an advisor");
      // Nothing of it went to the server.
      assertThat(server.received).isEmpty();

      kiosk.wipeNow();
      assertThat(kiosk.lastSpeech()).as("forgotten between residents").isEmpty();
    }
  }

  @Test
  void otherPagesAndBadRequestsAreRefusedInPlainWords() throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk =
            KioskApp.start(config(server.url(), Map.of("CAP_KIOSK_SPEECH_MAX_CHARS", "50")))) {
      String hello = "{\"text\":\"Hello\",\"language\":\"en\"}";
      assertThat(post(kiosk, null, hello).statusCode()).isEqualTo(403);
      assertThat(post(kiosk, "http://evil.example", hello).statusCode()).isEqualTo(403);

      HttpResponse<byte[]> notJson = post(kiosk, ownOrigin(kiosk), "Hello");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(new String(notJson.body())).contains("Ask for speech with");

      HttpResponse<byte[]> tooLong =
          post(
              kiosk, ownOrigin(kiosk), "{\"text\":\"" + "a".repeat(51) + "\",\"language\":\"en\"}");
      assertThat(tooLong.statusCode()).isEqualTo(413);
      assertThat(new String(tooLong.body())).contains("at most 50");

      HttpResponse<byte[]> huge = post(kiosk, ownOrigin(kiosk), "x".repeat(1_000_000));
      assertThat(huge.statusCode()).isEqualTo(413);
    }
  }

  @Test
  void withoutTheSpeechProgramTheScreenIsToldListenIsNotOffered() throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk =
            KioskApp.start(
                config(
                    server.url(), Map.of("CAP_KIOSK_SPEECH_COMMAND", "/nonexistent/espeak-ng")));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      assertThat(screen.await("\"connected\":true", WAIT)).contains("\"speech\":false");
      HttpResponse<byte[]> refused =
          post(kiosk, ownOrigin(kiosk), "{\"text\":\"Hello\",\"language\":\"en\"}");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(new String(refused.body())).contains("Listen is not offered");
    }
  }
}
