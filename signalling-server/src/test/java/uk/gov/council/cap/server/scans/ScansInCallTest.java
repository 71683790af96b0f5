package uk.gov.council.cap.server.scans;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestImages;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * A document scanned in a call: pages uploaded by the kiosk, checked, reviewed by the advisor, kept
 * as one PDF.
 */
class ScansInCallTest {
  private TestServer server;
  private ConnectedCall call;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void aConnectedCall() {
    server = new TestServer();
    call = ConnectedCall.start(server, "alex");
  }

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void aTwoPageProofOfAddressIsUploadedReviewedRotatedAndKeptAsOnePdfWithTheJpegsUntouched()
      throws Exception {
    String scanId = requestScan("PROOF_OF_ADDRESS", "FEEDER");
    JsonNode asked = call.kioskSocket().await("scan.requested");
    assertThat(asked.path("typeText").asText()).isEqualTo("Proof of address");
    assertThat(asked.path("source").asText()).isEqualTo("FEEDER");

    byte[] page1 = TestImages.jpeg(1240, 1754, new Color(250, 250, 240)); // A4 at 150 dpi
    byte[] page2 = TestImages.jpeg(1240, 1754, new Color(235, 245, 255));
    assertThat(upload(call.kiosk(), scanId, 1, page1, Digests.sha256Hex(page1)).statusCode())
        .isEqualTo(201);
    assertThat(upload(call.kiosk(), scanId, 2, page2, Digests.sha256Hex(page2)).statusCode())
        .isEqualTo(201);
    // A retry after a lost answer is acknowledged, not stored twice.
    assertThat(upload(call.kiosk(), scanId, 2, page2, Digests.sha256Hex(page2)).statusCode())
        .isEqualTo(201);
    call.kioskSocket().send("scan.captured", Map.of("scanId", scanId, "pages", 2));

    JsonNode captured =
        call.advisor().await("scan.updated", p -> p.path("status").asText().equals("CAPTURED"));
    assertThat(captured.path("pages")).hasSize(2);
    assertThat(captured.path("pages").get(0).path("width").asInt()).isEqualTo(1240);
    byte[] seen =
        call.advisorApi().download(captured.path("pages").get(1).path("url").asText()).body();
    assertThat(seen).isEqualTo(page2);

    Api.Response rotated =
        call.advisorApi().post("/api/scans/" + scanId + "/pages/2/rotate", Map.of("degrees", 90));
    assertThat(rotated.body().path("pages").get(1).path("rotation").asInt()).isEqualTo(90);

    Api.Response accepted = call.advisorApi().post("/api/scans/" + scanId + "/accept", Map.of());
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
    assertThat(accepted.body().path("title").asText()).isEqualTo("Proof of address (2 pages)");
    byte[] pdf =
        call.advisorApi()
            .download("/api/documents/" + accepted.body().path("documentId").asText() + "/file")
            .body();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(imageBytes(doc.getPage(0))).isEqualTo(page1);
      assertThat(imageBytes(doc.getPage(1))).isEqualTo(page2);
      assertThat(doc.getPage(1).getRotation()).isEqualTo(90);
    }
    JsonNode docs = call.advisorApi().get("/api/cases/" + call.caseId() + "/documents").body();
    assertThat(docs.toString()).contains("\"kind\":\"scan\"", "Proof of address (2 pages)");
    assertThat(
            call.advisor()
                .await("scan.updated", p -> p.path("status").asText().equals("ACCEPTED"))
                .path("documentId")
                .asText())
        .isEqualTo(accepted.body().path("documentId").asText());
  }

  @Test
  void badUploadsAreRefusedWithAClearReasonAndNothingIsStored() throws Exception {
    String scanId = requestScan("PROOF_OF_IDENTITY", "FLATBED");
    byte[] page = TestImages.jpeg(800, 600, Color.WHITE);
    HttpResponse<String> wrongSum = upload(call.kiosk(), scanId, 1, page, "0".repeat(64));
    assertThat(wrongSum.statusCode()).isEqualTo(400);
    assertThat(wrongSum.body())
        .contains("The page did not arrive whole (checksum mismatch). Send it again.");
    byte[] pdfNotImage = "%PDF-1.7 not a picture".getBytes();
    assertThat(upload(call.kiosk(), scanId, 1, pdfNotImage, Digests.sha256Hex(pdfNotImage)).body())
        .contains("A page must be a JPEG image.");
    byte[] corrupt = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5};
    HttpResponse<String> broken =
        upload(call.kiosk(), scanId, 1, corrupt, Digests.sha256Hex(corrupt));
    assertThat(broken.statusCode()).isEqualTo(422);
    assertThat(broken.body()).contains("The page is not a readable image. Scan it again.");

    KioskRepository.Enrolled other =
        server.kiosk(
            "Another kiosk", server.openSite("Other Library", List.of("general"), List.of()));
    assertThat(upload(other, scanId, 1, page, Digests.sha256Hex(page)).statusCode()).isEqualTo(403);
    HttpResponse<String> noCredentials =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/kiosk/scans/" + scanId + "/pages/1"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(page))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noCredentials.statusCode()).isEqualTo(401);

    assertThat(call.advisorApi().get("/api/scans/" + scanId).body().path("pages")).isEmpty();
    assertThat(
            call.advisorApi()
                .post("/api/scans/" + scanId + "/accept", Map.of())
                .body()
                .path("error")
                .asText())
        .isEqualTo("There are no pages to keep. Scan the document first.");
  }

  @Test
  void aLargePageOfSeveralMegabytesIsAccepted() throws Exception {
    String scanId = requestScan("OTHER", "FLATBED");
    byte[] big = noisyJpeg(2480, 3508); // A4 at 300 dpi, several MB
    assertThat(big.length).isGreaterThan(1_500_000);
    HttpResponse<String> r = upload(call.kiosk(), scanId, 1, big, Digests.sha256Hex(big));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void aDeviceFaultIsShownToTheAdvisorAndTheCallEndingDiscardsTheUnkeptPages() throws Exception {
    String scanId = requestScan("PROOF_OF_ADDRESS", "FEEDER");
    call.kioskSocket()
        .send(
            "scan.failed",
            Map.of(
                "scanId",
                scanId,
                "state",
                "PAPER_JAM",
                "message",
                "The paper is stuck in the scanner. Nothing was saved."));
    assertThat(call.advisor().await("scan.updated").path("message").asText())
        .isEqualTo("The paper is stuck in the scanner. Nothing was saved.");
    byte[] page = TestImages.jpeg(800, 600, Color.WHITE);
    upload(call.kiosk(), scanId, 1, page, Digests.sha256Hex(page));
    call.kioskSocket().send("call.hangup", Map.of("callId", call.callId()));
    JsonNode cancelled =
        call.advisor().await("scan.updated", p -> p.path("status").asText().equals("CANCELLED"));
    assertThat(cancelled.path("pages")).isEmpty();
    assertThat(cancelled.path("message").asText())
        .isEqualTo("The call ended before the scan was kept.");
    assertThat(call.advisorApi().get("/api/cases/" + call.caseId() + "/documents").body())
        .isEmpty();
  }

  private String requestScan(String type, String source) {
    Api.Response r =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/scans", Map.of("type", type, "source", source));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.body().path("scanId").asText();
  }

  private HttpResponse<String> upload(
      KioskRepository.Enrolled kiosk, String scanId, int pageNo, byte[] body, String sha)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(server.url() + "/api/kiosk/scans/" + scanId + "/pages/" + pageNo))
            .header("Authorization", "Kiosk " + kiosk.kiosk().id() + ":" + kiosk.secret())
            .header("X-Content-SHA256", sha)
            .header("X-Scan-DPI", "150")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] noisyJpeg(int w, int h) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(1);
    for (int y = 0; y < h; y += 2)
      for (int x = 0; x < w; x += 2) image.setRGB(x, y, random.nextInt());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  private static byte[] imageBytes(PDPage page) throws Exception {
    for (COSName name : page.getResources().getXObjectNames()) {
      if (page.getResources().isImageXObject(name)) {
        try (InputStream raw =
            page.getResources().getXObject(name).getCOSObject().createRawInputStream()) {
          return raw.readAllBytes();
        }
      }
    }
    throw new AssertionError("No image");
  }
}
