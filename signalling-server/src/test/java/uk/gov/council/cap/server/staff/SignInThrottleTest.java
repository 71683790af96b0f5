package uk.gov.council.cap.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.testing.FakeClock;

/**
 * The parts of the throttle that need many addresses: a guesser spread over them, and IPv6
 * networks.
 */
class SignInThrottleTest {
  private final FakeClock clock = FakeClock.stopped();
  private final SignInThrottle throttle =
      new SignInThrottle(
          clock,
          new ServerConfig.SignIn(
              Duration.ofSeconds(2),
              3,
              Duration.ofSeconds(1),
              Duration.ofSeconds(60),
              20,
              Duration.ofMinutes(15),
              Duration.ofDays(30),
              2,
              Duration.ZERO));

  @Test
  void aGuesserOnManyAddressesSharesOneGrowingWaitButTheAdvisorsUsualDeskDoesNot() {
    throttle.succeeded("alex", "192.0.2.10");
    for (int i = 1; i <= 10; i++) {
      String bot = "198.51.100." + i;
      assertThat(throttle.waitBefore("alex", bot))
          .as("a first try from a new address is checked")
          .isEmpty();
      throttle.failed("alex", bot);
    }
    // Ten wrong passwords for alex in all: any address that has guessed wrong for alex now waits
    // the account's wait.
    assertThat(throttle.waitBefore("alex", "198.51.100.1")).contains(Duration.ofSeconds(60));
    assertThat(throttle.waitBefore("ALEX ", "198.51.100.2")).contains(Duration.ofSeconds(60));
    // The desk alex signed in from is not held up, mistyping or not.
    assertThat(throttle.waitBefore("alex", "192.0.2.10")).isEmpty();
    throttle.failed("alex", "192.0.2.10");
    assertThat(throttle.waitBefore("alex", "192.0.2.10")).isEmpty();
    // Nothing is kept for ever.
    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.waitBefore("alex", "198.51.100.1")).isEmpty();
  }

  @Test
  void anIpv6NetworkCountsAsOneAddress() {
    for (int i = 1; i <= 3; i++) {
      throttle.failed("alex", "2001:db8:1:2::" + i);
    }
    assertThat(throttle.waitBefore("alex", "2001:db8:1:2:ffff::9")).contains(Duration.ofSeconds(1));
    assertThat(throttle.waitBefore("alex", "2001:db8:1:3::1")).isEmpty();
    assertThat(SignInThrottle.addressKey("[2001:db8:1:2::5]"))
        .isEqualTo(SignInThrottle.addressKey("2001:db8:1:2::6"));
  }

  @Test
  void passwordChecksAtOnceAreBoundedWithOnePlaceKeptForAnAdvisorAtTheirOwnDesk() {
    throttle.succeeded("alex", "192.0.2.10");
    var first = throttle.tryStartCheck("bot1", "198.51.100.1");
    var second = throttle.tryStartCheck("bot2", "198.51.100.2");
    assertThat(first).isPresent();
    assertThat(second).isPresent();
    // Every ordinary place is taken by guessers: a third guesser, and alex on a desk never used,
    // are turned away.
    assertThat(throttle.tryStartCheck("bot3", "198.51.100.3")).isEmpty();
    assertThat(throttle.tryStartCheck("alex", "203.0.113.9")).isEmpty();
    // Alex at their own desk takes the kept place, but only one such check runs at a time.
    var alex = throttle.tryStartCheck("alex", "192.0.2.10");
    assertThat(alex).isPresent();
    assertThat(throttle.tryStartCheck("alex", "192.0.2.10")).isEmpty();
    throttle.endCheck(alex.get());
    throttle.endCheck(first.get());
    assertThat(throttle.tryStartCheck("bot3", "198.51.100.3")).isPresent();
  }
}
