package uk.gov.council.cap.server.staff;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;

/**
 * Time-based one-time codes as every authenticator app makes them (RFC 6238 over RFC 4226:
 * HMAC-SHA1, 6 digits, 30-second steps). A code is accepted for the step before and after the
 * current one too, so a phone whose clock is a little out still works; replay is the caller's to
 * refuse by remembering the step {@link #match} returns (see {@link TotpRepository#use}).
 */
public final class Totp {
  public static final int DIGITS = 6;
  public static final long STEP_SECONDS = 30;

  /** 160 bits, the size RFC 4226 recommends and the HMAC-SHA1 block makes natural. */
  public static final int SECRET_BYTES = 20;

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final Clock clock;

  public Totp(Clock clock) {
    this.clock = clock;
  }

  /** The step (count of 30-second periods since 1970) it is now. */
  public long currentStep() {
    return Math.floorDiv(clock.now().getEpochSecond(), STEP_SECONDS);
  }

  /**
   * The step, within one of now, whose code {@code code} is; empty when it is none of them. All
   * three are compared, in constant time, so how long a wrong code takes says nothing.
   */
  public OptionalLong match(byte[] secret, String code) {
    if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long now = currentStep();
    long found = Long.MIN_VALUE;
    for (long step = now - 1; step <= now + 1; step++) {
      if (Digests.sameText(codeAt(secret, step, DIGITS), code) && found == Long.MIN_VALUE) {
        found = step;
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /** The code for a step (RFC 4226 section 5.3 dynamic truncation), zero-padded. */
  public static String codeAt(byte[] secret, long step, int digits) {
    return codeAt(secret, step, digits, "HmacSHA1");
  }

  static String codeAt(byte[] secret, long step, int digits, String hmac) {
    try {
      Mac mac = Mac.getInstance(hmac);
      mac.init(new SecretKeySpec(secret, hmac));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary =
          ((h[offset] & 0x7f) << 24)
              | ((h[offset + 1] & 0xff) << 16)
              | ((h[offset + 2] & 0xff) << 8)
              | (h[offset + 3] & 0xff);
      int modulus = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hmac + " is part of every Java runtime", e);
    }
  }

  /** RFC 4648 base32 without padding: what authenticator apps expect, in capitals. */
  public static String base32(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }

  /** Reads base32 as a person may type it: any case, spaces and padding ignored. */
  public static byte[] fromBase32(String text) {
    String s = text.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
    ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : s.toCharArray()) {
      int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
      if (v < 0) {
        throw new IllegalArgumentException("Not base32: " + c);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }

  /**
   * The {@code otpauth://} address an app reads from the QR code (Google Authenticator's key URI
   * format, which every app follows): issuer and account name shown in the app.
   */
  public static String keyUri(String issuer, String account, byte[] secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + base32(secret)
        + "&issuer="
        + encode(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP_SECONDS;
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
