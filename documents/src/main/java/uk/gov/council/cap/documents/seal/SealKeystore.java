package uk.gov.council.cap.documents.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Where the council's sealing key lives: a PKCS#12 file, with its password. */
public record SealKeystore(Path file, char[] password) {

  /** Whether the keystore exists yet. */
  public boolean exists() {
    return Files.isRegularFile(file);
  }

  /**
   * Makes a self-signed sealing certificate, for demos and tests only: a real council uses a
   * certificate from a trust service provider, so that others can check the seal without trusting
   * this file.
   */
  public X509Certificate generateSelfSigned(String councilName) throws IOException {
    return generateSelfSigned(councilName, Instant.now());
  }

  /**
   * As {@link #generateSelfSigned(String)}, as if made at {@code madeAt}: valid from a day before
   * it, for three years. Tests pass the instant they seal at, so the certificate is valid then
   * whatever today's date is.
   */
  public X509Certificate generateSelfSigned(String councilName, Instant madeAt) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
      KeyPair pair = generator.generateKeyPair();
      X500Name subject =
          new X500Name(
              "CN="
                  + councilName.replaceAll("[,=+<>#;\"\\\\]", " ")
                  + " document seal (self-signed demo), O="
                  + councilName.replaceAll("[,=+<>#;\"\\\\]", " ")
                  + ", C=GB");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(madeAt.minus(Duration.ofDays(1))),
              Date.from(madeAt.plus(Duration.ofDays(3 * 365))),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));

      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("seal", pair.getPrivate(), password, new Certificate[] {certificate});
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password);
      }
      return certificate;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Could not create a self-signed sealing certificate", e);
    }
  }

  KeyStore load() throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "Could not open the sealing keystore " + file + " (wrong password or not PKCS#12?)", e);
    }
  }
}
