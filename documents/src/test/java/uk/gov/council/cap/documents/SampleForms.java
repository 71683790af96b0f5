package uk.gov.council.cap.documents;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import uk.gov.council.cap.documents.forms.FormRecord;

final class SampleForms {
  static final String CASE_REFERENCE = "CAP-4821-7730";

  private SampleForms() {}

  static FormRecord blueBadge() {
    return new FormRecord(
        "Central Bedfordshire Council",
        "blue-badge",
        3,
        "Apply for a Blue Badge",
        CASE_REFERENCE,
        List.of(
            new FormRecord.Answer("What is your full name?", "Margaret O'Neill"),
            new FormRecord.Answer("What is your date of birth?", "4 March 1941"),
            new FormRecord.Answer("What is your address?", "12 Church Street\nAmpthill\nMK45 2PL"),
            new FormRecord.Answer(
                "Tell us about your condition",
                "<script>alert('x')</script> I can't walk far — café £5 🚌"),
            new FormRecord.Answer("Anything else?", "word ".repeat(400).trim())),
        "Margaret O'Neill",
        Instant.parse("2026-11-22T14:05:00Z"),
        squiggle());
  }

  static BufferedImage squiggle() {
    BufferedImage image = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 200);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(4));
    g.drawLine(40, 150, 200, 40);
    g.drawLine(200, 40, 320, 160);
    g.drawLine(320, 160, 560, 60);
    g.dispose();
    return image;
  }
}
