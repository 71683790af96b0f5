package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * The resident's signature as drawn: strokes of points with pressure and time, on a canvas of known
 * size. The strokes themselves are kept as evidence; the image on the PDF is drawn from them here,
 * not taken from the kiosk.
 */
final class SignatureStrokes {
  static final int IMAGE_WIDTH = 600;

  private final double width;
  private final double height;
  private final JsonNode strokes;

  private SignatureStrokes(double width, double height, JsonNode strokes) {
    this.width = width;
    this.height = height;
    this.strokes = strokes;
  }

  /** Reads a validated form.sign payload; refuses a signature that has nothing drawn. */
  static SignatureStrokes from(JsonNode payload) {
    SignatureStrokes s =
        new SignatureStrokes(
            payload.get("width").asDouble(),
            payload.get("height").asDouble(),
            payload.get("strokes"));
    if (s.pointCount() < 2)
      throw new IllegalArgumentException("Sign your name in the box before you confirm");
    return s;
  }

  int pointCount() {
    int n = 0;
    for (JsonNode stroke : strokes) n += stroke.size();
    return n;
  }

  /**
   * Black ink on white, line width following the pen pressure, scaled to {@value #IMAGE_WIDTH} px
   * wide.
   */
  BufferedImage render() {
    double scale = IMAGE_WIDTH / width;
    int imageHeight = (int) Math.max(40, Math.min(400, Math.round(height * scale)));
    BufferedImage image = new BufferedImage(IMAGE_WIDTH, imageHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, IMAGE_WIDTH, imageHeight);
    g.setColor(new Color(0x0b0c0c));
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (JsonNode stroke : strokes) {
      if (stroke.isEmpty()) continue;
      double pressure = 0;
      Path2D path = new Path2D.Double();
      for (int i = 0; i < stroke.size(); i++) {
        JsonNode p = stroke.get(i);
        double x = clamp(p.get("x").asDouble(), width) * scale;
        double y = clamp(p.get("y").asDouble(), height) * scale;
        if (i == 0) path.moveTo(x, y);
        else path.lineTo(x, y);
        pressure += p.has("pressure") ? p.get("pressure").asDouble() : 0.5;
      }
      if (stroke.size() == 1)
        path.lineTo(
            clamp(stroke.get(0).get("x").asDouble(), width) * scale + 0.5,
            clamp(stroke.get(0).get("y").asDouble(), height) * scale);
      float lineWidth = (float) (2 + 3 * (pressure / stroke.size()));
      g.setStroke(new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(path);
    }
    g.dispose();
    return image;
  }

  String asPngDataUrl() {
    try {
      java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(render(), "png", png);
      return "data:image/png;base64,"
          + java.util.Base64.getEncoder().encodeToString(png.toByteArray());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("PNG encoding to memory cannot fail", e);
    }
  }

  private static double clamp(double v, double max) {
    return Math.max(0, Math.min(max, v));
  }
}
