package uk.gov.council.cap.documents.seal;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks a sealed PDF with DSS, trusting the given sealing certificate(s) and nothing fetched from
 * the network.
 */
public final class SealCheck {
  private SealCheck() {}

  public static SealVerdict verify(byte[] pdf, List<X509Certificate> trusted) {
    return verify(pdf, trusted, Instant.now());
  }

  /**
   * Checks the seal as it stood at {@code at} (DSS's validation time): whether the certificate was
   * valid then, say. Tests pass a fixed instant, so a seal made at a fixed instant is judged the
   * same on any day the test runs.
   */
  public static SealVerdict verify(byte[] pdf, List<X509Certificate> trusted, Instant at) {
    CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
    trusted.forEach(c -> anchors.addCertificate(new CertificateToken(c)));
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    verifier.setTrustedCertSources(anchors);
    verifier.setAIASource(null);
    verifier.setCrlSource(null);
    verifier.setOcspSource(null);

    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
    validator.setCertificateVerifier(verifier);
    validator.setValidationTime(Date.from(at));
    Reports reports = validator.validateDocument();
    SimpleReport simple = reports.getSimpleReport();
    DiagnosticData diagnostic = reports.getDiagnosticData();
    List<SignatureWrapper> signatures = diagnostic.getSignatures();
    if (signatures.isEmpty()) return SealVerdict.unsealed();
    SignatureWrapper signature = signatures.get(signatures.size() - 1);
    String id = signature.getId();
    return new SealVerdict(
        true,
        signature.isSignatureIntact() && signature.isSignatureValid(),
        signature.getSignatureFormat() == null ? "" : signature.getSignatureFormat().toString(),
        String.valueOf(simple.getIndication(id)),
        simple.getSubIndication(id) == null ? "" : simple.getSubIndication(id).toString(),
        signature.getSigningCertificate() == null
            ? ""
            : signature.getSigningCertificate().getCommonName(),
        signature.getClaimedSigningTime() == null
            ? null
            : signature.getClaimedSigningTime().toInstant());
  }
}
