package uk.gov.council.cap.server.staff;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.gov.council.cap.server.testing.FakeClock;

/** RFC 6238's own test vectors, the drift window, and the base32 an app is given. */
class TotpTest {
  /** The SHA-1 key of RFC 6238 appendix B. */
  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void makesTheCodesOfRfc6238AppendixB(long unixSeconds, String expected) {
    assertThat(Totp.codeAt(RFC_KEY, unixSeconds / Totp.STEP_SECONDS, 8)).isEqualTo(expected);
  }

  @Test
  void sixDigitCodesAreTheLastSixOfTheRfcsEightAndMatchAtThatTime() {
    Totp totp = new Totp(() -> Instant.ofEpochSecond(1111111109));
    assertThat(totp.match(RFC_KEY, "081804")).hasValue(1111111109 / 30);
    assertThat(totp.match(RFC_KEY, "081805")).isEmpty();
  }

  @Test
  void acceptsOneStepEitherSideForAPhoneWhoseClockIsOutButNoMore() {
    FakeClock clock = FakeClock.stopped();
    Totp totp = new Totp(clock);
    long now = totp.currentStep();
    for (long offset = -1; offset <= 1; offset++) {
      assertThat(totp.match(RFC_KEY, Totp.codeAt(RFC_KEY, now + offset, 6)))
          .as("offset %d", offset)
          .hasValue(now + offset);
    }
    assertThat(totp.match(RFC_KEY, Totp.codeAt(RFC_KEY, now - 2, 6))).isEmpty();
    assertThat(totp.match(RFC_KEY, Totp.codeAt(RFC_KEY, now + 2, 6))).isEmpty();
  }

  @Test
  void refusesWhatIsNotSixDigits() {
    Totp totp = new Totp(FakeClock.stopped());
    String code = Totp.codeAt(RFC_KEY, totp.currentStep(), 6);
    assertThat(totp.match(RFC_KEY, null)).isEmpty();
    assertThat(totp.match(RFC_KEY, code + "0")).isEmpty();
    assertThat(totp.match(RFC_KEY, code.substring(1))).isEmpty();
    assertThat(totp.match(RFC_KEY, "12345a")).isEmpty();
  }

  @Test
  void base32IsRfc4648AndReadsBackHowEverItIsTyped() {
    // RFC 4648 section 10 vectors, without padding.
    assertThat(Totp.base32("foobar".getBytes(US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(Totp.base32("f".getBytes(US_ASCII))).isEqualTo("MY");
    assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(RFC_KEY);
    assertThat(Totp.fromBase32("MZXW6YTBOI======")).isEqualTo("foobar".getBytes(US_ASCII));
  }

  @Test
  void theAppsAddressNamesTheIssuerAndThePersonAndCarriesTheSecret() {
    assertThat(Totp.keyUri("Test Council CAP", "alex", RFC_KEY))
        .isEqualTo(
            "otpauth://totp/Test%20Council%20CAP:alex?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Test%20Council%20CAP&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void theQrCodeIsAPlainSvgWithNoStyles() {
    String svg = TotpRoutes.svg(Totp.keyUri("Test Council CAP", "alex", RFC_KEY));
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").doesNotContain("style");
    assertThat(TotpRoutes.grouped("ABCDEFGHIJ")).isEqualTo("ABCD EFGH IJ");
  }
}
