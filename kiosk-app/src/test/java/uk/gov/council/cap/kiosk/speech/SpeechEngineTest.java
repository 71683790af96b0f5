package uk.gov.council.cap.kiosk.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.Await;

/** The real espeak-ng (Debian package espeak-ng, in .ci/run's packages) makes the speech. */
class SpeechEngineTest {
  private SpeechEngine engine = SpeechEngine.start(SpeechSettings.DEFAULTS);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void englishAndPolishWordsBecomeAudibleSpeech() throws Exception {
    assertThat(engine.available()).as("espeak-ng is installed").isTrue();

    byte[] english = engine.speak("Welcome. Talk to someone from the council.", "en");
    assertThat(rms(english)).as("English speech has signal").isGreaterThan(0.01);
    assertThat(engine.lastUtterance().orElseThrow().voice()).isEqualTo("en-gb");

    byte[] polish = engine.speak("Witamy. Porozmawiaj z pracownikiem urzędu.", "pl");
    assertThat(rms(polish)).as("Polish speech has signal").isGreaterThan(0.01);
    SpeechEngine.Utterance last = engine.lastUtterance().orElseThrow();
    assertThat(last.text()).isEqualTo("Witamy. Porozmawiaj z pracownikiem urzędu.");
    assertThat(last.voice()).isEqualTo("pl");
  }

  @Test
  void theWavSaysHowLongItIsSoTheBrowserCanPlayIt() throws Exception {
    byte[] wav = engine.speak("Hello", "en-GB");
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
    assertThat(b.getInt(40)).isEqualTo(wav.length - 44);
  }

  @Test
  void textIsReadAsTextNeverAsMarkupOrOptions() throws Exception {
    byte[] wav = engine.speak("--version <speak>-w /tmp/x</speak>\u0007 \n done", "en");
    assertThat(rms(wav)).isGreaterThan(0.01);
    assertThat(engine.lastUtterance().orElseThrow().text())
        .isEqualTo("--version <speak>-w /tmp/x</speak> done");
  }

  @Test
  void tooLongBlankOrOddLanguagesAreRefusedInPlainWords() {
    engine.close();
    engine =
        SpeechEngine.start(new SpeechSettings(true, "espeak-ng", 145, 20, Duration.ofSeconds(10)));
    assertThatThrownBy(() -> engine.speak("x".repeat(21), "en"))
        .isInstanceOfSatisfying(
            SpeechRefused.class, e -> assertThat(e.why()).isEqualTo(SpeechRefused.Why.TOO_LONG))
        .hasMessageContaining("at most 20");
    assertThatThrownBy(() -> engine.speak(" \n\t ", "en"))
        .isInstanceOfSatisfying(
            SpeechRefused.class, e -> assertThat(e.why()).isEqualTo(SpeechRefused.Why.BAD_REQUEST))
        .hasMessage("There is no text to read aloud.");
    assertThatThrownBy(() -> engine.speak("Hello", "-w /etc/passwd"))
        .isInstanceOfSatisfying(
            SpeechRefused.class, e -> assertThat(e.why()).isEqualTo(SpeechRefused.Why.BAD_REQUEST))
        .hasMessageContaining("code such as en or pl");
    assertThatThrownBy(() -> engine.speak("Hello", "zz"))
        .isInstanceOfSatisfying(
            SpeechRefused.class, e -> assertThat(e.why()).isEqualTo(SpeechRefused.Why.FAILED))
        .hasMessageContaining("voice does not exist");
  }

  @Test
  void speechThatTakesTooLongIsStopped() {
    engine.close();
    // A time limit no real utterance meets.
    engine =
        SpeechEngine.start(new SpeechSettings(true, "espeak-ng", 145, 4000, Duration.ofMillis(1)));
    assertThatThrownBy(() -> engine.speak("Welcome. ".repeat(300), "en"))
        .isInstanceOfSatisfying(
            SpeechRefused.class, e -> assertThat(e.why()).isEqualTo(SpeechRefused.Why.TOO_SLOW));
  }

  @Test
  void newWordsReplaceWordsStillBeingMade() throws Exception {
    Path folder = Files.createTempDirectory("speech");
    Path started = folder.resolve("slow-started");
    // espeak-ng behind a wrapper that, for text saying "slow", stalls until it is stopped.
    Path wrapper = folder.resolve("slow-espeak-ng");
    Files.writeString(
        wrapper,
        "#!/bin/bash\n"
            + "[ \"$1\" = --version ] && exit 0\n"
            + "text=$(cat)\n"
            + "case \"$text\" in *slow*) touch '"
            + started
            + "'; exec sleep 60;; esac\n"
            + "printf '%s' \"$text\" | exec espeak-ng \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    engine.close();
    engine =
        SpeechEngine.start(
            new SpeechSettings(true, wrapper.toString(), 145, 4000, Duration.ofSeconds(30)));

    CompletableFuture<byte[]> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return engine.speak("slow words", "en");
              } catch (SpeechRefused e) {
                throw new CompletionException(e);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Await.until("the slow words are being made", () -> Files.exists(started));
    assertThat(rms(engine.speak("Quick words", "en"))).isGreaterThan(0.01);
    assertThatThrownBy(slow::join)
        .hasCauseInstanceOf(SpeechRefused.class)
        .hasMessageContaining("Other words were asked for");
    assertThat(engine.lastUtterance().orElseThrow().text()).isEqualTo("Quick words");
  }

  @Test
  void withoutEspeakNgListenIsNotOffered() {
    engine.close();
    engine =
        SpeechEngine.start(
            new SpeechSettings(true, "/nonexistent/espeak-ng", 145, 4000, Duration.ofSeconds(10)));
    assertThat(engine.available()).isFalse();
    assertThatThrownBy(() -> engine.speak("Hello", "en"))
        .isInstanceOfSatisfying(
            SpeechRefused.class, e -> assertThat(e.why()).isEqualTo(SpeechRefused.Why.UNAVAILABLE));

    engine.close();
    engine =
        SpeechEngine.start(
            new SpeechSettings(false, "espeak-ng", 145, 4000, Duration.ofSeconds(10)));
    assertThat(engine.available()).as("turned off").isFalse();
  }

  /** Root mean square of the 16-bit samples after the 44-byte header, from 0 to 1. */
  static double rms(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
    double sum = 0;
    int n = 0;
    while (b.remaining() >= 2) {
      double s = b.getShort() / 32768.0;
      sum += s * s;
      n++;
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }
}
