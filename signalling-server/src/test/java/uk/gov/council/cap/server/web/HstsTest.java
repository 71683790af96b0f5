package uk.gov.council.cap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;

/**
 * Strict-Transport-Security is sent whenever browsers reach the server over HTTPS: when it speaks
 * TLS itself, and when CAP_HSTS says a TLS proxy stands in front of it; never on plain HTTP
 * otherwise.
 */
class HstsTest {

  @Test
  void underTlsEveryAnswerCarriesStrictTransportSecurity() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cap-hsts");
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "cap",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .inheritIO()
            .start();
    assertThat(keytool.waitFor()).isZero();

    try (CapServer server =
        CapServer.start(
            config(
                dir,
                Map.of(
                    "CAP_TLS_KEYSTORE",
                    keystore.toString(),
                    "CAP_TLS_KEYSTORE_PASSWORD",
                    "changeit")))) {
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
      for (String path : new String[] {"/api/health", "/", "/api/no-such-thing"}) {
        HttpResponse<String> r =
            https.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Strict-Transport-Security"))
            .as(path)
            .hasValue("max-age=31536000");
      }
    }
  }

  @Test
  void behindATlsProxyItIsSentWhenConfiguredAndOnPlainHttpOtherwiseNot() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cap-hsts");
    try (CapServer proxied =
            CapServer.start(
                config(
                    dir.resolve("a"), Map.of("CAP_HSTS", "true", "CAP_HSTS_MAX_AGE_DAYS", "30")));
        CapServer plain = CapServer.start(config(dir.resolve("b"), Map.of()))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> viaProxy =
          http.send(
              HttpRequest.newBuilder(URI.create(proxied.baseUrl() + "/api/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(viaProxy.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=2592000");
      HttpResponse<String> bare =
          http.send(
              HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/api/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bare.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
  }

  private static ServerConfig config(Path dir, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CAP_PORT",
                "0",
                "CAP_HOST",
                "localhost",
                "CAP_DATA_DIR",
                dir.resolve("data").toString()));
    env.putAll(extra);
    return ServerConfig.fromEnvironment(env);
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      trust.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
