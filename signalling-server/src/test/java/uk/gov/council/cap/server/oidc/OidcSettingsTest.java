package uk.gov.council.cap.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;

class OidcSettingsTest {
  private static final Map<String, String> COMPLETE =
      Map.of(
          "CAP_OIDC_ISSUER", "https://login.microsoftonline.com/tenant/v2.0",
          "CAP_OIDC_CLIENT_ID", "client",
          "CAP_OIDC_CLIENT_SECRET", "very-secret",
          "CAP_OIDC_REDIRECT_URI", "https://cap.council.example/auth/oidc/callback",
          "CAP_OIDC_ROLE_GROUPS", "ADVISOR=g1",
          "CAP_OIDC_GROUPS_CLAIM", "roles",
          "CAP_OIDC_NEW_STAFF_THEMES", "general, housing");

  @Test
  void offUnlessAnIssuerIsSet() {
    ServerConfig.Oidc oidc = ServerConfig.defaults().oidc();
    assertThat(oidc.enabled()).isFalse();
    assertThat(oidc.localPasswords()).isTrue();
    assertThat(oidc.groupsClaim()).isEqualTo("groups");
  }

  @Test
  void readsEverySettingAndNeverShowsTheSecret() {
    ServerConfig config = ServerConfig.fromEnvironment(COMPLETE);
    ServerConfig.Oidc oidc = config.oidc();
    assertThat(oidc.enabled()).isTrue();
    assertThat(oidc.groupsClaim()).isEqualTo("roles");
    assertThat(oidc.newStaffThemes()).containsExactly("general", "housing");
    assertThat(config.toString()).contains("client").doesNotContain("very-secret");
  }

  @Test
  void anIssuerWithoutTheRestStopsTheServerSayingWhatIsMissing() {
    assertThatThrownBy(
            () ->
                ServerConfig.fromEnvironment(
                    Map.of("CAP_OIDC_ISSUER", "https://sso.council.example/realms/council")))
        .hasMessageContaining(
            "CAP_OIDC_CLIENT_ID, CAP_OIDC_CLIENT_SECRET, CAP_OIDC_REDIRECT_URI, CAP_OIDC_ROLE_GROUPS");
  }

  @Test
  void plainHttpOnlyOnThisMachine() {
    var env = new java.util.HashMap<>(COMPLETE);
    env.put("CAP_OIDC_ISSUER", "http://sso.council.example/realms/council");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
        .hasMessageContaining("CAP_OIDC_ISSUER must be an https:// address");
    env.put("CAP_OIDC_ISSUER", "http://localhost:8081/realms/council");
    assertThat(ServerConfig.fromEnvironment(env).oidc().enabled()).isTrue();
  }
}
