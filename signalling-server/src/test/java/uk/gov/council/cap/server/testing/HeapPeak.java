package uk.gov.council.cap.server.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * How far the heap rose while a test did something, read from the JVM's own peak counters (the
 * server runs in the test's JVM). Large arrays (a buffered body, a decoded image) go straight to
 * the old generation, so its peak shows them however soon they are collected; the young generation
 * churns and is left out where there is an old one.
 */
public final class HeapPeak {
  private final List<MemoryPoolMXBean> pools;
  private final long before;

  private HeapPeak(List<MemoryPoolMXBean> pools) {
    this.pools = pools;
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    this.before = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  public static HeapPeak start() {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported())
            .toList();
    List<MemoryPoolMXBean> old =
        heap.stream()
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .toList();
    return new HeapPeak(old.isEmpty() ? heap : old);
  }

  /** Bytes the watched pools rose above where they were at {@link #start()}, at their highest. */
  public long rise() {
    return Math.max(0, pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before);
  }
}
