package uk.gov.council.cap.kiosk.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * Carries out a technician's command from the fleet page: restart, or a screenshot uploaded to the
 * server.
 */
public final class KioskCommands implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KioskCommands.class);
  private final URI server;
  private final String authorization;
  private final ProtocolCodec codec;
  private final Consumer<String> toServer;
  private final Supplier<ScreenAccess> screen;
  private final Runnable restart;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "kiosk-commands");
            t.setDaemon(true);
            return t;
          });

  public KioskCommands(
      URI server,
      String kioskId,
      String kioskSecret,
      ProtocolCodec codec,
      Consumer<String> toServer,
      Supplier<ScreenAccess> screen,
      Runnable restart) {
    this.server = server;
    this.authorization = "Kiosk " + kioskId + ":" + kioskSecret;
    this.codec = codec;
    this.toServer = toServer;
    this.screen = screen;
    this.restart = restart;
  }

  public void observe(Envelope message) {
    if (message.type() != MessageType.KIOSK_COMMAND) {
      return;
    }
    String id = message.payload().path("commandId").asText();
    String command = message.payload().path("command").asText();
    worker.execute(
        () -> {
          switch (command) {
            case "restart" -> {
              LOG.info("Restart asked for from the fleet page");
              done(id, true, "Restarting");
              restart.run();
            }
            case "screenshot" -> screenshot(id);
            default -> done(id, false, "This kiosk does not know the command " + command);
          }
        });
  }

  private void screenshot(String id) {
    try {
      byte[] png = screen.get().screenshot();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(server.resolve("/api/kiosk/screenshots/" + id))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", authorization)
                  .header("Content-Type", "image/png")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(png))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        done(id, false, "The server did not take the screenshot (" + r.statusCode() + ").");
        return;
      }
      done(id, true, "Screenshot sent");
    } catch (UnsupportedOperationException e) {
      done(id, false, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Screenshot failed", e);
      done(id, false, "The screenshot could not be taken: " + e.getMessage());
    }
  }

  private void done(String id, boolean ok, String message) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("commandId", id);
    p.put("ok", ok);
    p.put("message", message.length() > 500 ? message.substring(0, 500) : message);
    toServer.accept(codec.encode(MessageType.KIOSK_COMMAND_DONE, p));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
