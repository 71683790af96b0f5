package uk.gov.council.cap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    String mem = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse(cpu);
      mem =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .findFirst()
              .map(l -> l.replaceAll("\\D+", ""))
              .map(kb -> (Long.parseLong(kb) / 1024 / 1024) + " GiB RAM")
              .orElse("");
    } catch (IOException | RuntimeException ignored) {
      // Not Linux: say less.
    }
    return cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + mem
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + ", Java "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vm.name")
        + ")";
  }
}
