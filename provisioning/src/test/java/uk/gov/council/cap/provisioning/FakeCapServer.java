package uk.gov.council.cap.provisioning;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The three answers enrolment needs from a Customer Access Point server (health, enrol, the kiosk's
 * own record), with the same shapes and status codes, on a free local port. The real round trip is
 * {@code system-tests/FleetEndToEndTest}; this one lets each failure be told apart cheaply.
 */
final class FakeCapServer implements AutoCloseable {
  static final String TOKEN = "ABCDE-FGHJK-LMNPQ-RSTUV";
  static final String KIOSK_ID = "80f92851-0000-4000-8000-000000000001";
  static final String SECRET = "s3cret-only-for-this-kiosk";

  private final HttpServer http;
  final List<String> requests = new CopyOnWriteArrayList<>();
  volatile boolean acceptsNewCredentials = true;
  volatile String healthBody = "{\"status\":\"ok\",\"version\":\"test\"}";

  FakeCapServer() {
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::answer);
    http.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  private void answer(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(x.getRequestMethod() + " " + path);
    switch (path) {
      case "/api/health" -> reply(x, 200, healthBody);
      case "/api/enrol" -> {
        if (body.contains(TOKEN)) {
          reply(
              x,
              201,
              "{\"kioskId\":\""
                  + KIOSK_ID
                  + "\",\"kioskSecret\":\""
                  + SECRET
                  + "\",\"kioskName\":\"Flitwick kiosk\"}");
        } else {
          reply(x, 400, "{\"error\":\"That enrolment token is not one this server made.\"}");
        }
      }
      case "/api/kiosk/self" -> {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (acceptsNewCredentials && ("Kiosk " + KIOSK_ID + ":" + SECRET).equals(auth)) {
          reply(x, 200, "{\"siteName\":\"Flitwick Library\"}");
        } else {
          reply(x, 401, "{\"error\":\"Kiosk credentials were not accepted.\"}");
        }
      }
      default -> reply(x, 404, "{\"error\":\"Not found\"}");
    }
  }

  private static void reply(HttpExchange x, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
