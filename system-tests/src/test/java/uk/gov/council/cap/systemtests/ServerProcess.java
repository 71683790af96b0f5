package uk.gov.council.cap.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.ServerMain;

/**
 * The server as operators run it: {@link ServerMain} in a JVM of its own, configured only through
 * {@code CAP_*} environment variables, on a fixed port and data directory so that a restart comes
 * back where kiosks expect it. {@link #kill9()} ends it with SIGKILL: no shutdown hook, no flush,
 * no goodbye to anyone.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(90);
  private final Path dataDir;
  private final int port;
  private final Map<String, String> env;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Thread reaper = new Thread(this::destroyQuietly, "server-process-reaper");
  private volatile Process process;
  private int starts;

  /**
   * @param dataDir where the embedded database and files live (seed it first with {@link #seed})
   * @param extra more {@code CAP_*} settings (timings, say)
   */
  public ServerProcess(Path dataDir, Map<String, String> extra) {
    this.dataDir = dataDir;
    this.port = freePort();
    this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    Map<String, String> e = new LinkedHashMap<>();
    e.put("CAP_HOST", "127.0.0.1");
    e.put("CAP_PORT", String.valueOf(port));
    e.put("CAP_DATA_DIR", dataDir.toAbsolutePath().toString());
    e.put("CAP_SECURE_COOKIES", "false");
    e.putAll(extra);
    this.env = Map.copyOf(e);
    // Should the test JVM itself be stopped, leave no server behind.
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  private void destroyQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  /**
   * Arranges data (site, staff, kiosks) in the data directory with the server's own repositories,
   * in this JVM, then closes that server properly, before the real one is started as a process.
   */
  public static <T> T seed(Path dataDir, Function<CapServer.Repositories, T> arrange) {
    return seed(dataDir, Map.of(), arrange);
  }

  /**
   * As {@link #seed(Path, Function)}, with the same {@code CAP_*} settings the process gets (a
   * PostgreSQL URL, say).
   */
  public static <T> T seed(
      Path dataDir, Map<String, String> settings, Function<CapServer.Repositories, T> arrange) {
    CapServer server =
        CapServer.start(ServerConfig.fromEnvironment(settings).withPort(0).withDataDir(dataDir));
    try {
      return arrange.apply(server.repositories());
    } finally {
      server.close();
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts {@code ServerMain} and returns once {@code /api/health} answers. */
  public ServerProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("The server is already running");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Tests start the server often (the kill -9 loop, forty times): the client compiler
                // alone and the
                // serial collector get it listening sooner on a small CI machine; speed after start
                // matters less.
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-cp",
                testClassPath(),
                ServerMain.class.getName()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("CAP_"));
    pb.environment().putAll(env);
    try {
      Files.writeString(
          log,
          "---- start " + (++starts) + " at " + Instant.now() + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the server process", e);
    }
    awaitHealthy();
    return this;
  }

  /**
   * SIGKILL, as {@code kill -9} sends: {@link Process#destroyForcibly()} on Linux, checked by the
   * exit status the kernel reports (128 + 9). Returns the moment the process was gone.
   */
  public Instant kill9() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      throw new IllegalStateException("The server is not running");
    }
    p.destroyForcibly();
    try {
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("The server process outlived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Instant gone = Instant.now();
    if (p.exitValue() != 128 + 9) {
      throw new IllegalStateException(
          "The server was not killed by SIGKILL: exit status " + p.exitValue());
    }
    return gone;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The process's own pid, for a test that wants to say which process it killed. */
  public long pid() {
    return process.pid();
  }

  /** What the server printed, across every start. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(url() + "/api/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The server process exited with status "
                + process.exitValue()
                + " while starting:\n"
                + tail(log()));
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleepBriefly();
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "The server did not answer within " + START_LIMIT + ":\n" + tail(log()));
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(String text) {
    return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
  }

  /**
   * The classpath this test runs with (surefire puts the real one in {@code java.class.path}, even
   * when it starts the fork from a manifest-only jar): the server's classes and every dependency,
   * as the build resolved them.
   */
  private static String testClassPath() {
    String cp = System.getProperty("java.class.path");
    if (cp == null || cp.isBlank()) {
      throw new IllegalStateException("No classpath to start the server with");
    }
    return cp;
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills the server if it still runs (a test that failed half-way); the data directory stays for a
   * post-mortem.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      try {
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
