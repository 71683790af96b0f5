package uk.gov.council.cap.server.routing;

import java.time.Duration;

/**
 * A rough, honest estimate of a resident's wait. It keeps a moving average of how long calls last
 * and assumes the advisors who can take this call work through the queue in parallel. It is shown
 * as "about N minutes", never as a promise.
 */
final class WaitEstimator {
  private static final double WEIGHT_OF_NEWEST = 0.2;
  private double averageHandleSeconds;

  WaitEstimator(Duration initialAverageHandleTime) {
    this.averageHandleSeconds = initialAverageHandleTime.toSeconds();
  }

  void recordHandled(Duration callLength) {
    averageHandleSeconds =
        (1 - WEIGHT_OF_NEWEST) * averageHandleSeconds + WEIGHT_OF_NEWEST * callLength.toSeconds();
  }

  /**
   * @param position 1 = next in line among residents who need the same advisors
   * @param freeAdvisors advisors who could take the call right now
   * @param workingAdvisors signed-in advisors who could take it (free, busy or in a call), not away
   */
  long estimateSeconds(int position, int freeAdvisors, int workingAdvisors) {
    if (position <= freeAdvisors) {
      return 0;
    }
    int parallel = Math.max(1, workingAdvisors);
    long rounds = (long) Math.ceil((double) (position - freeAdvisors) / parallel);
    return Math.round(rounds * averageHandleSeconds);
  }
}
