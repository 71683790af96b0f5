package uk.gov.council.cap.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A signed-in member of staff calling the REST API as the console page does (cookie + CSRF header).
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final java.util.Map<String, String> extraHeaders = new java.util.LinkedHashMap<>();
  private String cookie;
  private String csrf;

  public record Response(int status, JsonNode body, HttpResponse<String> raw) {}

  public Api(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static Api signedIn(String baseUrl, String username, String password) {
    Api api = new Api(baseUrl);
    Response r = api.signIn(username, password);
    if (r.status() != 200) {
      throw new AssertionError("Sign-in failed: " + r.status() + " " + r.body());
    }
    return api;
  }

  public Response signIn(String username, String password) {
    return signIn(username, password, null);
  }

  /** Signs in with the one-time code too ({@code null}: none sent), for a second factor. */
  public Response signIn(String username, String password, String code) {
    var body = JSON.createObjectNode().put("username", username).put("password", password);
    if (code != null) {
      body.put("code", code);
    }
    Response r = send("POST", "/api/session", body.toString());
    r.raw()
        .headers()
        .firstValue("Set-Cookie")
        .ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
    if (r.status() == 200) {
      csrf = r.body().path("csrfToken").asText();
    }
    return r;
  }

  public String cookie() {
    return cookie;
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, json(body));
  }

  /** A file the API serves (a PDF, say), as bytes. */
  public HttpResponse<byte[]> download(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response put(String path, Object body) {
    return send("PUT", path, json(body));
  }

  public Response withoutCsrf(String method, String path, Object body) {
    String saved = csrf;
    csrf = null;
    try {
      return send(method, path, json(body));
    } finally {
      csrf = saved;
    }
  }

  private static String json(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends this header on every request from now on (a kiosk's Authorization, say). */
  public Api withHeader(String name, String value) {
    extraHeaders.put(name, value);
    return this;
  }

  public Response send(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    extraHeaders.forEach(b::header);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
      return new Response(r.statusCode(), parsed, r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
