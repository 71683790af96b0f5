package uk.gov.council.cap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.HeapPeak;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * Every request body is counted as it arrives: a gigabyte sent in chunks (no Content-Length to
 * refuse up front) is answered 413 once it passes the limit, without the server holding it, while
 * other people's requests carry on.
 */
class BodyLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long GIGABYTE = 1L << 30;

  /**
   * Loopback socket buffers hold a few megabytes the server never read; anything near a gigabyte is
   * buffering.
   */
  private static final long FAR_BELOW_A_GIGABYTE = 64L << 20;

  private final TestServer server = new TestServer();
  private final ExecutorService senders = Executors.newCachedThreadPool();

  @BeforeEach
  void staff() {
    server.staff("alex", Role.ADVISOR, java.util.Set.of("general"));
  }

  @AfterEach
  void tearDown() {
    senders.shutdownNow();
    server.close();
  }

  /** What came back for one chunked request, and how much of its body had been sent when it did. */
  record Answer(int status, JsonNode body, long sentWhenAnswered) {}

  /**
   * Sends {@code total} bytes of body in 64 KiB chunks, made on the fly (nothing the size of the
   * body is ever allocated), until the server answers or closes; {@code pauseAt} holds the body
   * there until {@code resume}.
   */
  private CompletableFuture<Answer> chunked(
      String method,
      String path,
      String extraHeaders,
      long total,
      long pauseAt,
      CompletableFuture<Void> resume) {
    return CompletableFuture.supplyAsync(
        () -> {
          URI base = URI.create(server.url());
          try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                (method
                        + " "
                        + path
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + extraHeaders
                        + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            AtomicBoolean answered = new AtomicBoolean();
            CompletableFuture<Void> writing =
                CompletableFuture.runAsync(
                    () -> {
                      byte[] chunk = new byte[64 * 1024];
                      java.util.Arrays.fill(chunk, (byte) ' ');
                      chunk[0] = '{';
                      byte[] head =
                          (Integer.toHexString(chunk.length) + "\r\n")
                              .getBytes(StandardCharsets.US_ASCII);
                      try {
                        while (sent.get() < total && !answered.get()) {
                          if (sent.get() >= pauseAt) {
                            resume.join();
                          }
                          out.write(head);
                          out.write(chunk);
                          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                          sent.addAndGet(chunk.length);
                          chunk[0] = ' ';
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                      } catch (IOException closedByServer) {
                        // The server stopped reading and closed the connection: expected once it
                        // has answered.
                      }
                    },
                    senders);
            String head = readHead(socket.getInputStream());
            long sentWhenAnswered = sent.get();
            answered.set(true);
            int status = Integer.parseInt(head.split(" ")[1]);
            String body = readBody(socket.getInputStream(), head);
            writing.cancel(true);
            return new Answer(status, JSON.readTree(body), sentWhenAnswered);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        senders);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String s = head.toString(StandardCharsets.US_ASCII);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    throw new IOException("The connection closed before an answer: " + head);
  }

  private static String readBody(InputStream in, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return new String(
            in.readNBytes(Integer.parseInt(line.substring(15).trim())), StandardCharsets.UTF_8);
      }
    }
    throw new IOException("No Content-Length in " + head);
  }

  @Test
  void aChunkedGigabyteSignInIsRefusedOnceItPassesTheLimitWithoutTheServerHoldingIt()
      throws Exception {
    HeapPeak heap = HeapPeak.start();
    Answer answer =
        chunked(
                "POST",
                "/api/session",
                "",
                GIGABYTE,
                Long.MAX_VALUE,
                CompletableFuture.completedFuture(null))
            .get(60, TimeUnit.SECONDS);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body().path("error").asText())
        .isEqualTo("The request is too large. Send at most 1 MB.");
    assertThat(answer.sentWhenAnswered()).isLessThan(FAR_BELOW_A_GIGABYTE);
    assertThat(heap.rise())
        .as("heap rise while refusing a chunked gigabyte")
        .isLessThan(200L << 20);
    assertThat(server.signIn("alex").get("/api/session").status()).isEqualTo(200);
  }

  @Test
  void sixGigabytesAtOnceAreAllRefusedWhileAnotherPersonSignsIn() throws Exception {
    // Each sender stops half a megabyte in (under the limit), so all six are open at once when alex
    // signs in.
    CompletableFuture<Void> resume = new CompletableFuture<>();
    List<CompletableFuture<Answer>> attackers = new ArrayList<>();
    HeapPeak heap = HeapPeak.start();
    for (int i = 0; i < 6; i++) {
      attackers.add(chunked("POST", "/api/session", "", GIGABYTE, 512 * 1024, resume));
    }
    Api alex = new Api(server.url());
    assertThat(alex.signIn("alex", TestServer.PASSWORD).status()).isEqualTo(200);
    assertThat(alex.get("/api/session").body().path("user").path("username").asText())
        .isEqualTo("alex");
    assertThat(attackers).noneMatch(CompletableFuture::isDone);

    resume.complete(null);
    for (CompletableFuture<Answer> a : attackers) {
      Answer answer = a.get(60, TimeUnit.SECONDS);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.sentWhenAnswered()).isLessThan(FAR_BELOW_A_GIGABYTE);
    }
    assertThat(heap.rise())
        .as("heap rise while refusing six chunked gigabytes")
        .isLessThan(400L << 20);
  }

  @Test
  void aBodyDeclaringMoreThanAnyRouteTakesIsRefusedAsItStarts() throws Exception {
    URI base = URI.create(server.url());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Content-Length: "
                      + GIGABYTE
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      // The first 64 KiB of the gigabyte it declared (Jetty answers once the body has begun to
      // arrive).
      socket.getOutputStream().write(new byte[64 * 1024]);
      socket.getOutputStream().flush();
      String head = readHead(socket.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 413");
      assertThat(JSON.readTree(readBody(socket.getInputStream(), head)).path("error").asText())
          .startsWith("The request is too large. Send at most ");
    }
  }

  @Test
  void anUploadRouteTakesMoreThanAJsonRouteButStillHasItsOwnLimit() throws Exception {
    KioskRepository.Enrolled kiosk =
        server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));
    String auth =
        "Authorization: Kiosk "
            + kiosk.kiosk().id()
            + ":"
            + kiosk.secret()
            + "\r\nX-Content-SHA256: 00\r\n";
    CompletableFuture<Void> go = CompletableFuture.completedFuture(null);

    // Five megabytes is over the JSON limit but within a photo's: read whole, then refused for what
    // it is.
    Answer fiveMegabytes =
        chunked("PUT", "/api/kiosk/photos/no-such-photo", auth, 5L << 20, Long.MAX_VALUE, go)
            .get(60, TimeUnit.SECONDS);
    assertThat(fiveMegabytes.status()).isEqualTo(404);
    assertThat(fiveMegabytes.body().path("error").asText())
        .isEqualTo("There is no photo with that id.");

    Answer gigabyte =
        chunked("PUT", "/api/kiosk/photos/no-such-photo", auth, GIGABYTE, Long.MAX_VALUE, go)
            .get(60, TimeUnit.SECONDS);
    assertThat(gigabyte.status()).isEqualTo(413);
    assertThat(gigabyte.body().path("error").asText())
        .isEqualTo("The request is too large. Send at most 20 MB.");
    assertThat(gigabyte.sentWhenAnswered()).isLessThan(FAR_BELOW_A_GIGABYTE);
  }
}
