package uk.gov.council.cap.bench;

import java.util.List;

/**
 * Runs the benchmarks and prints the figures recorded in docs/benchmarks.md.
 * {@code routing} runs benchmark 1 only; {@code media} benchmark 2 only; no argument runs both.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        System.out.println("Machine: " + Machine.describe());
        if (which.equals("all") || which.equals("routing")) {
            List<Stats> s = new RoutingLatencyBench().run();
            Stats routing = s.get(0);
            Stats echo = s.get(1);
            System.out.println();
            System.out.println("Benchmark 1: routing latency");
            System.out.println(routing.line());
            System.out.println(echo.line());
            System.out.printf("ratio to bare round trip: p50 %.2fx, p99 %.2fx%n",
                    routing.percentileMillis(50) / echo.percentileMillis(50), routing.percentileMillis(99) / echo.percentileMillis(99));
            System.out.printf("target p99 < 20 ms: %s%n", routing.percentileMillis(99) < 20 ? "met" : "NOT met");
        }
        if (which.equals("all") || which.equals("media")) {
            MediaConnectBench.Result r = new MediaConnectBench().run();
            System.out.println();
            System.out.println("Benchmark 2: WebRTC connect time in Chromium");
            System.out.println(r.accept().line());
            System.out.println(r.bare().line());
            System.out.printf("ratio to bare in-page connect: p50 %.2fx%n", r.accept().percentileMillis(50) / r.bare().percentileMillis(50));
        }
        System.exit(0);
    }
}
