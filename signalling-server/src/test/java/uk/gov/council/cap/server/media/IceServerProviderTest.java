package uk.gov.council.cap.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;

/** TURN credentials in the TURN REST API form that coturn checks with use-auth-secret. */
class IceServerProviderTest {

  @Test
  void turnCredentialsExpireAndAreSignedWithTheSharedSecret() {
    var turn =
        new ServerConfig.Turn(List.of("turn:turn.example:3478"), "north", Duration.ofHours(1));
    var provider =
        new IceServerProvider(
            List.of("stun:stun.example:3478"),
            Optional.of(turn),
            () -> Instant.ofEpochSecond(1_700_000_000L));
    List<IceServer> servers = provider.forPrincipal("kiosk-1");
    assertThat(servers).hasSize(2);
    assertThat(servers.get(0).urls()).containsExactly("stun:stun.example:3478");
    assertThat(servers.get(0).username()).isNull();
    IceServer t = servers.get(1);
    assertThat(t.username()).isEqualTo("1700003600:kiosk-1");
    // Vector computed independently: base64(HMAC-SHA1("north", "1700003600:kiosk-1")).
    assertThat(t.credential()).isEqualTo("s/B/b8kaLSByrL5lXBnw+ejum38=");
    assertThat(provider.ttlSeconds()).isEqualTo(3600);
  }

  @Test
  void withNothingConfiguredClientsGetNoIceServers() {
    assertThat(new IceServerProvider(List.of(), Optional.empty(), Instant::now).forPrincipal("x"))
        .isEmpty();
  }
}
