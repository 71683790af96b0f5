package uk.gov.council.cap.kiosk.devices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import uk.gov.council.cap.kiosk.link.Backoff;

/**
 * Sends one captured page (or an ID photo's still) to the server ({@code PUT
 * /api/kiosk/scans/{id}/pages/{n}}, the kiosk's credentials, the page's SHA-256), retrying with
 * backoff until the server acknowledges it. The server stores a page once however often it is sent,
 * so a retry after a lost answer is safe. A refusal (4xx) is not retried: its words are returned.
 */
public final class PageUploader {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI server;
  private final String authorization;
  private final Duration giveUpAfter;

  public PageUploader(URI server, String kioskId, String kioskSecret, Duration giveUpAfter) {
    this.server = server;
    this.authorization = "Kiosk " + kioskId + ":" + kioskSecret;
    this.giveUpAfter = giveUpAfter;
  }

  /**
   * Thrown when the page cannot be sent: refused by the server, or the network stayed down too
   * long.
   */
  public static final class UploadFailed extends Exception {
    public UploadFailed(String message) {
      super(message);
    }
  }

  public void upload(String scanId, int pageNo, byte[] jpeg, int dpi)
      throws UploadFailed, InterruptedException {
    upload("/api/kiosk/scans/" + scanId + "/pages/" + pageNo, jpeg, dpi);
  }

  /** An ID photo's still, to {@code /api/kiosk/photos/{id}}. */
  public void uploadPhoto(String photoId, byte[] jpeg) throws UploadFailed, InterruptedException {
    upload("/api/kiosk/photos/" + photoId, jpeg, 72);
  }

  private void upload(String path, byte[] jpeg, int dpi) throws UploadFailed, InterruptedException {
    String sha256 = sha256(jpeg);
    HttpRequest request =
        HttpRequest.newBuilder(server.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", authorization)
            .header("Content-Type", "image/jpeg")
            .header("X-Content-SHA256", sha256)
            .header("X-Scan-DPI", String.valueOf(dpi))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg))
            .build();
    Backoff backoff = new Backoff();
    Instant deadline = Instant.now().plus(giveUpAfter);
    while (true) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200 || status == 201) return;
        if (status >= 400 && status < 500) throw new UploadFailed(errorOf(response.body()));
      } catch (IOException e) {
        // the network dropped: try again below
      }
      if (Instant.now().isAfter(deadline)) {
        throw new UploadFailed(
            "The pages could not be sent to the advisor. Check the kiosk's network, then scan again.");
      }
      Thread.sleep(backoff.nextDelay().toMillis());
    }
  }

  private static String errorOf(String body) {
    int at = body.indexOf("\"error\":\"");
    if (at < 0) return "The server refused the page.";
    int end = body.indexOf('"', at + 9);
    return end < 0 ? "The server refused the page." : body.substring(at + 9, end);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
