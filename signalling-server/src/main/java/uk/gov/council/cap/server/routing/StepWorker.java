package uk.gov.council.cap.server.routing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread an in-call capability hands its work to, so the call desk's thread never waits on
 * it: tasks run in order, a failing task is logged and the next one runs, and work arriving while
 * the server stops is dropped (the capability's state is in the database and is found again on the
 * next start).
 */
public final class StepWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);
  private final String name;
  private final ExecutorService thread;

  public StepWorker(String name) {
    this.name = name;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  public void execute(Runnable task) {
    try {
      thread.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.error("A {} task failed; the next one runs", name, e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.info("{} is stopping; work left for the next start", name);
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
