package uk.gov.council.cap.documents.pdf;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Draws QR codes as vector squares, so they stay sharp at any print size and add no image to the
 * file.
 */
public final class QrCodes {
  /** ISO/IEC 18004 asks for a quiet zone four modules wide. */
  public static final int QUIET_ZONE_MODULES = 4;

  private QrCodes() {}

  public static BitMatrix encode(String text) {
    try {
      return new QRCodeWriter()
          .encode(
              text,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  QUIET_ZONE_MODULES,
                  EncodeHintType.CHARACTER_SET,
                  "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("Text too long for a QR code", e);
    }
  }

  /** Draws the code (with its quiet zone, left white) with its lower-left corner at (x, y). */
  public static void draw(PDPageContentStream content, String text, float x, float y, float size)
      throws IOException {
    BitMatrix matrix = encode(text);
    float module = size / matrix.getWidth();
    content.setNonStrokingColor(1f, 1f, 1f);
    content.addRect(x, y, size, size);
    content.fill();
    content.setNonStrokingColor(0f, 0f, 0f);
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int col = 0; col < matrix.getWidth(); col++) {
        if (matrix.get(col, row)) {
          content.addRect(x + col * module, y + size - (row + 1) * module, module, module);
        }
      }
    }
    content.fill();
  }
}
