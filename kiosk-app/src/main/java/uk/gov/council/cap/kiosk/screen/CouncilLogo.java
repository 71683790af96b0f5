package uk.gov.council.cap.kiosk.screen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The council's logo (server setting {@code CAP_COUNCIL_LOGO}), fetched from the server with the
 * kiosk's credentials and served to the kiosk's own page from kiosk-app, so the page's CSP still
 * loads images from kiosk-app only. Fetched once the server's kiosk.config says there is one; the
 * page is told its address (with a version, so a new logo shows) only once it is here.
 */
public final class CouncilLogo {
  private static final Logger LOG = LoggerFactory.getLogger(CouncilLogo.class);
  private static final int MAX_BYTES = 512 * 1024;

  /** The logo's bytes and media type. */
  public record Image(byte[] bytes, String type) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI server;
  private final String authorization;
  private final AtomicBoolean fetching = new AtomicBoolean();
  private volatile Image image;
  private final Runnable onFetched;

  public CouncilLogo(URI server, String kioskId, String kioskSecret, Runnable onFetched) {
    this.server = server;
    this.authorization = "Kiosk " + kioskId + ":" + kioskSecret;
    this.onFetched = onFetched;
  }

  public Optional<Image> image() {
    return Optional.ofNullable(image);
  }

  /** Where the page loads it, or empty until it has been fetched. */
  public Optional<String> pageUrl() {
    Image i = image;
    return i == null
        ? Optional.empty()
        : Optional.of(
            "/council-logo?v=" + Integer.toHexString(java.util.Arrays.hashCode(i.bytes())));
  }

  /**
   * The server's kiosk.config said whether the council has a logo: fetch it once, in the
   * background.
   */
  public void wanted(boolean hasLogo) {
    if (!hasLogo) {
      image = null;
      return;
    }
    if (image != null || !fetching.compareAndSet(false, true)) {
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(server.resolve("/api/kiosk/council-logo"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .GET()
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, failure) -> {
              fetching.set(false);
              if (failure != null || response.statusCode() != 200) {
                LOG.warn(
                    "Could not fetch the council's logo: {}",
                    failure != null ? failure.toString() : "HTTP " + response.statusCode());
                return;
              }
              String type = response.headers().firstValue("Content-Type").orElse("");
              if (response.body().length > MAX_BYTES
                  || !(type.startsWith("image/png") || type.startsWith("image/jpeg"))) {
                LOG.warn("The council's logo was not a PNG or JPEG under 512 KB; not shown");
                return;
              }
              image =
                  new Image(
                      response.body(), type.startsWith("image/png") ? "image/png" : "image/jpeg");
              onFetched.run();
            });
  }
}
