package uk.gov.council.cap.server.staff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * Password guessing is slowed by growing waits, per address and per account, and can never be used
 * to keep a member of staff out. Requests come from real, different loopback addresses (127.0.0.1
 * is the advisor's desk, 127.0.0.2 the guesser) over real sockets; the waits run on a stopped clock
 * the test moves.
 */
class SignInThrottlingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DESK = "127.0.0.1";
  private static final String GUESSER = "127.0.0.2";
  private TestServer server;

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void start(int maxConcurrentChecks) {
    start(maxConcurrentChecks, Duration.ZERO);
  }

  private void start(int maxConcurrentChecks, Duration queueWait) {
    server =
        new TestServer(
            FakeClock.stopped(),
            c ->
                c.withSignIn(
                    new ServerConfig.SignIn(
                        Duration.ofSeconds(2),
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        20,
                        Duration.ofMinutes(15),
                        Duration.ofDays(30),
                        maxConcurrentChecks,
                        queueWait)));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
  }

  @Test
  void someoneGuessingFromElsewhereWaitsLongerEachTimeWhileTheAdvisorSignsInAtOnce() {
    start(4);
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(GUESSER, "alex", "guess" + i).status()).isEqualTo(401);
    }
    Answer slowed = signIn(GUESSER, "alex", "guess3");
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.retryAfter()).isEqualTo("1");
    assertThat(slowed.error()).isEqualTo("Too many wrong passwords. Wait 1 second and try again.");
    // The advisor at their own desk is not held up by it.
    assertThat(signIn(DESK, "alex", TestServer.PASSWORD).status()).isEqualTo(200);

    // Each further wrong password doubles the wait: 1 s, 2 s, 4 s, 8 s…
    List<String> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      server
          .clock()
          .advance(Duration.ofSeconds(Long.parseLong(signIn(GUESSER, "alex", "x").retryAfter())));
      assertThat(signIn(GUESSER, "alex", "guess" + i).status()).isEqualTo(401);
      waits.add(signIn(GUESSER, "alex", "again").retryAfter());
    }
    assertThat(waits).containsExactly("2", "4", "8", "16");
    // …up to a cap: a wait, never a lock.
    for (int i = 0; i < 6; i++) {
      server
          .clock()
          .advance(Duration.ofSeconds(Long.parseLong(signIn(GUESSER, "alex", "x").retryAfter())));
      assertThat(signIn(GUESSER, "alex", "guess" + i).status()).isEqualTo(401);
    }
    Answer capped = signIn(GUESSER, "alex", "again");
    assertThat(capped.retryAfter()).isEqualTo("60");
    assertThat(capped.error()).isEqualTo("Too many wrong passwords. Wait 1 minute and try again.");

    // Still the advisor gets in from their desk, even mistyping first.
    assertThat(signIn(DESK, "alex", "typo").status()).isEqualTo(401);
    assertThat(signIn(DESK, "alex", TestServer.PASSWORD).status()).isEqualTo(200);
    // And the guesser's own wait ends by itself.
    server.clock().advance(Duration.ofSeconds(60));
    assertThat(signIn(GUESSER, "alex", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void oneAddressTryingManyUsernamesIsSlowedToo() {
    start(4);
    for (int i = 0; i < 20; i++) {
      assertThat(signIn(GUESSER, "user" + i, "guess").status()).as("try %d", i).isEqualTo(401);
    }
    Answer slowed = signIn(GUESSER, "someone-new", "guess");
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.retryAfter()).isEqualTo("1");
    assertThat(signIn(DESK, "alex", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aFloodOfSignInsIsToldToWaitRatherThanTakingEveryProcessor() {
    start(1);
    List<CompletableFuture<Answer>> flood = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String from = "127.0.1." + (i + 1);
      flood.add(CompletableFuture.supplyAsync(() -> signIn(from, "nobody", "guess")));
    }
    List<Answer> answers = flood.stream().map(CompletableFuture::join).toList();
    // Password checks take a quarter of a second each; twelve at once with room for one cannot all
    // be checked.
    assertThat(answers).allMatch(a -> a.status() == 401 || a.status() == 429);
    Answer busy =
        answers.stream()
            .filter(a -> a.status() == 429)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "Every one of twelve simultaneous sign-ins was checked: " + answers));
    assertThat(busy.error())
        .isEqualTo("Too many people are signing in at once. Wait a few seconds and try again.");
    assertThat(busy.retryAfter()).isEqualTo("2");
  }

  @Test
  void aTeamSigningInAtTheStartOfAShiftWaitsItsTurnRatherThanBeingRefused() {
    start(1, Duration.ofSeconds(60));
    for (int i = 0; i < 6; i++) {
      server.staff("advisor" + i, Role.ADVISOR, Set.of("general"));
    }
    List<CompletableFuture<Answer>> shift = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "advisor" + i;
      String from = "127.0.2." + (i + 1);
      shift.add(CompletableFuture.supplyAsync(() -> signIn(from, name, TestServer.PASSWORD)));
    }
    // One check at a time, five waiting: within the queue, so everyone gets in.
    assertThat(shift.stream().map(CompletableFuture::join).map(Answer::status).toList())
        .containsOnly(200);
  }

  private record Answer(int status, String retryAfter, String error) {}

  /** POST /api/session over a socket bound to {@code from}, so the server sees that address. */
  private Answer signIn(String from, String username, String password) {
    int port = URI.create(server.url()).getPort();
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(15_000);
      byte[] body =
          JSON.createObjectNode()
              .put("username", username)
              .put("password", password)
              .toString()
              .getBytes(UTF_8);
      s.getOutputStream()
          .write(
              ("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(UTF_8));
      s.getOutputStream().write(body);
      String response = new String(s.getInputStream().readAllBytes(), UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      String head = response.substring(0, response.indexOf("\r\n\r\n"));
      String retryAfter =
          head.lines()
              .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("retry-after:"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(null);
      String rest = response.substring(head.length() + 4);
      String json = rest.substring(rest.indexOf('{'), rest.lastIndexOf('}') + 1);
      return new Answer(status, retryAfter, JSON.readTree(json).path("error").asText(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
