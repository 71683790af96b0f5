package uk.gov.council.cap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.demo.DemoData;

/**
 * No password or secret is ever printed from the settings; only the demo prints its own, and says
 * they are demo ones.
 */
class ServerConfigSecretsTest {
  @Test
  void theSettingsPrintWithoutAnyOfTheirSecrets() {
    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.ofEntries(
                Map.entry(
                    "CAP_JDBC_URL",
                    "jdbc:postgresql://db.council.example/cap?user=cap&password=pg-url-secret"),
                Map.entry("CAP_JDBC_PASSWORD", "pg-secret"),
                Map.entry("CAP_TLS_KEYSTORE", "/etc/cap/tls.p12"),
                Map.entry("CAP_TLS_KEYSTORE_PASSWORD", "tls-secret"),
                Map.entry("CAP_TURN_URLS", "turn:turn.council.example"),
                Map.entry("CAP_TURN_SECRET", "turn-secret"),
                Map.entry("CAP_SEAL_KEYSTORE", "/etc/cap/seal.p12"),
                Map.entry("CAP_SEAL_KEYSTORE_PASSWORD", "seal-secret"),
                Map.entry("CAP_STRIPE_SECRET_KEY", "sk_live_stripe-secret"),
                Map.entry("CAP_STRIPE_WEBHOOK_SECRET", "whsec_webhook-secret"),
                Map.entry("CAP_SMTP_HOST", "smtp.council.example"),
                Map.entry("CAP_SMTP_USER", "mailer"),
                Map.entry("CAP_SMTP_PASSWORD", "smtp-secret")));
    String printed = config.toString();
    assertThat(printed)
        .doesNotContain(
            "pg-url-secret",
            "pg-secret",
            "tls-secret",
            "turn-secret",
            "seal-secret",
            "stripe-secret",
            "webhook-secret",
            "smtp-secret");
    // Still useful to read: the settings themselves are there.
    assertThat(printed)
        .contains(
            "db.council.example",
            "/etc/cap/tls.p12",
            "turn:turn.council.example",
            "/etc/cap/seal.p12",
            "smtp.council.example",
            "(hidden)");
  }

  @Test
  void theDemoSaysThePasswordsItPrintsAreItsOwnDemoOnes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DemoData.Demo(
            "kiosk-1",
            "kiosk-secret",
            "advisor",
            "advisor-pw",
            "supervisor",
            "supervisor-pw",
            "technician",
            "technician-pw",
            "admin",
            "admin-pw",
            "Ampthill Library")
        .print("http://localhost:8080", new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("DEMO passwords", "not for real use", "advisor-pw");
    assertThat(printed).doesNotContain("kiosk-secret");
  }
}
