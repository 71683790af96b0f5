package uk.gov.council.cap.server.photos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.HeapPeak;
import uk.gov.council.cap.server.testing.TestImages;
import uk.gov.council.cap.server.testing.TestJpegs;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * An ID photo in a call: the still uploaded by the kiosk, a retake, approval, the 35:45 crop and
 * the badge.
 */
class PhotosInCallTest {
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
  void aPhotoIsTakenRetakenApprovedCroppedTo35By45AndMadeIntoABadgeWhoseCodeScansToTheIdNumber()
      throws Exception {
    String photoId =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/photos", Map.of())
            .body()
            .path("photoId")
            .asText();
    assertThat(call.kioskSocket().await("photo.requested").path("guideHeight").asDouble())
        .isEqualTo(0.8);

    byte[] first = TestImages.jpeg(1280, 720, java.awt.Color.LIGHT_GRAY);
    assertThat(upload(photoId, first).statusCode()).isEqualTo(201);
    JsonNode captured =
        call.advisor().await("photo.updated", p -> p.path("status").asText().equals("CAPTURED"));
    assertThat(captured.path("width").asInt()).isEqualTo(1280);
    assertThat(call.advisorApi().download(captured.path("stillUrl").asText()).body())
        .isEqualTo(first);

    assertThat(call.advisorApi().post("/api/photos/" + photoId + "/retake", Map.of()).status())
        .isEqualTo(200);
    call.kioskSocket().await("photo.requested");
    byte[] second = TestImages.jpeg(1280, 720, java.awt.Color.WHITE);
    assertThat(upload(photoId, second).statusCode()).isEqualTo(201);

    Api.Response noName = call.advisorApi().post("/api/photos/" + photoId + "/approve", Map.of());
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body().path("error").asText())
        .isEqualTo("Enter the name to print on the badge, or link the customer first.");
    Api.Response approved =
        call.advisorApi()
            .post("/api/photos/" + photoId + "/approve", Map.of("holderName", "Margaret O'Neill"));
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    String idNumber = approved.body().path("idNumber").asText();
    assertThat(idNumber).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");

    BufferedImage photo =
        ImageIO.read(
            new ByteArrayInputStream(
                call.advisorApi()
                    .download(
                        "/api/documents/"
                            + approved.body().path("photoDocumentId").asText()
                            + "/file")
                    .body()));
    assertThat(photo.getHeight()).isEqualTo(576);
    assertThat(photo.getWidth()).isEqualTo(448); // 576 × 35 / 45

    byte[] badge =
        call.advisorApi()
            .download(
                "/api/documents/" + approved.body().path("badgeDocumentId").asText() + "/file")
            .body();
    try (PDDocument doc = Loader.loadPDF(badge)) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains("Test Council", "Margaret O'Neill", "ID " + idNumber, "Expires ");
      BufferedImage card = new PDFRenderer(doc).renderImageWithDPI(0, 600);
      BufferedImage corner =
          card.getSubimage(
              card.getWidth() / 2,
              card.getHeight() / 3,
              card.getWidth() / 2,
              card.getHeight() * 2 / 3);
      assertThat(
              new QRCodeReader()
                  .decode(
                      new BinaryBitmap(
                          new HybridBinarizer(new BufferedImageLuminanceSource(corner))))
                  .getText())
          .isEqualTo(idNumber);
    }
    assertThat(
            call.advisorApi().get("/api/cases/" + call.caseId() + "/documents").body().toString())
        .contains("\"kind\":\"photo\"", "\"kind\":\"badge\"");
  }

  @Test
  void aCorruptOrWrongTypeStillIsRefusedAndTheCallEndingForgetsAnUnapprovedPhoto()
      throws Exception {
    String photoId =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/photos", Map.of())
            .body()
            .path("photoId")
            .asText();
    byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    HttpResponse<String> wrongType = upload(photoId, png);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(wrongType.body()).contains("A photo must be a JPEG image.");
    assertThat(upload(photoId, TestImages.jpeg(640, 480, java.awt.Color.WHITE)).statusCode())
        .isEqualTo(201);
    call.kioskSocket().send("call.hangup", Map.of("callId", call.callId()));
    assertThat(
            call.advisor()
                .await("photo.updated", p -> p.path("status").asText().equals("CANCELLED"))
                .has("stillUrl"))
        .isFalse();
    assertThat(call.advisorApi().get("/api/cases/" + call.caseId() + "/documents").body())
        .isEmpty();
  }

  @Test
  void aTinyJpegDeclaringHugeDimensionsIsRefusedFromItsHeaderWithoutDecoding() throws Exception {
    String photoId =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/photos", Map.of())
            .body()
            .path("photoId")
            .asText();
    byte[] bomb = TestJpegs.declaring(26_000, 26_000);
    assertThat(bomb.length).isLessThan(2_000);

    HeapPeak heap = HeapPeak.start();
    HttpResponse<String> refused = upload(photoId, bomb);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.body())
        .contains(
            "The photo is too large (26000 x 26000 pixels; at most 12000 pixels a side"
                + " and 40 megapixels). Take it again at a lower resolution.");
    // Decoding it would take about 2 GB (26000 x 26000 x 3 bytes).
    assertThat(heap.rise()).as("heap rise while refusing the image").isLessThan(100L << 20);

    // Within the side limit but over the pixel limit: refused the same way.
    assertThat(upload(photoId, TestJpegs.declaring(11_000, 11_000)).body())
        .contains("11000 x 11000 pixels");
    // The photo still waits for a good still.
    assertThat(upload(photoId, TestImages.jpeg(640, 480, java.awt.Color.WHITE)).statusCode())
        .isEqualTo(201);
  }

  private HttpResponse<String> upload(String photoId, byte[] jpeg) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/api/kiosk/photos/" + photoId))
            .header(
                "Authorization", "Kiosk " + call.kiosk().kiosk().id() + ":" + call.kiosk().secret())
            .header("X-Content-SHA256", Digests.sha256Hex(jpeg))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
