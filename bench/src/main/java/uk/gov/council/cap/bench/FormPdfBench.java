package uk.gov.council.cap.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uk.gov.council.cap.documents.forms.FormRecord;
import uk.gov.council.cap.documents.forms.FormRecordPdf;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.documents.seal.SealKeystore;

/**
 * Benchmark 3: producing one sealed form record (compose the PDF/A-2b, then PAdES B-B seal), as the
 * server does when a resident signs; and throughput with 8 at once. Storage and the database write
 * are not included.
 */
final class FormPdfBench {
  static final int WARM_UP = 30;
  static final int SAMPLES = 200;
  static final int PARALLEL = 8;
  static final int PARALLEL_TOTAL = 400;

  record Result(
      Stats compose,
      Stats composeAndSeal,
      long[] sortedSizes,
      double perSecondParallel,
      double perSecondSerial) {}

  Result run() throws Exception {
    Path dir = Files.createTempDirectory("cap-bench-seal");
    SealKeystore keystore = new SealKeystore(dir.resolve("seal.p12"), "bench".toCharArray());
    keystore.generateSelfSigned("Bench Council");
    try (CouncilSeal seal = new CouncilSeal(keystore, Optional.empty(), "Bench Council")) {
      FormRecord record = sampleRecord();
      for (int i = 0; i < WARM_UP; i++)
        seal.seal(FormRecordPdf.compose(record), "bench", Instant.now());

      List<Long> compose = new ArrayList<>();
      List<Long> total = new ArrayList<>();
      long[] sizes = new long[SAMPLES];
      long serialStart = System.nanoTime();
      for (int i = 0; i < SAMPLES; i++) {
        long t0 = System.nanoTime();
        byte[] pdf = FormRecordPdf.compose(record);
        long t1 = System.nanoTime();
        byte[] sealed = seal.seal(pdf, "bench", Instant.now());
        long t2 = System.nanoTime();
        compose.add(t1 - t0);
        total.add(t2 - t0);
        sizes[i] = sealed.length;
      }
      double serialPerSecond = SAMPLES / ((System.nanoTime() - serialStart) / 1e9);
      Arrays.sort(sizes);

      ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
      long start = System.nanoTime();
      List<Future<byte[]>> futures = new ArrayList<>();
      for (int i = 0; i < PARALLEL_TOTAL; i++) {
        futures.add(
            pool.submit(() -> seal.seal(FormRecordPdf.compose(record), "bench", Instant.now())));
      }
      for (Future<byte[]> f : futures) f.get();
      double perSecond = PARALLEL_TOTAL / ((System.nanoTime() - start) / 1e9);
      pool.shutdown();
      return new Result(
          Stats.of("compose PDF/A-2b only", compose),
          Stats.of("compose + PAdES B-B seal", total),
          sizes,
          perSecond,
          serialPerSecond);
    }
  }

  /** A Blue Badge record of typical size: ten answers, one long, and a drawn signature. */
  static FormRecord sampleRecord() {
    List<FormRecord.Answer> answers = new ArrayList<>();
    answers.add(new FormRecord.Answer("What is your full name?", "Margaret O'Neill"));
    answers.add(new FormRecord.Answer("What is your date of birth?", "4 March 1941"));
    answers.add(new FormRecord.Answer("What is your address?", "12 Church Street\nAmpthill"));
    answers.add(new FormRecord.Answer("What is your postcode?", "MK45 2PL"));
    answers.add(new FormRecord.Answer("What is your National Insurance number?", "QQ 12 34 56 C"));
    answers.add(
        new FormRecord.Answer(
            "Why are you applying for a Blue Badge?", "I find walking very difficult"));
    answers.add(
        new FormRecord.Answer(
            "How far can you walk without stopping?", "Between 50 and 80 metres"));
    answers.add(
        new FormRecord.Answer(
            "Tell us about your condition",
            String.join(" ", Collections.nCopies(60, "Arthritis in both knees."))));
    answers.add(new FormRecord.Answer("What is your phone number? (optional)", "01632 960 001"));
    answers.add(
        new FormRecord.Answer("What is your email address? (optional)", "margaret@example.com"));
    BufferedImage signature = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = signature.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 200);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(3));
    for (int x = 40; x < 560; x += 8)
      g.drawLine(
          x,
          100 + (int) (40 * Math.sin(x / 30.0)),
          x + 8,
          100 + (int) (40 * Math.sin((x + 8) / 30.0)));
    g.dispose();
    return new FormRecord(
        "Central Bedfordshire Council",
        "blue-badge",
        1,
        "Apply for a Blue Badge",
        "CAP-4821-7730",
        answers,
        "Margaret O'Neill",
        Instant.parse("2026-11-22T14:05:00Z"),
        signature);
  }
}
