package uk.gov.council.cap.server.staff;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;

/**
 * Slows password guessing without letting anyone lock a member of staff out (OWASP ASVS 2.2.1; see
 * docs/adr/0032-sign-in-throttling.md). Three counts of wrong passwords, each with its own growing
 * wait:
 *
 * <ul>
 *   <li>one username from one address: the ordinary guesser;
 *   <li>one address, any username: someone trying many usernames;
 *   <li>one username, any address: a guesser spread over many addresses. This one is applied only
 *       to an address that has itself given a wrong password for the username and has not signed in
 *       as it before: the real person's first try is always checked, and at a desk they have signed
 *       in from they are never held up by someone else's guessing.
 * </ul>
 *
 * A wait is never a lock: it grows 1 s, 2 s, 4 s… up to a cap, and ends by itself. Tries during a
 * wait are refused before any password is checked, so they cost almost nothing, and at most a set
 * number of passwords are checked at once ({@link #tryStartCheck}), so a flood of sign-ins cannot
 * take every processor.
 *
 * <p>Per node and in memory: enough to make guessing slow; counting across nodes would need a
 * shared store.
 */
public final class SignInThrottle {
  /** Bounds the memory an attacker with many addresses and usernames can make us spend. */
  private static final int MAX_TRACKED = 50_000;

  private final Clock clock;
  private final ServerConfig.SignIn settings;
  private final Map<String, Failures> byPair = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();

  /** username + address → when that username last signed in from there. */
  private final Map<String, Instant> knownAddresses = new ConcurrentHashMap<>();

  private final Semaphore checks;

  /** One more check at a time, only for a username at a desk it has signed in from before. */
  private final Semaphore knownDeskCheck = new Semaphore(1);

  private final AtomicInteger waiting = new AtomicInteger();
  private final int maxWaiting;

  private static final class Failures {
    int count;
    Instant last;
  }

  public SignInThrottle(Clock clock, ServerConfig.SignIn settings) {
    this.clock = clock;
    this.settings = settings;
    this.checks = new Semaphore(Math.max(1, settings.maxConcurrentChecks()));
    // A short queue absorbs the start of a shift, when everyone signs in at once; a flood beyond it
    // is refused at
    // once rather than holding the web server's threads, which the calls need too.
    this.maxWaiting = 8 * Math.max(1, settings.maxConcurrentChecks());
  }

  /**
   * How long this username must wait before another try from this address; empty when it may try
   * now.
   */
  public Optional<Duration> waitBefore(String username, String address) {
    Instant now = clock.now();
    String account = account(username);
    String from = addressKey(address);
    String pair = account + "\n" + from;
    boolean sharesAccountWait = !isKnown(account, from, now) && hasFailed(byPair, pair, now);
    Duration wait =
        longest(
            waitOf(byPair, pair, settings.freeFailures(), now),
            waitOf(byAddress, from, settings.addressFreeFailures(), now),
            sharesAccountWait
                ? waitOf(byAccount, account, settings.freeFailures(), now)
                : Duration.ZERO);
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public void failed(String username, String address) {
    Instant now = clock.now();
    String account = account(username);
    String from = addressKey(address);
    count(byPair, account + "\n" + from, now);
    count(byAddress, from, now);
    count(byAccount, account, now);
  }

  /**
   * A right password: this username and address start afresh, and the address becomes one the
   * username is known to sign in from. The username's count across all addresses is kept: the real
   * person signing in must not hand a guesser elsewhere a fresh set of tries.
   */
  public void succeeded(String username, String address) {
    String account = account(username);
    String from = addressKey(address);
    byPair.remove(account + "\n" + from);
    if (knownAddresses.size() >= MAX_TRACKED) {
      Instant cutoff = clock.now().minus(settings.rememberAddressesFor());
      knownAddresses.values().removeIf(at -> at.isBefore(cutoff));
    }
    if (knownAddresses.size() < MAX_TRACKED) {
      knownAddresses.put(account + "\n" + from, clock.now());
    }
  }

  /** A place to check one password, held until {@link #endCheck(Check)}. */
  public record Check(Semaphore from) {}

  /**
   * A place to check one password, waiting a moment for one behind a few others; empty when the
   * queue is full or no place came free in time. A username signing in from a desk it has signed in
   * from before may also take the one place kept for such desks, so a guesser who fills every other
   * place (from addresses the throttle has not yet seen fail) still cannot keep the advisor at
   * their own desk waiting behind them.
   */
  public Optional<Check> tryStartCheck(String username, String address) {
    if (checks.tryAcquire()) {
      return Optional.of(new Check(checks));
    }
    if (isKnown(account(username), addressKey(address), clock.now())
        && knownDeskCheck.tryAcquire()) {
      return Optional.of(new Check(knownDeskCheck));
    }
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return Optional.empty();
    }
    try {
      return checks.tryAcquire(settings.checkQueueWait().toMillis(), TimeUnit.MILLISECONDS)
          ? Optional.of(new Check(checks))
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      waiting.decrementAndGet();
    }
  }

  public void endCheck(Check check) {
    check.from().release();
  }

  private boolean isKnown(String account, String from, Instant now) {
    Instant at = knownAddresses.get(account + "\n" + from);
    return at != null && at.plus(settings.rememberAddressesFor()).isAfter(now);
  }

  private boolean hasFailed(Map<String, Failures> counts, String key, Instant now) {
    Failures f = counts.get(key);
    if (f == null) {
      return false;
    }
    synchronized (f) {
      return !forgotten(f, now) && f.count > 0;
    }
  }

  private Duration waitOf(Map<String, Failures> counts, String key, int free, Instant now) {
    Failures f = counts.get(key);
    if (f == null) {
      return Duration.ZERO;
    }
    synchronized (f) {
      if (forgotten(f, now) || f.count < free) {
        return Duration.ZERO;
      }
      Instant allowedAt = f.last.plus(delayAfter(f.count - free));
      return allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
    }
  }

  /** The first delay, doubled for each failure beyond the free ones, up to the cap. */
  private Duration delayAfter(int beyondFree) {
    Duration delay = settings.firstDelay();
    for (int i = 0; i < beyondFree && delay.compareTo(settings.maxDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
  }

  private void count(Map<String, Failures> counts, String key, Instant now) {
    if (counts.size() >= MAX_TRACKED) {
      counts
          .values()
          .removeIf(
              f -> {
                synchronized (f) {
                  return forgotten(f, now);
                }
              });
      // Still full of live counts: make room rather than grow without bound. Dropping some counts
      // gives a few
      // guessers a fresh start, which is the lesser harm than the server running out of memory.
      Iterator<String> it = counts.keySet().iterator();
      while (counts.size() >= MAX_TRACKED && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    Failures f = counts.computeIfAbsent(key, k -> new Failures());
    synchronized (f) {
      if (forgotten(f, now)) {
        f.count = 0;
      }
      f.count++;
      f.last = now;
    }
  }

  private boolean forgotten(Failures f, Instant now) {
    return f.last == null || !f.last.plus(settings.forgetAfter()).isAfter(now);
  }

  private static Duration longest(Duration... waits) {
    return Arrays.stream(waits).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  private static String account(String username) {
    return username.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * An IPv6 address counts by its /64 network: one home or one cloud machine is usually given a
   * whole /64, and counting each of its addresses apart would hand a guesser billions of fresh
   * starts.
   */
  static String addressKey(String address) {
    if (address == null || address.isBlank()) {
      return "unknown";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] b =
          InetAddress.getByName(address.replaceAll("^\\[|\\]$", "").replaceAll("%.*$", ""))
              .getAddress();
      if (b.length == 16) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          sb.append(String.format("%02x%02x:", b[i], b[i + 1]));
        }
        return sb.append(":/64").toString();
      }
      return InetAddress.getByAddress(b).getHostAddress();
    } catch (UnknownHostException | IllegalArgumentException e) {
      return address;
    }
  }
}
