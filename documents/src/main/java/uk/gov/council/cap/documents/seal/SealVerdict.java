package uk.gov.council.cap.documents.seal;

import java.time.Instant;

/**
 * What a seal check found.
 *
 * @param intact the signed bytes are unchanged and the signature value matches the certificate
 * @param indication DSS's overall verdict (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED)
 */
public record SealVerdict(
    boolean sealed,
    boolean intact,
    String level,
    String indication,
    String subIndication,
    String signedBy,
    Instant signedAt) {
  static SealVerdict unsealed() {
    return new SealVerdict(false, false, "", "NO_SIGNATURE", "", "", null);
  }
}
