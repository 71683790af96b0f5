package uk.gov.council.cap.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.screen.ScreenClient;

/**
 * kiosk-app relays between its screen and the server, validates the screen's messages, and recovers
 * from drops.
 */
class KioskRelayTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static KioskConfig config(String serverUrl) {
    return KioskConfig.from(
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
            tempDir()),
        List.of("--headless"));
  }

  static String tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("kiosk-work").toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theScreenIsToldTheLinkStateAndItsMessagesReachTheServerWithTheKiosksCredentials()
      throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk = KioskApp.start(config(server.url()));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      assertThat(screen.await("Test Library", WAIT)).contains("\"connected\":true");
      assertThat(server.authorizations.take()).isEqualTo("Kiosk k1:s3cret");

      screen.send("{\"v\":1,\"type\":\"call.request\",\"payload\":{}}");
      assertThat(server.awaitReceived(WAIT)).contains("call.request");
      server.sendToKiosk(
          "{\"v\":1,\"type\":\"call.queued\",\"payload\":{\"callId\":\"c1\",\"position\":1,\"estimatedWaitSeconds\":0}}");
      assertThat(screen.await("call.queued", WAIT)).contains("\"position\":1");
    }
  }

  @Test
  void badOrAdvisorOnlyMessagesFromTheScreenAreRefusedAndNotForwarded() throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk = KioskApp.start(config(server.url()));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      screen.await("\"connected\":true", WAIT);
      screen.send("not json");
      assertThat(screen.await("\"error\"", WAIT)).contains("malformed");
      screen.send("{\"v\":1,\"type\":\"call.accept\",\"payload\":{\"callId\":\"c1\"}}");
      assertThat(screen.await("\"error\"", WAIT)).contains("forbidden");
      screen.send("{\"v\":1,\"type\":\"call.cancel\",\"payload\":{\"callId\":\"c1\"}}");
      assertThat(server.awaitReceived(WAIT)).contains("call.cancel");
      assertThat(server.received).isEmpty();
    }
  }

  @Test
  void aQueuedResidentIsReQueuedInTheirPlaceWhenTheLinkComesBack() throws Exception {
    StandInServer server = new StandInServer(0);
    int port = server.app.port();
    try (KioskApp kiosk = KioskApp.start(config(server.url()));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      screen.await("\"connected\":true", WAIT);
      server.sendToKiosk(
          "{\"v\":1,\"type\":\"call.queued\",\"payload\":{\"callId\":\"c42\",\"position\":3,\"estimatedWaitSeconds\":600}}");
      screen.await("call.queued", WAIT);

      server.close();
      assertThat(screen.await("\"connected\":false", WAIT)).contains("kiosk.link");
      screen.send(
          "{\"v\":1,\"type\":\"call.cancel\",\"id\":\"x\",\"payload\":{\"callId\":\"c42\"}}");
      assertThat(screen.await("\"error\"", WAIT)).contains("offline");

      try (StandInServer again = new StandInServer(port)) {
        String resumed = again.awaitReceived(Duration.ofSeconds(40));
        assertThat(resumed).contains("call.request").contains("\"resumeCallId\":\"c42\"");
        screen.await("\"connected\":true", WAIT);
      }
    }
  }

  @Test
  void aCallInProgressWhenTheLinkDropsIsShownAsReconnectingAndRejoinedWhenTheServerHoldsIt()
      throws Exception {
    StandInServer server = new StandInServer(0);
    int port = server.app.port();
    try (KioskApp kiosk = KioskApp.start(config(server.url()));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      screen.await("\"connected\":true", WAIT);
      server.sendToKiosk(CONNECTED_C7);
      screen.await("call.connected", WAIT);
      server.close();
      assertThat(screen.await("call.paused", WAIT)).contains("\"party\":\"kiosk\"").contains("c7");

      try (StandInServer again = new StandInServer(port, "c7")) {
        again.awaitConnected(Duration.ofSeconds(40));
        again.sendToKiosk(
            "{\"v\":1,\"type\":\"call.paused\",\"payload\":{\"callId\":\"c7\",\"party\":\"kiosk\","
                + "\"reason\":\"kiosk_disconnected\",\"resumeWithinSeconds\":12}}");
        assertThat(again.awaitReceived(WAIT)).contains("call.rejoin").contains("c7");
      }
    }
  }

  @Test
  void aCallTheServerNoLongerHoldsEndsOnScreenWhenTheLinkComesBack() throws Exception {
    StandInServer server = new StandInServer(0);
    int port = server.app.port();
    try (KioskApp kiosk = KioskApp.start(config(server.url()));
        ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
      screen.await("\"connected\":true", WAIT);
      server.sendToKiosk(CONNECTED_C7);
      screen.await("call.connected", WAIT);
      server.close();
      screen.await("call.paused", WAIT);
      try (StandInServer again = new StandInServer(port)) {
        // The stand-in's kiosk.config on connect names no call: the server has ended it meanwhile.
        assertThat(screen.await("call.ended", Duration.ofSeconds(40))).contains("c7");
      }
    }
  }

  @Test
  void aScreenReloadMidCallTellsTheServerAndTheNewScreenRejoinsTheCall() throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk = KioskApp.start(config(server.url()))) {
      ScreenClient first = new ScreenClient(kiosk.uiUrl());
      first.await("\"connected\":true", WAIT);
      server.sendToKiosk(CONNECTED_C7);
      first.await("call.connected", WAIT);
      first.close();
      assertThat(server.awaitReceived(WAIT)).contains("call.screen_lost").contains("c7");
      try (ScreenClient second = new ScreenClient(kiosk.uiUrl())) {
        // The new page learns at once that a call is in progress, so it shows "Reconnecting", not
        // Welcome.
        assertThat(second.await("kiosk.link", WAIT)).contains("\"callId\":\"c7\"");
        assertThat(server.awaitReceived(WAIT)).contains("call.rejoin").contains("c7");
      }
    }
  }

  @Test
  void aQuietScreenIsToldEveryBeatThatKioskAppIsThereAndPingsAreAnsweredNotShown()
      throws Exception {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "CAP_KIOSK_ID",
                "k1",
                "CAP_KIOSK_SECRET",
                "s3cret",
                "CAP_KIOSK_UI_PORT",
                "0",
                "CAP_KIOSK_WORK_DIR",
                tempDir(),
                "CAP_KIOSK_SCREEN_BEAT_MILLIS",
                "100"));
    try (StandInServer server = new StandInServer(0)) {
      env.put("CAP_SERVER_URL", server.url());
      try (KioskApp kiosk = KioskApp.start(KioskConfig.from(env, List.of("--headless")));
          ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
        for (int beat = 0; beat < 5; beat++) {
          screen.await("kiosk.link", WAIT);
        }
        assertThat(server.pongs.poll(10, java.util.concurrent.TimeUnit.SECONDS))
            .contains("link.pong");
        assertThat(screen.seenAny("link.ping")).isFalse();
      }
    }
  }

  @Test
  void aServerThatFallsSilentIsLeftAndConnectedAgain() throws Exception {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "CAP_KIOSK_ID",
                "k1",
                "CAP_KIOSK_SECRET",
                "s3cret",
                "CAP_KIOSK_UI_PORT",
                "0",
                "CAP_KIOSK_WORK_DIR",
                tempDir(),
                "CAP_KIOSK_SERVER_SILENCE_MILLIS",
                "1500"));
    try (StandInServer server = new StandInServer(0)) {
      env.put("CAP_SERVER_URL", server.url());
      try (KioskApp kiosk = KioskApp.start(KioskConfig.from(env, List.of("--headless")))) {
        assertThat(server.authorizations.poll(10, java.util.concurrent.TimeUnit.SECONDS))
            .isNotNull();
        // A pulled cable: the socket stays open but nothing arrives. kiosk-app gives up on it and
        // comes back.
        server.silent = true;
        assertThat(server.authorizations.poll(20, java.util.concurrent.TimeUnit.SECONDS))
            .isEqualTo("Kiosk k1:s3cret");
      }
    }
  }

  private static final String CONNECTED_C7 =
      "{\"v\":1,\"type\":\"call.connected\",\"payload\":{\"callId\":\"c7\",\"role\":\"answerer\",\"iceServers\":[]}}";

  @Test
  void onlyTheKiosksOwnPageMayOpenTheBridge() throws Exception {
    try (StandInServer server = new StandInServer(0);
        KioskApp kiosk = KioskApp.start(config(server.url()))) {
      String ws = kiosk.uiUrl().replace("http", "ws") + "bridge";
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .newWebSocketBuilder()
                      .header("Origin", "https://evil.example")
                      .buildAsync(URI.create(ws), new WebSocket.Listener() {})
                      .join())
          .hasStackTraceContaining("403");
    }
  }

  @Test
  void aKioskWithoutAnIdentityRefusesToStartWithAClearMessage() {
    assertThatThrownBy(() -> KioskConfig.from(Map.of(), List.of("--headless")))
        .hasMessageContaining("CAP_KIOSK_ID");
  }
}
