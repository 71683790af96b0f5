package uk.gov.council.cap.server.threads;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread the server runs, made in one place (the composition root) with a name and a size, as
 * Signal-Server's {@code WhisperServerService} does: reading {@code CapServer} tells you all of
 * them. {@link #close()} stops them in the reverse order of their making, so a thread is stopped
 * before the threads it hands work to.
 */
public final class ServerThreads implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerThreads.class);
  private final Deque<AutoCloseable> made = new ArrayDeque<>();

  /** One thread that owns some state (a desk, a capability). */
  public SerialThread serial(String name) {
    SerialThread t = SerialThread.named(name);
    made.push(t);
    return t;
  }

  /** A fixed pool for blocking work (sealing PDFs, a card reader's HTTP calls). */
  public ExecutorService pool(String name, int size) {
    ExecutorService pool = Executors.newFixedThreadPool(size, daemons(name));
    made.push(() -> stop(name, pool));
    return pool;
  }

  /** One thread for timers (a poll, a sweep). */
  public ScheduledExecutorService timer(String name) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemons(name));
    made.push(() -> stop(name, timer));
    return timer;
  }

  private static java.util.concurrent.ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void stop(String name, ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
      LOG.warn("{} was still busy at shutdown", name);
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    while (!made.isEmpty()) {
      try {
        made.pop().close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("A thread did not stop cleanly", e);
      }
    }
  }
}
