package uk.gov.council.cap.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's page gets each language with the council's corrections merged in: kiosk-app's routes
 * answer /lang/, not the built-in files beneath them.
 */
class KioskLanguagesServedTest {
  @TempDir Path councilDir;

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCouncilsCorrectionIsWhatThePageReceives() throws Exception {
    Files.writeString(
        councilDir.resolve("en.json"),
        "{\"attract.talk\":\"Talk to someone from the council\"}",
        StandardCharsets.UTF_8);
    Files.writeString(
        councilDir.resolve("so.json"),
        "{\"_meta\":{\"name\":\"Soomaali\",\"englishName\":\"Somali\",\"dir\":\"ltr\"}}",
        StandardCharsets.UTF_8);
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk =
            KioskApp.start(
                KioskConfig.from(
                    Map.of(
                        "CAP_SERVER_URL",
                        server.url(),
                        "CAP_KIOSK_ID",
                        "k1",
                        "CAP_KIOSK_SECRET",
                        "s3cret",
                        "CAP_KIOSK_UI_PORT",
                        "0",
                        "CAP_KIOSK_WORK_DIR",
                        KioskRelayTest.tempDir(),
                        "CAP_KIOSK_LANGUAGES_DIR",
                        councilDir.toString()),
                    List.of("--headless")))) {
      HttpResponse<String> english = get(kiosk.uiUrl() + "lang/en.json");
      assertThat(english.statusCode()).isEqualTo(200);
      assertThat(english.body())
          .contains("Talk to someone from the council")
          .contains("\"attract.intro\"");
      assertThat(english.headers().firstValue("Content-Security-Policy")).isPresent();

      assertThat(get(kiosk.uiUrl() + "lang/index.json").body())
          .contains("\"code\":\"ur\"", "\"dir\":\"rtl\"", "\"name\":\"Soomaali\"");
      assertThat(get(kiosk.uiUrl() + "lang/xx.json").statusCode()).isEqualTo(404);
      assertThat(get(kiosk.uiUrl() + "lang/..%2Fkiosk.js").statusCode()).isEqualTo(404);
    }
  }
}
