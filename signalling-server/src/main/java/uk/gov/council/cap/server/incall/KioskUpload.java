package uk.gov.council.cap.server.incall;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.web.BodyLimit;

/**
 * A picture a kiosk sends over HTTP during a call (a scanned page, an ID photo): the kiosk by its
 * own credentials, the body read no further than the image limit. Checking the picture is the
 * capability's part ({@link JpegUpload#check}).
 */
public final class KioskUpload {
  private final KioskRepository kiosks;
  private final JpegUpload images;

  public KioskUpload(KioskRepository kiosks, JpegUpload images) {
    this.kiosks = kiosks;
    this.images = images;
  }

  /** The kiosk sending, or 401. */
  public Kiosk kiosk(Context ctx) {
    return kiosks
        .fromAuthorizationHeader(ctx.header("Authorization"))
        .orElseThrow(() -> new InCallProblem(401, "Kiosk credentials were not accepted."));
  }

  /** The body, refused (413) once it is larger than a picture may be. */
  public byte[] body(Context ctx) throws IOException {
    BodyLimit.allow(ctx, images.maxBytes());
    try (InputStream in = ctx.bodyInputStream()) {
      return images.read(in, ctx.contentLength());
    }
  }
}
