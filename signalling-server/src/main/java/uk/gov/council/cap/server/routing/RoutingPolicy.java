package uk.gov.council.cap.server.routing;

import java.time.Duration;

/**
 * The council's routing settings (docs/adr/0047-routing-rules-and-park.md).
 *
 * @param overflowAfter after this wait a call may go to any advisor, whatever their themes, and a
 *     call meant for one advisor to anyone who serves it; zero for never
 * @param missedOffersBeforeAway how many offers an advisor may let lapse in a row before they are
 *     set Away (an accepted call, or choosing Available, starts the count again)
 */
public record RoutingPolicy(Duration overflowAfter, int missedOffersBeforeAway) {
  public static final RoutingPolicy DEFAULT = new RoutingPolicy(Duration.ZERO, 2);

  public RoutingPolicy {
    if (overflowAfter.isNegative() || missedOffersBeforeAway < 1) {
      throw new IllegalArgumentException(
          "The overflow wait must not be negative and at least one missed offer sets Away.");
    }
  }
}
