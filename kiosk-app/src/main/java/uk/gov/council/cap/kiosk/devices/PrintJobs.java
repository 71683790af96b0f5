package uk.gov.council.cap.kiosk.devices;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.printer.PaperSize;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * Prints what the server asks this kiosk to print: fetches that one document with the kiosk's
 * credentials, sends it to the kiosk's printer on the right paper, and reports the outcome (or the
 * printer's fault in plain words).
 */
public final class PrintJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrintJobs.class);
  private final KioskDevices devices;
  private final URI server;
  private final String authorization;
  private final ProtocolCodec codec;
  private final Consumer<String> toServer;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "printing");
            t.setDaemon(true);
            return t;
          });

  public PrintJobs(
      KioskDevices devices,
      URI server,
      String kioskId,
      String kioskSecret,
      ProtocolCodec codec,
      Consumer<String> toServer) {
    this.devices = devices;
    this.server = server;
    this.authorization = "Kiosk " + kioskId + ":" + kioskSecret;
    this.codec = codec;
    this.toServer = toServer;
  }

  public void observe(Envelope message) {
    if (message.type() != MessageType.PRINT_REQUESTED) return;
    JsonNode p = message.payload();
    String printId = p.path("printId").asText();
    PaperSize paper = "CR80".equals(p.path("paper").asText()) ? PaperSize.CR80 : PaperSize.A4;
    String title = p.path("title").asText("Council document");
    worker.execute(() -> print(printId, title, paper));
  }

  private void print(String printId, String title, PaperSize paper) {
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("printId", printId);
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(server.resolve("/api/kiosk/prints/" + printId + "/file"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", authorization)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200)
        throw new DeviceProblem(
            uk.gov.council.cap.devices.DeviceState.FAILED,
            "The document could not be fetched for printing.",
            null);
      String jobId = devices.printer().print(r.body(), title, paper);
      done.put("ok", true);
      done.put("jobId", jobId);
    } catch (DeviceProblem e) {
      done.put("ok", false);
      done.put("message", e.getMessage());
    } catch (Exception e) {
      LOG.warn("Printing failed", e);
      done.put("ok", false);
      done.put("message", "The document could not be printed. Try again.");
    }
    toServer.accept(codec.encode(MessageType.PRINT_DONE, done));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
