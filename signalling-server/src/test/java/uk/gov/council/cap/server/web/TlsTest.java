package uk.gov.council.cap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;

/** TLS is one setting: with a keystore configured, the same port speaks HTTPS (and so WSS). */
class TlsTest {

  @Test
  void withAKeystoreConfiguredTheServerSpeaksHttps() throws Exception {
    Path dir = Files.createTempDirectory("cap-tls");
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

    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of(
                "CAP_PORT",
                "0",
                "CAP_HOST",
                "localhost",
                "CAP_DATA_DIR",
                dir.resolve("data").toString(),
                "CAP_TLS_KEYSTORE",
                keystore.toString(),
                "CAP_TLS_KEYSTORE_PASSWORD",
                "changeit"));
    try (CapServer server = CapServer.start(config)) {
      assertThat(server.baseUrl()).startsWith("https://localhost:");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        trust.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .sslContext(ssl)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"status\":\"ok\"");
    }
  }
}
