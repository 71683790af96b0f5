package uk.gov.council.cap.server;

import java.time.Instant;

/** The time source, injected so tests and benchmarks can reason about waits. */
public interface Clock {
  Instant now();

  static Clock system() {
    return Instant::now;
  }
}
