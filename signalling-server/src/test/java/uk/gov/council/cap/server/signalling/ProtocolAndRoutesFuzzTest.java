package uk.gov.council.cap.server.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * Fuzzing the server's edges: the kiosk and console sockets and the JSON routes, as a kiosk, an
 * advisor, an admin and nobody. The invariant for any input: never a 500, never an error logged by
 * the server, every refusal a clear JSON error, and the sockets stay open. Under plain {@code mvn
 * test} Jazzer replays the seed corpus (the resource folder {@code
 * ProtocolAndRoutesFuzzTestInputs}), and {@link #seededMutationsOfTheCorpus} runs a bounded number
 * of inputs made from it by a fixed-seed mutator, so CI explores beyond the seeds in the same time
 * every run. With {@code JAZZER_FUZZ=1} Jazzer itself fuzzes {@link
 * #anyInputGetsAClearAnswerAndNoServerError} for up to its {@code maxDuration}.
 */
class ProtocolAndRoutesFuzzTest {
  /** Generated inputs per CI run, and the time they may take at most (whichever comes first). */
  private static final int MUTATIONS = 1500;

  private static final Duration BUDGET = Duration.ofSeconds(40);

  private static final String[] ROUTES = {
    "/api/session",
    "/api/enrol",
    "/api/kiosk/self-test",
    "/api/customers",
    "/api/sites",
    "/api/calls/no-such-call/outcome",
    "/api/calls/no-such-call/payments",
    "/api/stripe/webhook"
  };

  private static TestServer server;
  private static WsClient kioskSocket;
  private static WsClient consoleSocket;
  private static Api anonymous;
  private static Api kiosk;
  private static Api advisor;
  private static Api admin;
  private static ListAppender<ILoggingEvent> logged;
  private static int syncs;

  @BeforeAll
  static void start() {
    server = new TestServer();
    KioskRepository.Enrolled k =
        server.kiosk("Fuzz kiosk", server.openSite("Library", List.of("general"), List.of()));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("ada", Role.ADMIN, Set.of());
    anonymous = new Api(server.url());
    kiosk =
        new Api(server.url())
            .withHeader("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret());
    advisor = server.signIn("alex");
    admin = server.signIn("ada");
    kioskSocket = server.kioskSocket(k);
    consoleSocket = server.consoleSocket(advisor);
    logged = new ListAppender<>();
    logged.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    kioskSocket.close();
    consoleSocket.close();
    server.close();
  }

  @FuzzTest(maxDuration = "30s")
  void anyInputGetsAClearAnswerAndNoServerError(byte[] input) {
    exercise(input);
  }

  @Test
  void seededMutationsOfTheCorpus() throws IOException, URISyntaxException {
    List<byte[]> seeds = seeds();
    assertThat(seeds).hasSizeGreaterThan(10);
    Random random = new Random(13);
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int ran = 0;
    while (ran < MUTATIONS && System.nanoTime() < deadline) {
      exercise(Mutator.mutate(random, seeds));
      ran++;
    }
    assertThat(ran).as("generated inputs run within the budget").isGreaterThan(100);
  }

  /**
   * The first byte chooses where the rest goes: a socket, or one of the JSON routes as its caller.
   */
  private static void exercise(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int target = Byte.toUnsignedInt(input[0]) % (2 + ROUTES.length);
    String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    int before = logged.list.size();
    if (target < 2) {
      WsClient socket = target == 0 ? kioskSocket : consoleSocket;
      socket.sendRaw(text);
      // A frame after it that is always refused with its id: once that error is back, the input was
      // handled.
      String sync = "sync-" + (++syncs);
      socket.sendRaw("{\"v\":1,\"type\":\"fuzz.sync\",\"id\":\"" + sync + "\"}");
      socket.await("error", e -> e.path("ref").asText().equals(sync));
      assertThat(socket.isOpen()).as("socket still open after %s", text).isTrue();
    } else {
      String route = ROUTES[target - 2];
      Api caller =
          switch (route) {
            case "/api/kiosk/self-test" -> kiosk;
            case "/api/sites" -> admin;
            case "/api/session", "/api/enrol", "/api/stripe/webhook" -> anonymous;
            default -> advisor;
          };
      Api.Response r = caller.send("POST", route, text);
      assertThat(r.status()).as("POST %s with %s", route, text).isLessThan(500);
      if (r.status() >= 400) {
        // Stripe, not a person, reads the webhook's refusals: they say "message"
        // (StripeWebhookRoute).
        String field = route.equals("/api/stripe/webhook") ? "message" : "error";
        assertThat(r.body().path(field).asText())
            .as("a clear error for POST %s with %s", route, text)
            .isNotBlank();
      }
    }
    List<ILoggingEvent> errors =
        logged.list.subList(before, logged.list.size()).stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
            .toList();
    assertThat(errors).as("errors logged by the server for %s", text).isEmpty();
  }

  private static List<byte[]> seeds() throws IOException, URISyntaxException {
    Path dir =
        Path.of(
            ProtocolAndRoutesFuzzTest.class
                .getResource(
                    "ProtocolAndRoutesFuzzTestInputs/anyInputGetsAClearAnswerAndNoServerError")
                .toURI());
    List<byte[]> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          seeds.add(in.readAllBytes());
        }
      }
    }
    return seeds;
  }

  /**
   * Structure-aware enough to get past the JSON parser most of the time, and rude enough to find
   * the edges.
   */
  static final class Mutator {
    private static final String[] TOKENS = {
      "{",
      "}",
      "[",
      "]",
      "\"",
      ":",
      ",",
      "null",
      "true",
      "-0",
      "1e999999",
      "99999999999999999999",
      "\"\\u0000\"",
      "\"\\ud800\"",
      "\"é\"",
      "{}",
      "[]",
      "\"v\"",
      "\"type\"",
      "\"payload\"",
      "\"id\"",
      "\"callId\"",
      "\"x\"",
      "[[[[[[[[[[[[[[[[[[[[",
      "\"" + "a".repeat(300) + "\"",
      "0.5",
      "-1",
      "\"2026-02-30\""
    };

    static byte[] mutate(Random random, List<byte[]> seeds) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] out = seed.clone();
      int rounds = 1 + random.nextInt(4);
      for (int i = 0; i < rounds && out.length > 1; i++) {
        out =
            switch (random.nextInt(6)) {
              case 0 -> flip(random, out);
              case 1 ->
                  insert(
                      random,
                      out,
                      TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
              case 2 -> java.util.Arrays.copyOf(out, 1 + random.nextInt(out.length));
              case 3 -> splice(random, out, seeds.get(random.nextInt(seeds.size())));
              case 4 -> insert(random, out, ("[".repeat(2000)).getBytes(StandardCharsets.UTF_8));
              default -> replaceValue(random, out);
            };
      }
      return out;
    }

    private static byte[] flip(Random random, byte[] in) {
      byte[] out = in.clone();
      int at = 1 + random.nextInt(out.length - 1);
      out[at] = (byte) (out[at] ^ (1 << random.nextInt(8)));
      return out;
    }

    private static byte[] insert(Random random, byte[] in, byte[] what) {
      int at = 1 + random.nextInt(in.length);
      byte[] out = new byte[in.length + what.length];
      System.arraycopy(in, 0, out, 0, at);
      System.arraycopy(what, 0, out, at, what.length);
      System.arraycopy(in, at, out, at + what.length, in.length - at);
      return out;
    }

    private static byte[] splice(Random random, byte[] a, byte[] b) {
      int cut = 1 + random.nextInt(a.length);
      int from = b.length <= 1 ? 0 : 1 + random.nextInt(b.length - 1);
      byte[] out = new byte[cut + b.length - from];
      System.arraycopy(a, 0, out, 0, cut);
      System.arraycopy(b, from, out, cut, b.length - from);
      return out;
    }

    /** Replaces the text after a random colon, up to the next comma or brace, with a token. */
    private static byte[] replaceValue(Random random, byte[] in) {
      String s = new String(in, StandardCharsets.ISO_8859_1);
      int colon = s.indexOf(':', 1 + random.nextInt(Math.max(1, s.length() - 1)));
      if (colon < 0) {
        return in;
      }
      int end = colon + 1;
      while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
        end++;
      }
      String token = TOKENS[random.nextInt(TOKENS.length)];
      return (s.substring(0, colon + 1) + token + s.substring(end))
          .getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}
