package uk.gov.council.cap.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a sample of durations in nanoseconds, printed in milliseconds. */
record Stats(String name, long[] sortedNanos) {

  static Stats of(String name, List<Long> nanos) {
    long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return new Stats(name, a);
  }

  double percentileMillis(double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
  }

  String line() {
    return String.format(
        "%-44s n=%5d  p50=%8.3f ms  p90=%8.3f ms  p99=%8.3f ms  max=%8.3f ms",
        name,
        sortedNanos.length,
        percentileMillis(50),
        percentileMillis(90),
        percentileMillis(99),
        percentileMillis(100));
  }
}
