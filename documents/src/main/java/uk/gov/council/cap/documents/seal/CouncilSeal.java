package uk.gov.council.cap.documents.seal;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Seals PDFs with the council's certificate as a PAdES baseline signature: B-B, or B-T when a
 * time-stamp authority is configured. The seal covers the whole file, so any later change can be
 * detected.
 */
public final class CouncilSeal implements AutoCloseable {
  private final KeyStoreSignatureTokenConnection token;
  private final DSSPrivateKeyEntry key;
  private final PAdESService service;
  private final SignatureLevel level;
  private final String councilName;

  public CouncilSeal(
      SealKeystore keystore, Optional<String> timeStampAuthorityUrl, String councilName)
      throws IOException {
    keystore.load(); // fails early, with a plain message, on a wrong password
    this.token =
        new KeyStoreSignatureTokenConnection(
            keystore.file().toFile(),
            "PKCS12",
            new KeyStore.PasswordProtection(keystore.password()));
    List<DSSPrivateKeyEntry> keys = token.getKeys();
    if (keys.isEmpty())
      throw new IOException("The sealing keystore " + keystore.file() + " holds no private key");
    this.key = keys.get(0);
    this.service = new PAdESService(new CommonCertificateVerifier());
    timeStampAuthorityUrl.ifPresent(url -> service.setTspSource(new OnlineTSPSource(url)));
    this.level =
        timeStampAuthorityUrl.isPresent()
            ? SignatureLevel.PAdES_BASELINE_T
            : SignatureLevel.PAdES_BASELINE_B;
    this.councilName = councilName;
  }

  public SignatureLevel level() {
    return level;
  }

  public X509Certificate certificate() {
    return key.getCertificate().getCertificate();
  }

  /**
   * Returns the sealed file: the original bytes followed by an incremental update holding the
   * signature.
   */
  public byte[] seal(byte[] pdf, String reason, Instant at) throws IOException {
    PAdESSignatureParameters parameters = new PAdESSignatureParameters();
    parameters.setSignatureLevel(level);
    parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
    parameters.setSigningCertificate(key.getCertificate());
    parameters.setCertificateChain(key.getCertificateChain());
    parameters.setReason(reason);
    parameters.setSignerName(councilName);
    parameters.setLocation("United Kingdom");
    parameters.setAppName("Customer Access Point");
    parameters.bLevel().setSigningDate(Date.from(at));

    DSSDocument document = new InMemoryDocument(pdf);
    try {
      ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
      SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
      DSSDocument sealed = service.signDocument(document, parameters, value);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16_384);
      sealed.writeTo(out);
      return out.toByteArray();
    } catch (RuntimeException e) {
      // DSS reports a time-stamp authority that cannot be reached, or a broken input, as unchecked
      // exceptions.
      throw new IOException("Could not seal the document: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    token.close();
  }
}
