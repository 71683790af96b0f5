package uk.gov.council.cap.kiosk.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes speech on the kiosk, offline, with espeak-ng (ADR 0041): the text goes in on stdin, a WAV
 * comes back on stdout. The program is started with an argument list, never through a shell, so
 * nothing in the text can become a command. One utterance at a time: a new request stops the one
 * still being made, as a resident who presses Listen again wants the new words, not the old.
 */
public final class SpeechEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpeechEngine.class);

  /** A WAV from espeak-ng at 22 kHz is about 44 KB a second; nothing a screen says is near this. */
  private static final int MAX_WAV_BYTES = 32 * 1024 * 1024;

  private static final int PROBE_LIMIT_SECONDS = 10;

  private static final String REPLACED = "Other words were asked for before these were ready.";

  /** What was last read aloud (tests compare it with the screen; nothing is kept beyond it). */
  public record Utterance(String text, String language, String voice, byte[] wav) {}

  private final SpeechSettings settings;
  private final boolean available;
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "speech-reader");
            t.setDaemon(true);
            return t;
          });
  private Process current;
  private long generation;
  private volatile Utterance last;

  private SpeechEngine(SpeechSettings settings, boolean available) {
    this.settings = settings;
    this.available = available;
  }

  /**
   * Checks once that espeak-ng runs; when it does not (not installed, or turned off), Listen is not
   * offered and the log says why, once.
   */
  public static SpeechEngine start(SpeechSettings settings) {
    if (!settings.enabled()) {
      LOG.info("Listen is not offered: CAP_KIOSK_SPEECH is off.");
      return new SpeechEngine(settings, false);
    }
    String problem = probe(settings);
    if (problem != null) {
      LOG.warn(
          "Listen is not offered: {} (install the Debian package espeak-ng, or set"
              + " CAP_KIOSK_SPEECH_COMMAND to where it is).",
          problem);
      return new SpeechEngine(settings, false);
    }
    LOG.info("Listen is offered: speech from {}", settings.command());
    return new SpeechEngine(settings, true);
  }

  /** Null when {@code command --version} runs and succeeds in time; otherwise why not. */
  private static String probe(SpeechSettings settings) {
    try {
      Process p =
          new ProcessBuilder(settings.command(), "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      // Its own limit: starting a program on a busy kiosk at boot can be slower than making speech.
      if (!p.waitFor(PROBE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return settings.command() + " --version did not answer in time";
      }
      return p.exitValue() == 0
          ? null
          : settings.command() + " --version exited with status " + p.exitValue();
    } catch (IOException e) {
      return settings.command() + " could not be run (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "the check was interrupted";
    }
  }

  /** Whether Listen is offered on this kiosk. */
  public boolean available() {
    return available;
  }

  /** The longest text one request may ask for. */
  public int maxChars() {
    return settings.maxChars();
  }

  /**
   * Speech for this text in this language (a code such as {@code en} or {@code pl}), as a WAV
   * file's bytes.
   */
  public byte[] speak(String text, String language) throws SpeechRefused, InterruptedException {
    if (!available) {
      throw new SpeechRefused(
          SpeechRefused.Why.UNAVAILABLE, "Listen is not offered on this kiosk.");
    }
    String voice = Voices.forLanguage(language);
    String words = readable(text);
    Process process;
    long mine;
    synchronized (this) {
      if (current != null) {
        current.destroyForcibly();
      }
      try {
        process = new ProcessBuilder(arguments(voice)).start();
      } catch (IOException e) {
        throw new SpeechRefused(
            SpeechRefused.Why.FAILED, "The speech program could not be run: " + e.getMessage());
      }
      current = process;
      mine = ++generation;
    }
    try {
      byte[] wav = run(process, words);
      synchronized (this) {
        // Finished just as newer words were asked for: those are what the resident wants now.
        if (generation != mine) {
          throw new SpeechRefused(SpeechRefused.Why.REPLACED, REPLACED);
        }
        last = new Utterance(words, language, voice, wav);
      }
      return wav;
    } catch (SpeechRefused e) {
      if (replaced(mine)) {
        throw new SpeechRefused(SpeechRefused.Why.REPLACED, REPLACED);
      }
      throw e;
    } finally {
      synchronized (this) {
        if (current == process) {
          current = null;
        }
      }
      process.destroyForcibly();
    }
  }

  private synchronized boolean replaced(long mine) {
    return generation != mine;
  }

  private List<String> arguments(String voice) {
    List<String> args = new ArrayList<>();
    args.add(settings.command());
    // UTF-8 text, read whole from stdin (not line by line), the WAV on stdout; no -m, so nothing in
    // the text is taken as markup.
    args.addAll(List.of("-b", "1", "--stdin", "--stdout"));
    args.addAll(List.of("-v", voice, "-s", String.valueOf(settings.wordsPerMinute())));
    return args;
  }

  private byte[] run(Process process, String words) throws SpeechRefused, InterruptedException {
    Future<byte[]> wav = readers.submit(() -> readAll(process.getInputStream()));
    Future<byte[]> errors = readers.submit(() -> process.getErrorStream().readNBytes(4096));
    try (OutputStream in = process.getOutputStream()) {
      in.write(words.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The program stopped reading (it failed, or was replaced); its exit says which.
    }
    long limit = settings.timeLimit().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limit);
    try {
      byte[] bytes = wav.get(limit, TimeUnit.MILLISECONDS);
      if (!process.waitFor(left(deadline), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException();
      }
      if (process.exitValue() != 0) {
        String said =
            new String(errors.get(left(deadline), TimeUnit.NANOSECONDS), StandardCharsets.UTF_8)
                .strip();
        throw new SpeechRefused(
            SpeechRefused.Why.FAILED,
            "The speech program failed"
                + (said.isEmpty() ? " (status " + process.exitValue() + ")" : ": " + said));
      }
      return Wav.withTrueLengths(bytes);
    } catch (TimeoutException e) {
      throw new SpeechRefused(
          SpeechRefused.Why.TOO_SLOW,
          "The speech took longer than " + limit + " ms to make, so it was stopped.");
    } catch (ExecutionException e) {
      throw new SpeechRefused(
          SpeechRefused.Why.FAILED, "The speech could not be read: " + e.getCause().getMessage());
    } finally {
      wav.cancel(true);
      errors.cancel(true);
    }
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static byte[] readAll(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_WAV_BYTES + 1);
    if (bytes.length > MAX_WAV_BYTES) {
      throw new IOException("the speech was longer than " + MAX_WAV_BYTES + " bytes");
    }
    return bytes;
  }

  /**
   * The text as it will be spoken: control characters become spaces and runs of spaces one. The
   * length is checked first, before any work is done for it.
   */
  private String readable(String text) throws SpeechRefused {
    if (text == null) {
      throw new SpeechRefused(SpeechRefused.Why.BAD_REQUEST, "There is no text to read aloud.");
    }
    if (text.length() > settings.maxChars()) {
      throw new SpeechRefused(
          SpeechRefused.Why.TOO_LONG,
          "The text to read aloud is "
              + text.length()
              + " characters; at most "
              + settings.maxChars()
              + " can be read at once.");
    }
    String words = text.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
    if (words.isEmpty()) {
      throw new SpeechRefused(SpeechRefused.Why.BAD_REQUEST, "There is no text to read aloud.");
    }
    return words;
  }

  /** Stops whatever is being made now (the resident pressed Stop, or has gone). */
  public synchronized void stop() {
    if (current != null) {
      current.destroyForcibly();
      generation++;
    }
  }

  /** What was last read aloud, for tests and the technician's checks. */
  public Optional<Utterance> lastUtterance() {
    return Optional.ofNullable(last);
  }

  /** Forgets what was last read aloud: the resident has gone. */
  public void forget() {
    stop();
    last = null;
  }

  @Override
  public void close() {
    stop();
    readers.shutdownNow();
  }
}
