package uk.gov.council.cap.server.threads;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named thread that owns some state: the call desk, the fleet monitor, each in-call capability
 * (ADR 0034). Its tasks run in order, so the state it owns needs no locks, and nobody else's thread
 * waits on it. A failing task is logged and the next one runs; work arriving while the server stops
 * is dropped (what matters is in the database and found again on start).
 *
 * <p>Made by the composition root through {@link ServerThreads}, or {@link #inline} in unit tests,
 * where every task runs at once on the caller's thread.
 */
public final class SerialThread implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SerialThread.class);
  // Long enough for a database write under load; a route that waits longer answers 500 plainly.
  private static final int ASK_TIMEOUT_SECONDS = 10;
  private final String name;
  private final ExecutorService thread;

  private SerialThread(String name, ExecutorService thread) {
    this.name = name;
    this.thread = thread;
  }

  /** A daemon thread called {@code name} (so a thread dump names its owner). */
  public static SerialThread named(String name) {
    return new SerialThread(
        name,
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            }));
  }

  /**
   * Runs every task at once on the caller's thread: for unit tests, where nothing is concurrent.
   */
  public static SerialThread inline(String name) {
    return new SerialThread(name, null);
  }

  public String name() {
    return name;
  }

  public void execute(Runnable task) {
    if (thread == null) {
      safely(task);
      return;
    }
    try {
      thread.execute(() -> safely(task));
    } catch (RejectedExecutionException e) {
      LOG.info("{} is stopping; work left for the next start", name);
    }
  }

  /**
   * Runs blocking work (a card reader, an HTTP call, sealing a PDF) on {@code pool}, then hands its
   * result, or its failure, back to this thread: the capability's state is only ever touched here.
   */
  public <T> void afterBlocking(
      Executor pool, Callable<T> work, Consumer<T> then, Consumer<Exception> failed) {
    Runnable job =
        () -> {
          try {
            T result = work.call();
            execute(() -> then.accept(result));
          } catch (Exception e) {
            execute(() -> failed.accept(e));
          }
        };
    if (thread == null) {
      job.run();
      return;
    }
    try {
      pool.execute(job);
    } catch (RejectedExecutionException e) {
      LOG.info("{}'s pool is stopping; work left for the next start", name);
    }
  }

  /**
   * Runs {@code task} on this thread and waits for its answer: for a route that needs the owner's
   * state now. Never call it from this thread itself.
   */
  public <T> T ask(Callable<T> task) {
    if (thread == null) {
      try {
        return task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return thread.submit(task).get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(name + " failed", e.getCause());
    } catch (TimeoutException | RejectedExecutionException e) {
      throw new IllegalStateException(name + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " was interrupted", e);
    }
  }

  private void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("A {} task failed; the next one runs", name, e);
    }
  }

  @Override
  public void close() {
    if (thread == null) return;
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn(
            "{} was still busy at shutdown; its sessions are recovered on the next start", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
