package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;

/**
 * Payment settings come from the environment; secrets never appear when the configuration is
 * printed.
 */
class PaymentSettingsTest {

  @Test
  void stripeSecretsAreReadFromTheEnvironmentButNeverPrinted() {
    // Made up here, each run: no key of any kind lives in the repository.
    String key = "sk_test_" + java.util.UUID.randomUUID().toString().replace("-", "");
    String webhookSecret = "whsec_" + java.util.UUID.randomUUID().toString().replace("-", "");
    ServerConfig config =
        ServerConfig.fromEnvironment(
            Map.of(
                "CAP_STRIPE_SECRET_KEY",
                key,
                "CAP_STRIPE_WEBHOOK_SECRET",
                webhookSecret,
                "CAP_PAYMENT_MAX_PENCE",
                "50000"));
    assertThat(config.payments().stripeSecretKey()).contains(key);
    assertThat(config.payments().maxPence()).isEqualTo(50_000);
    assertThat(config.toString())
        .doesNotContain(key)
        .doesNotContain(webhookSecret)
        .contains("stripe=configured", "webhooks=configured");
    assertThat(ServerConfig.defaults().payments().toString()).contains("simulated reader");
  }

  @Test
  void aCouncilCatalogueWithAWrongAmountStopsStartUpNamingTheProblem() throws Exception {
    Path file = Files.createTempFile("catalogue", ".json");
    Files.writeString(file, "[{\"id\":\"permit\",\"label\":\"Permit\",\"pence\":0}]");
    assertThatThrownBy(() -> PaymentCatalogue.load(Optional.of(file), new PaymentRules(100_000)))
        .hasMessage("Payment catalogue item \"permit\": Enter an amount of more than £0.00");
    Files.writeString(
        file,
        "[{\"id\":\"permit\",\"label\":\"Permit\",\"pence\":1500,\"fundCode\":\"X1\",\"vatCode\":\"OS\"}]");
    assertThat(PaymentCatalogue.load(Optional.of(file), new PaymentRules(100_000)).items())
        .hasSize(1);
  }
}
