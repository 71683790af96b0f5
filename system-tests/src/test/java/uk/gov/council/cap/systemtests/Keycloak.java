package uk.gov.council.cap.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A real Keycloak, the distribution Maven unpacked into {@code target/keycloak}, started in dev
 * mode with the test realm ({@code keycloak/cap-realm.json}) imported into an in-memory database,
 * so every run starts from the same realm. Keycloak needs a newer Java than the build's: {@code
 * CAP_TEST_KEYCLOAK_JAVA_HOME}, by default the JDK 25 these machines have beside the default one.
 */
final class Keycloak implements AutoCloseable {
  static final String REALM = "cap";
  static final String CLIENT_ID = "cap";
  static final String CLIENT_SECRET = "cap-client-secret";
  private static final String ADMIN = "kc-admin";
  private static final String ADMIN_PASSWORD = "kc-admin-password";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts Keycloak, trusting {@code redirectUri} for the {@code cap} client. */
  Keycloak(String redirectUri) throws IOException {
    Path home = distribution();
    Path java = javaHome();
    port = freePort();
    Path imports = home.resolve("data/import");
    Files.createDirectories(imports);
    try (InputStream in = Keycloak.class.getResourceAsStream("/keycloak/cap-realm.json")) {
      String realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(
          imports.resolve("cap-realm.json"), realm.replace("@REDIRECT_URI@", redirectUri));
    }
    log = Files.createTempFile("keycloak", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            home.resolve("bin/kc.sh").toString(),
            "start-dev",
            "--http-port=" + port,
            "--http-host=127.0.0.1",
            "--db=dev-mem",
            "--import-realm",
            "--health-enabled=false",
            "--metrics-enabled=false");
    pb.environment().put("JAVA_HOME", java.toString());
    pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
    pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // A modest heap: two cores and other JVMs share this machine.
    pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    // Quarkus asks for this on Java 24 and later; without it Keycloak's stop prints stack traces.
    pb.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    process = pb.start();
    try {
      Await.until(
          "Keycloak's cap realm to answer (log: " + log + ")",
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError("Keycloak stopped; its log: " + tail());
            }
            return realmAnswers();
          },
          Duration.ofMinutes(4));
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  String issuer() {
    return "http://127.0.0.1:" + port + "/realms/" + REALM;
  }

  private boolean realmAnswers() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Takes {@code username} out of {@code group}, as the council's directory does for a leaver. */
  void removeFromGroup(String username, String group) throws Exception {
    String token = adminToken();
    String admin = "http://127.0.0.1:" + port + "/admin/realms/" + REALM;
    String userId =
        adminGet(token, admin + "/users?exact=true&username=" + encode(username))
            .get(0)
            .path("id")
            .asText();
    String groupId = null;
    for (JsonNode g : adminGet(token, admin + "/groups?search=" + encode(group))) {
      if (g.path("name").asText().equals(group)) {
        groupId = g.path("id").asText();
      }
    }
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(admin + "/users/" + userId + "/groups/" + groupId))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 204) {
      throw new AssertionError(
          "Keycloak did not take " + username + " out of " + group + ": " + r.body());
    }
  }

  private String adminToken() throws Exception {
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + encode(ADMIN)
            + "&password="
            + encode(ADMIN_PASSWORD);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("access_token").asText();
  }

  private JsonNode adminGet(String token, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String tail() {
    try {
      String all = Files.readString(log);
      return all.substring(Math.max(0, all.length() - 4000));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** The unpacked distribution; Maven's generate-test-resources phase puts it there. */
  private static Path distribution() throws IOException {
    Path unpacked = Path.of("target/keycloak");
    if (Files.isDirectory(unpacked)) {
      try (Stream<Path> dirs = Files.list(unpacked)) {
        var found = dirs.filter(d -> Files.isExecutable(d.resolve("bin/kc.sh"))).findFirst();
        if (found.isPresent()) {
          return found.get().toAbsolutePath();
        }
      }
    }
    throw new IllegalStateException(
        "Keycloak is not unpacked in system-tests/target/keycloak: run the tests through Maven"
            + " (its generate-test-resources phase unpacks org.keycloak:keycloak-quarkus-dist)");
  }

  private static Path javaHome() {
    String setting = System.getenv("CAP_TEST_KEYCLOAK_JAVA_HOME");
    Path home =
        Path.of(
            setting == null || setting.isBlank() ? "/usr/lib/jvm/temurin-25-jdk-amd64" : setting);
    if (!Files.isExecutable(home.resolve("bin/java"))) {
      throw new IllegalStateException(
          "Keycloak needs Java 21 or later, looked for at "
              + home
              + ": set CAP_TEST_KEYCLOAK_JAVA_HOME to a JDK 21+ home");
    }
    return home;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    // kc.sh starts Java as its child: stop the whole tree, then wait so the port is free again.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    } catch (Exception e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
