package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.documents.forms.FormRecordPdf;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.documents.seal.SealCheck;
import uk.gov.council.cap.documents.seal.SealKeystore;
import uk.gov.council.cap.documents.seal.SealVerdict;

class CouncilSealTest {
  /**
   * The one instant the whole test lives at: the certificates are made then, the form sealed and
   * stamped then, and the seals checked an hour later. Nothing reads today's date, so the test
   * passes on any day it runs.
   */
  private static final Instant SEALED_AT = Instant.parse("2026-11-22T14:05:00Z");

  private static final Instant CHECKED_AT = SEALED_AT.plus(Duration.ofHours(1));

  @TempDir static Path dir;
  static CouncilSeal seal;
  static X509Certificate certificate;
  static byte[] sealed;

  @BeforeAll
  static void sealABlueBadgeRecord() throws Exception {
    SealKeystore keystore =
        new SealKeystore(dir.resolve("seal.p12"), "test-password".toCharArray());
    certificate = keystore.generateSelfSigned("Central Bedfordshire Council", SEALED_AT);
    seal = new CouncilSeal(keystore, Optional.empty(), "Central Bedfordshire Council");
    sealed =
        seal.seal(
            FormRecordPdf.compose(SampleForms.blueBadge()),
            "Form completed at a Customer Access Point",
            SEALED_AT);
  }

  @AfterAll
  static void close() {
    seal.close();
  }

  @Test
  void aFreshSealIsIntactAndPassesWhenTheCouncilCertificateIsTrusted() {
    SealVerdict verdict = SealCheck.verify(sealed, List.of(certificate), CHECKED_AT);
    assertThat(verdict.sealed()).isTrue();
    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.level()).isEqualTo("PAdES-BASELINE-B");
    assertThat(verdict.indication()).isEqualTo("TOTAL_PASSED");
    assertThat(verdict.signedBy()).contains("Central Bedfordshire Council");
  }

  @Test
  void changingOneByteOfTheSealedContentBreaksTheSeal() {
    byte[] tampered = sealed.clone();
    int inTheMiddleOfTheOriginal = tampered.length / 3;
    tampered[inTheMiddleOfTheOriginal] ^= 0x01;
    SealVerdict verdict = SealCheck.verify(tampered, List.of(certificate), CHECKED_AT);
    assertThat(verdict.intact()).isFalse();
    assertThat(verdict.indication()).isEqualTo("TOTAL_FAILED");
  }

  @Test
  void aSealFromAnotherCertificateIsNotTrusted() throws Exception {
    X509Certificate stranger =
        new SealKeystore(dir.resolve("other.p12"), "x".toCharArray())
            .generateSelfSigned("Elsewhere", SEALED_AT);
    SealVerdict verdict = SealCheck.verify(sealed, List.of(stranger), CHECKED_AT);
    assertThat(verdict.intact()).isTrue();
    assertThat(verdict.indication()).isNotEqualTo("TOTAL_PASSED");
  }

  @Test
  void withATimeStampAuthorityTheSealIsBaselineTAndStillPdfA() throws Exception {
    try (FakeTimeStampAuthority tsa = new FakeTimeStampAuthority(SEALED_AT.plusSeconds(1));
        CouncilSeal timestamped =
            new CouncilSeal(
                new SealKeystore(dir.resolve("seal.p12"), "test-password".toCharArray()),
                Optional.of(tsa.url()),
                "Central Bedfordshire Council")) {
      byte[] pdf =
          timestamped.seal(FormRecordPdf.compose(SampleForms.blueBadge()), "Form", SEALED_AT);
      assertThat(tsa.answered()).isEqualTo(1);
      SealVerdict verdict =
          SealCheck.verify(pdf, List.of(certificate, tsa.certificate), CHECKED_AT);
      assertThat(verdict.intact()).isTrue();
      assertThat(verdict.level()).isEqualTo("PAdES-BASELINE-T");
      assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
    }
  }

  @Test
  void anUnreachableTimeStampAuthorityIsAPlainErrorNotAnUnstampedSeal() throws Exception {
    try (CouncilSeal timestamped =
        new CouncilSeal(
            new SealKeystore(dir.resolve("seal.p12"), "test-password".toCharArray()),
            Optional.of("http://127.0.0.1:9/tsa"),
            "Central Bedfordshire Council")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  timestamped.seal(
                      FormRecordPdf.compose(SampleForms.blueBadge()), "Form", SEALED_AT))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("Could not seal the document");
    }
  }

  @Test
  void anUnsealedFileIsReportedAsUnsealed() throws Exception {
    assertThat(
            SealCheck.verify(
                    FormRecordPdf.compose(SampleForms.blueBadge()),
                    List.of(certificate),
                    CHECKED_AT)
                .sealed())
        .isFalse();
  }

  @Test
  void theSealedFileStillConformsToPdfA2b() throws Exception {
    assertThat(PdfAConformance.failuresOf(sealed)).isEmpty();
  }
}
