package uk.gov.council.cap.bench;

import java.util.List;

/**
 * Runs the benchmarks and prints the figures recorded in docs/benchmarks.md. {@code routing},
 * {@code media}, {@code forms}, {@code payments}, {@code scans}, {@code fleet}, {@code writes},
 * {@code signin} or {@code wrapup} runs one benchmark; no argument runs them all. {@code check-pdf
 * <file>} is not a benchmark: it checks a downloaded PDF with veraPDF and DSS.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "all";
    if (which.equals("check-pdf")) {
      if (args.length < 2) {
        System.err.println("Say which file: check-pdf <file.pdf>");
        System.exit(2);
      }
      System.exit(CheckPdf.run(java.nio.file.Path.of(args[1])));
    }
    System.out.println("Machine: " + Machine.describe());
    if (which.equals("all") || which.equals("routing")) {
      List<Stats> s = new RoutingLatencyBench().run();
      Stats routing = s.get(0);
      Stats echo = s.get(1);
      System.out.println();
      System.out.println("Benchmark 1: routing latency");
      System.out.println(routing.line());
      System.out.println(echo.line());
      System.out.printf(
          "ratio to bare round trip: p50 %.2fx, p99 %.2fx%n",
          routing.percentileMillis(50) / echo.percentileMillis(50),
          routing.percentileMillis(99) / echo.percentileMillis(99));
      System.out.printf(
          "target p99 < 20 ms: %s%n", routing.percentileMillis(99) < 20 ? "met" : "NOT met");
    }
    if (which.equals("all") || which.equals("media")) {
      MediaConnectBench.Result r = new MediaConnectBench().run();
      System.out.println();
      System.out.println("Benchmark 2: WebRTC connect time in Chromium");
      System.out.println(r.accept().line());
      System.out.println(r.bare().line());
      System.out.printf(
          "ratio to bare in-page connect: p50 %.2fx%n",
          r.accept().percentileMillis(50) / r.bare().percentileMillis(50));
    }
    if (which.equals("all") || which.equals("forms")) {
      FormPdfBench.Result r = new FormPdfBench().run();
      System.out.println();
      System.out.println("Benchmark 3: one sealed form PDF (compose PDF/A-2b + PAdES B-B seal)");
      System.out.println(r.compose().line());
      System.out.println(r.composeAndSeal().line());
      long[] sizes = r.sortedSizes();
      System.out.printf(
          "sealed size: p50 %.1f KB (min %.1f, max %.1f)%n",
          sizes[sizes.length / 2] / 1024.0, sizes[0] / 1024.0, sizes[sizes.length - 1] / 1024.0);
      System.out.printf(
          "throughput: %.1f PDFs/s with %d in parallel (%.1f/s one at a time)%n",
          r.perSecondParallel(), FormPdfBench.PARALLEL, r.perSecondSerial());
    }
    if (which.equals("all") || which.equals("payments")) {
      PaymentFlowBench.Result r = new PaymentFlowBench().run();
      System.out.println();
      System.out.printf(
          "Benchmark 4: card payments through the server (simulated reader deciding at once, %d calls paying at once)%n",
          PaymentFlowBench.CALLS);
      System.out.println(r.requested().line());
      System.out.println(r.waiting().line());
      System.out.println(r.accepted().line());
      System.out.println(r.receipt().line());
      System.out.printf(
          "throughput: %.1f payments/s completed, receipts included%n", r.paymentsPerSecond());
    }
    if (which.equals("all") || which.equals("fleet")) {
      FleetBench.Result r = new FleetBench().run();
      System.out.println();
      System.out.printf(
          "Benchmark 7: the fleet, %d kiosks connected, three devices each%n", FleetBench.KIOSKS);
      System.out.println(r.pageLoad().line());
      System.out.println(r.faultToAlert().line());
      System.out.printf(
          "first heartbeats of all %d kiosks shown online with their devices: %.0f heartbeats/s; self-test reports stored: %.0f/s%n",
          FleetBench.KIOSKS, r.heartbeatsPerSecond(), r.selfTestsPerSecond());
    }
    if (which.equals("all") || which.equals("scans")) {
      ScanPdfBench.Result r = new ScanPdfBench().run();
      System.out.println();
      System.out.println("Benchmark 5: a scanned A4 colour page (300 dpi JPEG) to PDF/A-2b");
      System.out.println(r.onePage().line());
      double perPage =
          (r.tenPagePdfBytes() - ScanPdfBench.PAGES_IN_DOCUMENT * r.jpegBytes())
              / (double) ScanPdfBench.PAGES_IN_DOCUMENT;
      System.out.printf(
          "size: JPEG %.1f KB; one-page PDF %.1f KB (%.1f KB more, most of it the PDF/A colour profile"
              + " and metadata, once per document); %d-page PDF: %.2f KB more per page (target at most 4 KB): %s%n",
          r.jpegBytes() / 1024.0,
          r.pdfBytes() / 1024.0,
          (r.pdfBytes() - r.jpegBytes()) / 1024.0,
          ScanPdfBench.PAGES_IN_DOCUMENT,
          perPage / 1024.0,
          perPage <= 4096 ? "met" : "NOT met");
      System.out.printf(
          "throughput: %.1f pages/s composing %d-page documents%n",
          r.pagesPerSecond(), ScanPdfBench.PAGES_IN_DOCUMENT);
      ScanToConsoleBench.Result c = new ScanToConsoleBench().run();
      System.out.println();
      System.out.println(
          "Benchmark 6: a scanned A4 300 dpi page from the kiosk to the advisor's console");
      System.out.println(c.upload().line());
      System.out.println(c.toConsole().line());
    }
    if (which.equals("all") || which.equals("writes")) {
      DurableWritesBench.Result r = new DurableWritesBench().run();
      System.out.println();
      System.out.printf(
          "Benchmark 8: durable writes, customers created over HTTP by %d clients at once (%d each after %d warm-up)%n",
          DurableWritesBench.CLIENTS,
          DurableWritesBench.MEASURED_PER_CLIENT,
          DurableWritesBench.WARM_UP_PER_CLIENT);
      DurableWritesBench.Run baseline = r.runs().get(1);
      for (DurableWritesBench.Run run : r.runs()) {
        System.out.println(run.latency().line());
        System.out.printf(
            "  %-42s %.1f writes/s  (%s)%n", "", run.writesPerSecond(), run.settings());
      }
      DurableWritesBench.Run first = r.runs().get(0);
      DurableWritesBench.Run second = r.runs().get(2);
      DurableWritesBench.Run shipped =
          first.latency().percentileMillis(99) >= second.latency().percentileMillis(99)
              ? first
              : second;
      System.out.printf(
          "shipped (the run with the worse p99) vs baseline: p50 %.2fx, p99 %.2fx, throughput %.2fx%n",
          shipped.latency().percentileMillis(50) / baseline.latency().percentileMillis(50),
          shipped.latency().percentileMillis(99) / baseline.latency().percentileMillis(99),
          shipped.writesPerSecond() / baseline.writesPerSecond());
      if (r.skipped() != null) {
        System.out.println(r.skipped());
      }
      boolean p99 = shipped.latency().percentileMillis(99) < 50;
      boolean rate = Math.min(first.writesPerSecond(), second.writesPerSecond()) >= 200;
      System.out.printf(
          "target on the embedded default (worse of its two runs), p99 < 50 ms: %s; >= 200 writes/s: %s%n",
          p99 ? "met" : "NOT met", rate ? "met" : "NOT met");
    }
    if (which.equals("all") || which.equals("signin")) {
      SignInBench.Result r = new SignInBench().run();
      System.out.println();
      System.out.printf(
          "Benchmark 9: an advisor signing in while %d threads guess passwords (%d sign-ins, %d ms apart)%n",
          SignInBench.ATTACKERS, SignInBench.MEASURED, SignInBench.PAUSE.toMillis());
      System.out.println(r.idle().line());
      System.out.println(r.bcrypt().line());
      double limit = 2 * r.idle().percentileMillis(99) + r.bcrypt().percentileMillis(50);
      for (SignInBench.Attack a : r.attacks()) {
        System.out.println(a.advisor().line());
        System.out.printf(
            "  attacker tries while measured: %d in %.1f s (%.0f/s); reached a bcrypt check (401): %d;"
                + " refused before any check, 429 wait for wrong passwords: %d, 429 too many checking at once: %d; other: %d%n",
            a.attempts(),
            a.seconds(),
            a.attempts() / a.seconds(),
            a.reachedCheck(),
            a.refusedWait(),
            a.refusedBusy(),
            a.other());
        System.out.printf(
            "  advisor refused: %d of %d; p99 %.1f ms against limit 2 x idle p99 + 1 bcrypt = %.1f ms (%.2fx idle p99): %s%n",
            a.advisorRefused(),
            SignInBench.MEASURED,
            a.advisor().percentileMillis(99),
            limit,
            a.advisor().percentileMillis(99) / r.idle().percentileMillis(99),
            a.advisor().percentileMillis(99) < limit && a.advisorRefused() == 0
                ? "met"
                : "NOT met");
      }
      System.out.printf(
          "after both attacks, the advisor at a desk never used before (127.0.0.3): HTTP %d (%s)%n",
          r.newDeskStatus(), r.newDeskStatus() == 200 ? "signed in, no lockout" : "NOT signed in");
    }
    if (which.equals("all") || which.equals("wrapup")) {
      OfferToReadyBench.Result r = new OfferToReadyBench().run();
      System.out.println();
      System.out.println("Benchmark 10: offer to ready for the next call (ADR 0044)");
      for (OfferToReadyBench.Presses p : r.presses()) {
        System.out.printf(
            "  %-44s %s%n",
            p.flow(), p.clicks() > 0 ? p.clicks() + " clicks" : p.keys() + " key presses");
      }
      System.out.println(
          "  baseline (the page before issue 17): advisor ends 5 clicks (Accept, End call, outcome,"
              + " Save, Available) or 19 key presses; resident ends 4 clicks");
      int residentEnds = r.presses().get(0).clicks();
      System.out.printf(
          "target 2 clicks when the resident ends the call: %s (advisor ends: %d, End call being"
              + " the extra one)%n",
          residentEnds <= 2 ? "met" : "NOT met", r.presses().get(1).clicks());
      System.out.println(r.saveToOffer().line());
      System.out.println(r.availableToOffer().line());
      System.out.printf(
          "target Save -> next offer p90 <= 1 s: %s%n",
          r.saveToOffer().percentileMillis(90) <= 1000 ? "met" : "NOT met");
    }
    System.exit(0);
  }
}
