package uk.gov.council.cap.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.signalling.SocketAccess;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * The route × role matrix, generated from the running server: every HTTP route and WebSocket
 * endpoint the router holds, and every message type each socket takes, is tried as every kind of
 * caller (anonymous, a kiosk, and each staff role), and the answer must match what the route
 * declares: allowed where declared, refused where not. A route added tomorrow is in the matrix
 * without anyone editing this test; a route added without a declaration stops the server starting.
 */
class RouteRoleMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the server says when it refuses a caller, as opposed to a route's own answer to a made-up
   * id.
   */
  private static final Set<String> REFUSED_401 =
      Set.of(
          "You are not signed in, or your session has ended. Sign in again.",
          "Kiosk credentials were not accepted.",
          "This kiosk has been revoked. A technician must make a new token and enrol it again.");

  enum Caller {
    ANONYMOUS(null),
    KIOSK(Access.KIOSK),
    ADVISOR(Role.ADVISOR),
    SUPERVISOR(Role.SUPERVISOR),
    TECHNICIAN(Role.TECHNICIAN),
    ADMIN(Role.ADMIN);

    final RouteRole principal;

    Caller(RouteRole principal) {
      this.principal = principal;
    }

    boolean mayUse(Set<RouteRole> declared) {
      return declared.contains(Access.PUBLIC)
          || (principal != null && declared.contains(principal));
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private TestServer server;
  private KioskRepository.Enrolled kiosk;
  private final Map<Caller, Map<String, String>> headers = new EnumMap<>(Caller.class);

  @BeforeEach
  void setUp() {
    server = new TestServer();
    kiosk =
        server.kiosk(
            "Matrix kiosk", server.openSite("Matrix Library", List.of("general"), List.of()));
    headers.put(Caller.ANONYMOUS, Map.of());
    headers.put(
        Caller.KIOSK,
        Map.of("Authorization", "Kiosk " + kiosk.kiosk().id() + ":" + kiosk.secret()));
    for (Caller c : Caller.values()) {
      if (c.principal instanceof Role role) {
        server.staff(c.name().toLowerCase(), role, Set.of("general"));
        signIn(c);
      }
    }
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void signIn(Caller c) {
    Api api = new Api(server.url());
    Api.Response r = api.signIn(c.name().toLowerCase(), TestServer.PASSWORD);
    assertThat(r.status()).isEqualTo(200);
    headers.put(
        c,
        Map.of(
            "Cookie",
            api.cookie(),
            "X-CSRF-Token",
            r.body().path("csrfToken").asText(),
            "Origin",
            server.url()));
  }

  @Test
  void everyHttpRouteAnswersEveryCallerAsItDeclares() {
    List<RouteDeclarations.Route> routes =
        server.server().routes().stream().filter(r -> !r.method().equals("WS")).toList();
    assertThat(routes).as("the router's routes").hasSizeGreaterThan(50);
    List<String> surprises = new ArrayList<>();
    for (RouteDeclarations.Route route : routes) {
      for (Caller caller : Caller.values()) {
        HttpResponse<String> r = call(route, caller);
        boolean refused = refused(r);
        boolean declared = caller.mayUse(route.roles());
        if (refused == declared) {
          surprises.add(
              route
                  + " as "
                  + caller
                  + ": declared "
                  + (declared ? "allowed" : "refused")
                  + " but got "
                  + r.statusCode()
                  + " "
                  + r.body());
        }
        if (route.toString().equals("DELETE /api/session") && r.statusCode() == 204) {
          signIn(caller);
        }
      }
    }
    assertThat(surprises).as("routes that do not do what they declare").isEmpty();
  }

  @Test
  void publicRoutesAreAShortListAndKioskRoutesAreTheKiosksAlone() {
    Map<String, Set<RouteRole>> declared =
        server.server().routes().stream()
            .collect(
                Collectors.toMap(
                    RouteDeclarations.Route::toString, RouteDeclarations.Route::roles));
    Set<String> open =
        declared.entrySet().stream()
            .filter(e -> e.getValue().contains(Access.PUBLIC))
            .map(Map.Entry::getKey)
            .collect(Collectors.toCollection(TreeSet::new));
    // Each of these is open for a reason written where it is registered; adding one is a decision
    // to review.
    assertThat(open)
        .containsExactly(
            "GET /api/health",
            "GET /api/oidc",
            "GET /auth/oidc/callback",
            "GET /auth/oidc/start",
            "POST /api/enrol",
            "POST /api/password",
            "POST /api/password/check",
            "POST /api/session",
            "POST /api/session/totp-setup",
            "POST /api/stripe/webhook");
    declared.forEach(
        (route, roles) -> {
          if (route.contains(" /api/kiosk/") || route.equals("WS /ws/kiosk")) {
            assertThat(roles).as(route).containsExactly(Access.KIOSK);
          } else {
            assertThat(roles).as(route).doesNotContain(Access.KIOSK);
          }
        });
  }

  @Test
  void aRouteWithoutADeclarationStopsTheServerStarting() {
    Javalin app = Javalin.create();
    app.get("/api/declared", ctx -> ctx.result("ok"), Role.ADMIN);
    app.post("/api/forgotten", ctx -> ctx.result("open to anyone by accident"));
    app.ws("/ws/forgotten", ws -> {});
    assertThatThrownBy(() -> RouteDeclarations.requireAll(app))
        .hasMessageContaining("POST /api/forgotten declares nobody")
        .hasMessageContaining("WS /ws/forgotten declares nobody")
        .hasMessageNotContaining("/api/declared");
    Javalin mixed = Javalin.create();
    mixed.get("/api/both", ctx -> ctx.result("?"), Access.PUBLIC, Role.ADMIN);
    assertThatThrownBy(() -> RouteDeclarations.requireAll(mixed))
        .hasMessageContaining("GET /api/both declares Access.PUBLIC with others");
  }

  @Test
  void everySocketLetsInOnlyTheCallersItDeclares() {
    List<RouteDeclarations.Route> sockets =
        server.server().routes().stream().filter(r -> r.method().equals("WS")).toList();
    assertThat(sockets)
        .extracting(RouteDeclarations.Route::path)
        .containsExactlyInAnyOrder("/ws/console", "/ws/kiosk");
    List<String> surprises = new ArrayList<>();
    for (RouteDeclarations.Route socket : sockets) {
      for (Caller caller : Caller.values()) {
        Map<String, String> h = new LinkedHashMap<>(headers.get(caller));
        h.remove("X-CSRF-Token");
        h.putIfAbsent("Origin", server.url());
        boolean opened;
        try (WsClient ws = WsClient.open(server.url(), socket.path(), h)) {
          opened = true;
        } catch (RuntimeException e) {
          opened = false;
        }
        if (opened != caller.mayUse(socket.roles())) {
          surprises.add(
              socket
                  + " as "
                  + caller
                  + ": declared "
                  + (opened ? "refused" : "allowed")
                  + " but "
                  + (opened ? "opened" : "was refused"));
        }
      }
    }
    assertThat(surprises).isEmpty();
  }

  @Test
  void everyMessageTypeOnEachSocketIsTakenOrRefusedAsDeclared() {
    List<String> surprises = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      if (caller == Caller.ANONYMOUS) {
        continue; // cannot open either socket: the test above
      }
      Map<String, String> h = new LinkedHashMap<>(headers.get(caller));
      h.remove("X-CSRF-Token");
      h.putIfAbsent("Origin", server.url());
      try (WsClient ws =
          WsClient.open(server.url(), caller == Caller.KIOSK ? "/ws/kiosk" : "/ws/console", h)) {
        Map<String, MessageType> sent = new LinkedHashMap<>();
        int n = 0;
        for (MessageType type : MessageType.values()) {
          String id = "m" + (++n);
          sent.put(id, type);
          ws.sendRaw(frame(type, id));
        }
        awaitBarrier(ws, caller);
        Map<String, String> errors = new LinkedHashMap<>();
        ws.seen().stream()
            .filter(m -> m.path("type").asText().equals("error"))
            .forEach(
                m ->
                    errors.put(
                        m.path("payload").path("ref").asText(),
                        m.path("payload").path("code").asText()));
        sent.forEach(
            (id, type) -> {
              String code = errors.get(id);
              assertThat(code)
                  .as("the test's own %s frame must be valid", type.wireName())
                  .isNotEqualTo("invalid_payload");
              boolean refused = "forbidden".equals(code);
              boolean declared = SocketAccess.maySend(caller.principal, type);
              if (refused == declared) {
                surprises.add(
                    type.wireName()
                        + " from "
                        + caller
                        + ": declared "
                        + (declared ? "allowed" : "refused")
                        + " but "
                        + (refused ? "refused" : "taken"));
              }
            });
      }
    }
    assertThat(surprises).isEmpty();
  }

  /**
   * A reply that comes after everything the frames before it caused, including the call desk's own
   * answers (the desk handles a connection's messages in order, on one thread): a deterministic end
   * of "what did we get back".
   */
  private static void awaitBarrier(WsClient ws, Caller caller) {
    if (caller == Caller.KIOSK || ((Role) caller.principal).takesCalls()) {
      // Outside a call the desk answers a form answer with not_your_call, in turn behind everything
      // before it.
      String id = "barrier";
      ws.sendRaw(
          "{\"v\":1,\"type\":\"form.answer\",\"id\":\""
              + id
              + "\",\"payload\":{\"sessionId\":\"none\",\"field\":\"a\",\"value\":\"b\",\"final\":false}}");
      ws.await("error", p -> p.path("ref").asText().equals(id));
    } else {
      ws.sendRaw("{\"v\":1,\"type\":\"made.up\",\"id\":\"barrier\",\"payload\":{}}");
      ws.await("error", p -> p.path("ref").asText().equals("barrier"));
    }
  }

  private HttpResponse<String> call(RouteDeclarations.Route route, Caller caller) {
    String path = route.path().replace("{n}", "1").replaceAll("\\{[^}]+}", "no-such-id");
    boolean hasBody = !route.method().equals("GET") && !route.method().equals("HEAD");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                route.method(),
                hasBody
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody())
            .header("Content-Type", "application/json");
    headers
        .get(caller)
        .forEach(
            (k, v) -> {
              if (!k.equals("Origin")) {
                b.header(k, v);
              }
            });
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean refused(HttpResponse<String> r) {
    if (r.statusCode() != 401 && r.statusCode() != 403) {
      return false;
    }
    String error;
    try {
      error = JSON.readTree(r.body()).path("error").asText("");
    } catch (IOException e) {
      return false;
    }
    return r.statusCode() == 401 ? REFUSED_401.contains(error) : error.startsWith("Your role (");
  }

  // ---- a schema-valid payload for every message type, made from its JSON schema ----

  private static String frame(MessageType type, String id) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    root.put("type", type.wireName());
    root.put("id", id);
    root.set("payload", example(schema(type)));
    return root.toString();
  }

  private static JsonNode schema(MessageType type) {
    try (InputStream in =
        RouteRoleMatrixTest.class.getResourceAsStream(
            "/protocol/v1/" + type.wireName() + ".schema.json")) {
      if (in == null) {
        throw new IllegalStateException("No schema for " + type.wireName());
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode example(JsonNode schema) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    String type = typeOf(schema);
    switch (type) {
      case "object" -> {
        ObjectNode o = JSON.createObjectNode();
        Set<String> required = new java.util.LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (String choice : new String[] {"oneOf", "anyOf"}) {
          if (schema.has(choice)) {
            schema.get(choice).get(0).path("required").forEach(r -> required.add(r.asText()));
          }
        }
        for (String name : required) {
          o.set(name, example(schema.path("properties").path(name)));
        }
        return o;
      }
      case "array" -> {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
          a.add(example(schema.path("items")));
        }
        return a;
      }
      case "string" -> {
        return JSON.getNodeFactory()
            .textNode("a".repeat(Math.max(1, schema.path("minLength").asInt(1))));
      }
      case "integer", "number" -> {
        return JSON.getNodeFactory()
            .numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1L);
      }
      case "boolean" -> {
        return JSON.getNodeFactory().booleanNode(true);
      }
      default -> {
        return JSON.nullNode();
      }
    }
  }

  private static String typeOf(JsonNode schema) {
    JsonNode t = schema.path("type");
    if (t.isArray()) {
      for (JsonNode each : t) {
        if (!each.asText().equals("null")) {
          return each.asText();
        }
      }
      return "null";
    }
    return t.isTextual() ? t.asText() : (schema.has("properties") ? "object" : "null");
  }
}
