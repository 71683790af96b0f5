package uk.gov.council.cap.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.staff.PasswordHasher;
import uk.gov.council.cap.server.staff.Role;

/**
 * Benchmark 9: a real advisor signing in (right password, from the desk they use, 127.0.0.1) while
 * attacker threads send wrong passwords as fast as the server answers, for the advisor's own
 * username and for others. Two attacks: from one other address (127.0.0.2), as the brief for issue
 * 13 describes; and spread over a fresh loopback address for every try (127.1.x.y), which no
 * per-address count can slow, so only the bound on concurrent password checks stands between the
 * attack and the processors. Baseline in the same run: the same sign-ins on an idle server, and the
 * cost of one bcrypt check in this JVM. Every sign-in opens a new connection for the advisor, like
 * a browser after a while away.
 */
final class SignInBench {
  static final int ATTACKERS = 16;
  static final int WARM_UP = 5;
  static final int MEASURED = 40;
  static final Duration PAUSE = Duration.ofMillis(250);
  static final Duration RAMP = Duration.ofSeconds(3);
  private static final String PASSWORD = "correct horse battery staple 42";

  record Attack(
      String name,
      Stats advisor,
      int advisorRefused,
      long attempts,
      long reachedCheck,
      long refusedWait,
      long refusedBusy,
      long other,
      double seconds) {}

  record Result(Stats idle, Stats bcrypt, List<Attack> attacks, int newDeskStatus) {}

  Result run() throws Exception {
    CapServer server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench-signin")));
    try {
      server
          .repositories()
          .staff()
          .create("amira", "Amira Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
      for (int i = 0; i < 4; i++) {
        server
            .repositories()
            .staff()
            .create("officer" + i, "Officer " + i, Role.ADVISOR, Set.of("general"), PASSWORD + i);
      }
      int port = server.port();
      InetAddress desk = InetAddress.getByName("127.0.0.1");
      int[] refused = new int[1];
      advisorSignIns(port, desk, WARM_UP, refused);
      refused[0] = 0;
      Stats idle =
          Stats.of("idle server: advisor signs in", advisorSignIns(port, desk, MEASURED, refused));
      if (refused[0] > 0) {
        throw new IllegalStateException("Sign-in refused on an idle server");
      }
      Stats bcrypt = bcryptCost();
      List<Attack> attacks = new ArrayList<>();
      attacks.add(
          attack(port, desk, "1 attacker address (127.0.0.2), " + ATTACKERS + " threads", false));
      attacks.add(
          attack(port, desk, "fresh address per try (127.1.x.y), " + ATTACKERS + " threads", true));
      int newDesk;
      try (RawHttp c = new RawHttp(InetAddress.getByName("127.0.0.3"), port, false)) {
        newDesk = c.postJson("/api/session", body("amira", PASSWORD)).status();
      }
      return new Result(idle, bcrypt, attacks, newDesk);
    } finally {
      server.close();
    }
  }

  private List<Long> advisorSignIns(int port, InetAddress desk, int n, int[] refused)
      throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      int status;
      try (RawHttp c = new RawHttp(desk, port, false)) {
        status = c.postJson("/api/session", body("amira", PASSWORD)).status();
      }
      long t = System.nanoTime() - t0;
      // A refused sign-in is still timed: the advisor waited that long to be told to try again.
      times.add(t);
      if (status != 200) {
        refused[0]++;
      }
      Thread.sleep(PAUSE.toMillis());
    }
    return times;
  }

  private Attack attack(int port, InetAddress desk, String name, boolean spread) throws Exception {
    AtomicLong attempts = new AtomicLong();
    AtomicLong reached = new AtomicLong();
    AtomicLong refusedWait = new AtomicLong();
    AtomicLong refusedBusy = new AtomicLong();
    AtomicLong other = new AtomicLong();
    AtomicInteger nextAddress = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
    List<Future<?>> threads = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean counting =
        new java.util.concurrent.atomic.AtomicBoolean();
    for (int t = 0; t < ATTACKERS; t++) {
      int thread = t;
      threads.add(
          pool.submit(
              () -> {
                RawHttp c =
                    spread ? null : new RawHttp(InetAddress.getByName("127.0.0.2"), port, true);
                for (int i = 0; !stop.get(); i++) {
                  // Half the threads guess the advisor's password; the rest try other staff and
                  // made-up names.
                  String user =
                      thread % 2 == 0
                          ? "amira"
                          : (i % 3 == 0 ? "nobody" + (i % 50) : "officer" + (i % 4));
                  RawHttp r = c;
                  if (spread) {
                    int a = nextAddress.incrementAndGet();
                    // 127.1.1.1 upwards, avoiding .0 and .255 in the last two places.
                    byte third = (byte) (1 + (a / 250) % 250);
                    byte fourth = (byte) (1 + a % 250);
                    r =
                        new RawHttp(
                            InetAddress.getByAddress(new byte[] {127, 1, third, fourth}),
                            port,
                            false);
                  }
                  RawHttp.Response resp;
                  try {
                    resp = r.postJson("/api/session", body(user, "guess-" + thread + "-" + i));
                  } catch (java.io.IOException e) {
                    if (counting.get()) {
                      other.incrementAndGet();
                    }
                    continue;
                  } finally {
                    if (spread) {
                      r.close();
                    }
                  }
                  if (!counting.get()) {
                    continue;
                  }
                  attempts.incrementAndGet();
                  if (resp.status() == 401) {
                    reached.incrementAndGet();
                  } else if (resp.status() == 429 && resp.body().contains("wrong passwords")) {
                    refusedWait.incrementAndGet();
                  } else if (resp.status() == 429) {
                    refusedBusy.incrementAndGet();
                  } else {
                    other.incrementAndGet();
                  }
                }
                if (c != null) {
                  c.close();
                }
                return null;
              }));
    }
    // Let the attack reach its steady state (the first free tries checked, waits in force) before
    // measuring.
    Thread.sleep(RAMP.toMillis());
    counting.set(true);
    long start = System.nanoTime();
    int[] refused = new int[1];
    List<Long> times = advisorSignIns(port, desk, MEASURED, refused);
    double seconds = (System.nanoTime() - start) / 1e9;
    counting.set(false);
    stop.set(true);
    for (Future<?> f : threads) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return new Attack(
        name,
        Stats.of("under attack: " + name, times),
        refused[0],
        attempts.get(),
        reached.get(),
        refusedWait.get(),
        refusedBusy.get(),
        other.get(),
        seconds);
  }

  /**
   * One bcrypt check of a right password, as the server makes it (cost 12), one at a time in this
   * JVM.
   */
  private static Stats bcryptCost() {
    PasswordHasher h = new PasswordHasher();
    String hash = h.hash(PASSWORD);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 3 + 20; i++) {
      long t0 = System.nanoTime();
      if (!h.matches(PASSWORD, hash)) {
        throw new IllegalStateException("bcrypt did not verify");
      }
      if (i >= 3) {
        times.add(System.nanoTime() - t0);
      }
    }
    return Stats.of("one bcrypt check (cost 12), idle", times);
  }

  private static String body(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }
}
