package uk.gov.council.cap.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A member of staff calling the REST API as the console page does: signed in with a session cookie,
 * the CSRF token on every change. Network failures are thrown as {@link IOException}, so a test can
 * tell "the server said no" from "the server was not there".
 */
final class StaffApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private String cookie;
  private String csrf;

  record Response(int status, JsonNode body) {}

  private StaffApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static StaffApi signIn(String baseUrl, String username, String password) {
    StaffApi api = new StaffApi(baseUrl);
    try {
      HttpResponse<String> r =
          api.http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.createObjectNode()
                              .put("username", username)
                              .put("password", password)
                              .toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("Sign-in failed: " + r.statusCode() + " " + r.body());
      }
      String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
      api.cookie = setCookie.substring(0, setCookie.indexOf(';'));
      api.csrf = JSON.readTree(r.body()).path("csrfToken").asText();
      return api;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  /** {@code name=value}, for a console WebSocket. */
  String cookie() {
    return cookie;
  }

  Response get(String path) throws IOException {
    return send("GET", path, null);
  }

  Response post(String path, Object body) throws IOException {
    return send("POST", path, body);
  }

  /** The bytes of a file the API serves (a case document, say); empty unless it answers 200. */
  byte[] download(String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Cookie", cookie)
            .GET()
            .build();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? r.body() : new byte[0];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** GET that must answer 200. */
  JsonNode read(String path) {
    try {
      Response r = get(path);
      if (r.status() != 200) {
        throw new AssertionError("GET " + path + " answered " + r.status() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** POST that must answer 200 or 201. */
  JsonNode act(String path, Object body) {
    try {
      Response r = post(path, body);
      if (r.status() != 200 && r.status() != 201) {
        throw new AssertionError("POST " + path + " answered " + r.status() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Response send(String method, String path, Object body) throws IOException {
    String text =
        body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text))
            .header("Content-Type", "application/json")
            .header("Cookie", cookie);
    if (!method.equals("GET")) {
      b.header("X-CSRF-Token", csrf);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(), r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
