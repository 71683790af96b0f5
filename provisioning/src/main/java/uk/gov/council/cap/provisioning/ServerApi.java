package uk.gov.council.cap.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The few server calls the tool makes, each failure turned into words a technician can act on. */
public final class ServerApi {
  private final URI server;
  private final String authorization;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public record Reply(int status, JsonNode body) {
    public String error() {
      return body.path("error").asText("The server answered " + status + ".");
    }
  }

  public ServerApi(URI server, String kioskId, String kioskSecret) {
    this.server = server;
    this.authorization = kioskId == null ? null : "Kiosk " + kioskId + ":" + kioskSecret;
  }

  public URI server() {
    return server;
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(server.resolve(path)).GET());
  }

  public Reply post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(server.resolve(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Reply send(HttpRequest.Builder b) {
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r =
          http.send(
              b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isBlank() ? json.createObjectNode() : parse(r.body());
      return new Reply(r.statusCode(), body);
    } catch (ConnectException e) {
      throw new ProvisioningMain.Problem(
          "Cannot connect to the server at "
              + server
              + ". Check the address, and that"
              + " this kiosk's network can reach it (a proxy or firewall may be in the way).");
    } catch (HttpTimeoutException e) {
      throw new ProvisioningMain.Problem(
          "The server at " + server + " did not answer in time. Check the network.");
    } catch (IOException e) {
      throw new ProvisioningMain.Problem(
          "Could not talk to the server at "
              + server
              + ": "
              + e.getMessage()
              + ". If it uses HTTPS, check this kiosk's clock and that the server's certificate is trusted.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningMain.Problem("Interrupted.");
    }
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new ProvisioningMain.Problem(
          "The address "
              + server
              + " answered, but not as a Customer Access Point"
              + " server. Check the address.");
    }
  }
}
