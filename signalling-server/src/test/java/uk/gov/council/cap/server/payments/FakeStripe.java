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
 * A local stand-in for Stripe's API that checks what the SDK sends (path, form parameters, key,
 * idempotency key) and plays out a reader: it waits for a card, a test card approves or declines,
 * it can be busy, offline or time out, and the network can drop a response after the request was
 * acted on. Like Stripe, a repeated idempotency key returns the first answer without acting again;
 * charges and refunds are counted so tests can prove nothing happened twice.
 */
final class FakeStripe implements AutoCloseable {
  static final String KEY = "sk_test_fake_0123456789";

  record Request(
      String method,
      String path,
      Map<String, String> form,
      String idempotencyKey,
      String authorization) {}

  private static final class Intent {
    final String id;
    final long amount;
    volatile String status = "requires_payment_method";
    volatile String declineCode;

    Intent(String id, long amount) {
      this.id = id;
      this.amount = amount;
    }
  }

  private static final class ReaderState {
    volatile String actionIntent;
    volatile String actionStatus; // in_progress, succeeded, failed or null
    volatile String failureCode;
    volatile String status = "online"; // Stripe's reader status: online or offline
  }

  /** Makes a reader report itself offline, as Stripe does when it has not heard from it. */
  void readerOffline(String readerId) {
    readers.computeIfAbsent(readerId, k -> new ReaderState()).status = "offline";
  }

  private final HttpServer http;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> answersByIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, Intent> intents = new ConcurrentHashMap<>();
  private final Map<String, ReaderState> readers = new ConcurrentHashMap<>();
  final AtomicInteger paymentIntentsCreated = new AtomicInteger();
  final AtomicInteger charges = new AtomicInteger();
  final AtomicInteger refunds = new AtomicInteger();
  final Map<String, Long> refundedPence = new ConcurrentHashMap<>();
  volatile String readerError =
      null; // e.g. "terminal_reader_busy", returned by process_payment_intent

  /**
   * Act on this many more requests but drop the connection instead of answering, as a network
   * failure would.
   */
  final AtomicInteger dropAfterActing = new AtomicInteger();

  /** Refuse connections' answers entirely (Stripe unreachable) while set. */
  volatile boolean unreachable = false;

  FakeStripe() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::handle);
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** The resident taps a card on this reader. */
  void presentCard(String readerId, boolean approved) {
    ReaderState reader = readers.get(readerId);
    if (reader == null || !"in_progress".equals(reader.actionStatus))
      throw new IllegalStateException("reader not waiting");
    Intent intent = intents.get(reader.actionIntent);
    if (approved) {
      intent.status = "succeeded";
      intent.declineCode = null;
      reader.actionStatus = "succeeded";
      charges.incrementAndGet();
    } else {
      intent.status = "requires_payment_method";
      intent.declineCode = "insufficient_funds";
      reader.actionStatus = "failed";
      reader.failureCode = "insufficient_funds";
    }
  }

  /** The reader gives up waiting (its own timeout). */
  void readerTimesOut(String readerId) {
    ReaderState reader = readers.get(readerId);
    reader.actionStatus = null;
    reader.actionIntent = null;
  }

  String intentStatus(String id) {
    return intents.get(id).status;
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getRawQuery();
    Map<String, String> form = form(body);
    if (query != null) form.putAll(form(query));
    Request r =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            form,
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            exchange.getRequestHeaders().getFirst("Authorization"));
    requests.add(r);
    if (unreachable) {
      exchange.close();
      return;
    }
    if (!("Bearer " + KEY).equals(r.authorization())) {
      reply(
          exchange,
          401,
          "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
      return;
    }
    if (r.method().equals("POST") && r.idempotencyKey() == null) {
      reply(
          exchange,
          400,
          "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"This fake insists on an Idempotency-Key for every POST\"}}");
      return;
    }
    String remembered =
        r.idempotencyKey() == null ? null : answersByIdempotencyKey.get(r.idempotencyKey());
    if (remembered != null) {
      reply(exchange, 200, remembered);
      return;
    }
    Answer answer = act(r);
    if (answer.status() == 200 && r.idempotencyKey() != null)
      answersByIdempotencyKey.put(r.idempotencyKey(), answer.json());
    if (dropAfterActing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange.close();
      return;
    }
    reply(exchange, answer.status(), answer.json());
  }

  private record Answer(int status, String json) {}

  private Answer act(Request r) {
    String[] parts = r.path().split("/");
    if (r.path().equals("/v1/payment_intents") && r.method().equals("POST")) {
      String id = "pi_fake_" + paymentIntentsCreated.incrementAndGet();
      Intent intent = new Intent(id, Long.parseLong(r.form().get("amount")));
      intents.put(id, intent);
      return ok(intentJson(intent, false));
    }
    if (r.path().matches("/v1/payment_intents/[^/]+") && r.method().equals("GET")) {
      Intent intent = intents.get(parts[3]);
      if (intent == null) return error(404, "resource_missing");
      return ok(intentJson(intent, "latest_charge".equals(r.form().get("expand[0]"))));
    }
    if (r.path().matches("/v1/payment_intents/[^/]+/cancel")) {
      Intent intent = intents.get(parts[3]);
      if (intent.status.equals("succeeded")) return error(400, "payment_intent_unexpected_state");
      intent.status = "canceled";
      return ok(intentJson(intent, false));
    }
    if (r.path().matches("/v1/terminal/readers/[^/]+/process_payment_intent")) {
      if (readerError != null) return error(400, readerError);
      ReaderState reader = readers.computeIfAbsent(parts[4], k -> new ReaderState());
      if ("in_progress".equals(reader.actionStatus)
          && !r.form().get("payment_intent").equals(reader.actionIntent)) {
        return error(400, "terminal_reader_busy");
      }
      reader.actionIntent = r.form().get("payment_intent");
      reader.actionStatus = "in_progress";
      reader.failureCode = null;
      return ok(readerJson(parts[4], reader));
    }
    if (r.path().matches("/v1/terminal/readers/[^/]+") && r.method().equals("GET")) {
      return ok(readerJson(parts[4], readers.computeIfAbsent(parts[4], k -> new ReaderState())));
    }
    if (r.path().matches("/v1/terminal/readers/[^/]+/cancel_action")) {
      ReaderState reader = readers.computeIfAbsent(parts[4], k -> new ReaderState());
      reader.actionStatus = null;
      reader.actionIntent = null;
      return ok(readerJson(parts[4], reader));
    }
    if (r.path().matches("/v1/test_helpers/terminal/readers/[^/]+/present_payment_method")) {
      presentCard(
          parts[5],
          StripeTerminalReader.APPROVED_TEST_CARD.equals(r.form().get("card_present[number]")));
      return ok(readerJson(parts[5], readers.get(parts[5])));
    }
    if (r.path().equals("/v1/refunds")) {
      Intent intent = intents.get(r.form().get("payment_intent"));
      long amount = Long.parseLong(r.form().get("amount"));
      long already = refundedPence.getOrDefault(intent.id, 0L);
      if (!intent.status.equals("succeeded") || already + amount > intent.amount)
        return error(400, "charge_already_refunded");
      refundedPence.put(intent.id, already + amount);
      int n = refunds.incrementAndGet();
      return ok(
          "{\"id\":\"re_fake_"
              + n
              + "\",\"object\":\"refund\",\"amount\":"
              + amount
              + ",\"status\":\"succeeded\","
              + "\"payment_intent\":\""
              + intent.id
              + "\"}");
    }
    return new Answer(
        404,
        "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
  }

  private static Answer ok(String json) {
    return new Answer(200, json);
  }

  private static Answer error(int status, String code) {
    return new Answer(
        status,
        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\""
            + code
            + "\",\"message\":\"Stripe says "
            + code
            + "\"}}");
  }

  private static String intentJson(Intent intent, boolean expandCharge) {
    String charge = "null";
    if (intent.status.equals("succeeded")) {
      charge =
          expandCharge
              ? "{\"id\":\"ch_"
                  + intent.id
                  + "\",\"object\":\"charge\",\"amount\":"
                  + intent.amount
                  + ",\"payment_method_details\":{\"type\":\"card_present\",\"card_present\":{\"brand\":\"visa\",\"last4\":\"4242\","
                  + "\"read_method\":\"contactless_emv\",\"receipt\":{\"application_preferred_name\":\"VISA CREDIT\","
                  + "\"dedicated_file_name\":\"A0000000031010\",\"authorization_code\":\"123456\",\"authorization_response_code\":\"3030\","
                  + "\"account_type\":\"credit\",\"terminal_verification_results\":\"0000000000\",\"transaction_status_information\":\"0000\","
                  + "\"application_cryptogram\":\"FEDCBA9876543210\",\"cardholder_verification_method\":\"none\"}}}}"
              : "\"ch_" + intent.id + "\"";
    }
    String error =
        intent.declineCode == null
            ? "null"
            : "{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\""
                + intent.declineCode
                + "\"}";
    return "{\"id\":\""
        + intent.id
        + "\",\"object\":\"payment_intent\",\"amount\":"
        + intent.amount
        + ",\"currency\":\"gbp\",\"status\":\""
        + intent.status
        + "\",\"latest_charge\":"
        + charge
        + ",\"last_payment_error\":"
        + error
        + "}";
  }

  private static String readerJson(String id, ReaderState reader) {
    String action =
        reader.actionStatus == null
            ? "null"
            : "{\"type\":\"process_payment_intent\",\"status\":\""
                + reader.actionStatus
                + "\",\"failure_code\":"
                + (reader.failureCode == null ? "null" : "\"" + reader.failureCode + "\"")
                + ",\"process_payment_intent\":{\"payment_intent\":\""
                + reader.actionIntent
                + "\"}}";
    return "{\"id\":\""
        + id
        + "\",\"object\":\"terminal.reader\",\"label\":\"Kiosk reader\",\"status\":\""
        + reader.status
        + "\",\"action\":"
        + action
        + "}";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) return form;
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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
