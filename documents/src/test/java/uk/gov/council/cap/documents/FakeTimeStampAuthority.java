package uk.gov.council.cap.documents;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 time-stamp authority over HTTP on loopback (BouncyCastle), counting the requests
 * it answers. Its clock is stopped at the instant it is given: every token says that time, and its
 * certificate is valid around it.
 */
final class FakeTimeStampAuthority implements AutoCloseable {
  private final HttpServer http;
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicLong serial = new AtomicLong(1);
  final X509Certificate certificate;

  FakeTimeStampAuthority(Instant at) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=Test Time-Stamp Authority, C=GB");
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.TEN,
            Date.from(at.minus(Duration.ofDays(1))),
            Date.from(at.plus(Duration.ofDays(30))),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", pair.getPrivate(), certificate),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
            new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
    tokens.addCertificates(new JcaCertStore(List.of(certificate)));
    TimeStampResponseGenerator responses =
        new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);

    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/tsa",
        exchange -> {
          try {
            TimeStampRequest request =
                new TimeStampRequest(exchange.getRequestBody().readAllBytes());
            byte[] reply =
                responses
                    .generate(request, BigInteger.valueOf(serial.getAndIncrement()), Date.from(at))
                    .getEncoded();
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(reply);
            }
            answered.incrementAndGet();
          } catch (Exception e) {
            exchange.sendResponseHeaders(400, -1);
            throw new IOException(e);
          }
        });
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/tsa";
  }

  int answered() {
    return answered.get();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
