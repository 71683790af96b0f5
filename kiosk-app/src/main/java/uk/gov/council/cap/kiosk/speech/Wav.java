package uk.gov.council.cap.kiosk.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The one thing kiosk-app does to espeak-ng's WAV before the page plays it. */
final class Wav {
  private static final int HEADER = 44;

  private Wav() {}

  /**
   * espeak-ng writing to a pipe cannot go back to fill in the WAV's lengths, so it writes "as long
   * as can be"; the lengths are set here from what arrived, so the browser knows the duration.
   */
  static byte[] withTrueLengths(byte[] wav) throws SpeechRefused {
    if (wav.length < HEADER
        || !ascii(wav, 0, "RIFF")
        || !ascii(wav, 8, "WAVE")
        || !ascii(wav, 36, "data")) {
      throw new SpeechRefused(SpeechRefused.Why.FAILED, "The speech program gave no WAV audio.");
    }
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4, wav.length - 8);
    b.putInt(40, wav.length - HEADER);
    return wav;
  }

  private static boolean ascii(byte[] bytes, int at, String expected) {
    return new String(bytes, at, 4, StandardCharsets.US_ASCII).equals(expected);
  }
}
