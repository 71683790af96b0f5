package uk.gov.council.cap.provisioning.selftest;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import uk.gov.council.cap.provisioning.selftest.SelfTestCommand.Check;

/** The microphone and speaker the call uses, through the Java sound system (ALSA on the kiosk). */
final class AudioCheck {
  private static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);

  private AudioCheck() {}

  /**
   * Records half a second and reports the loudest sound; a silent microphone passes but says so.
   */
  static Check microphone() {
    try (TargetDataLine line = AudioSystem.getTargetDataLine(FORMAT)) {
      line.open(FORMAT);
      line.start();
      byte[] buffer = new byte[16_000];
      int read = line.read(buffer, 0, buffer.length);
      line.stop();
      int peak = 0;
      for (int i = 0; i + 1 < read; i += 2) {
        peak = Math.max(peak, Math.abs((short) ((buffer[i + 1] << 8) | (buffer[i] & 0xff))));
      }
      String level =
          peak == 0
              ? "heard nothing at all: check it is not muted"
              : "loudest sound " + Math.round(100.0 * peak / 32768) + "%";
      return new Check("Microphone", true, line.getLineInfo() + ": " + level, "");
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      return new Check(
          "Microphone",
          false,
          "No microphone could be opened (" + e.getMessage() + ")",
          "Plug in the kiosk's microphone, check it is not muted (alsamixer), and that the kiosk user is in the audio group.");
    }
  }

  /** Plays a short quiet tone; the technician should hear it. */
  static Check speaker() {
    try (SourceDataLine line = AudioSystem.getSourceDataLine(FORMAT)) {
      line.open(FORMAT);
      line.start();
      byte[] tone = new byte[16_000 / 3 * 2];
      for (int i = 0; i < tone.length / 2; i++) {
        short s = (short) (Math.sin(2 * Math.PI * 440 * i / 16_000.0) * 4000);
        tone[2 * i] = (byte) s;
        tone[2 * i + 1] = (byte) (s >> 8);
      }
      line.write(tone, 0, tone.length);
      line.drain();
      return new Check("Speaker", true, "Played a short tone: you should have heard it", "");
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      return new Check(
          "Speaker",
          false,
          "No speaker could be opened (" + e.getMessage() + ")",
          "Plug in the kiosk's speaker, check the volume (alsamixer), and that the kiosk user is in the audio group.");
    }
  }
}
