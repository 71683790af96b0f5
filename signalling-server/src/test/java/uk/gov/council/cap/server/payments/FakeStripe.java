package uk.gov.council.cap.server.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Stripe's API that checks what the SDK sends (path, form parameters, key, idempotency key)
 * and plays out the reader's answers. Like Stripe, a repeated idempotency key returns the first answer.
 */
final class FakeStripe implements AutoCloseable {
  static final String KEY = "sk_test_fake_0123456789";

  record Request(String method, String path, Map<String, String> form, String idempotencyKey, String authorization) {}

  private final HttpServer http;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> answersByIdempotencyKey = new ConcurrentHashMap<>();
  final AtomicInteger paymentIntentsCreated = new AtomicInteger();
  volatile String readerError = null; // e.g. "terminal_reader_busy"

  FakeStripe() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::handle);
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), form(body),
        exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("Authorization"));
    requests.add(r);
    if (!("Bearer " + KEY).equals(r.authorization())) {
      reply(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
      return;
    }
    String remembered = r.idempotencyKey() == null ? null : answersByIdempotencyKey.get(r.idempotencyKey());
    if (remembered != null) {
      reply(exchange, 200, remembered);
      return;
    }
    String answer;
    if (r.path().equals("/v1/payment_intents") && r.method().equals("POST")) {
      int n = paymentIntentsCreated.incrementAndGet();
      answer = "{\"id\":\"pi_fake_" + n + "\",\"object\":\"payment_intent\",\"amount\":" + r.form().get("amount")
          + ",\"currency\":\"" + r.form().get("currency") + "\",\"status\":\"requires_payment_method\"}";
    } else if (r.path().matches("/v1/terminal/readers/[^/]+/process_payment_intent")) {
      if (readerError != null) {
        reply(exchange, 400, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"" + readerError + "\",\"message\":\"Reader says no\"}}");
        return;
      }
      answer = "{\"id\":\"" + r.path().split("/")[4] + "\",\"object\":\"terminal.reader\",\"action\":{\"type\":\"process_payment_intent\","
          + "\"status\":\"in_progress\",\"process_payment_intent\":{\"payment_intent\":\"" + r.form().get("payment_intent") + "\"}}}";
    } else if (r.path().matches("/v1/terminal/readers/[^/]+/cancel_action")) {
      answer = "{\"id\":\"" + r.path().split("/")[4] + "\",\"object\":\"terminal.reader\",\"action\":null}";
    } else {
      reply(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
      return;
    }
    if (r.idempotencyKey() != null) answersByIdempotencyKey.put(r.idempotencyKey(), answer);
    reply(exchange, 200, answer);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) return form;
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
