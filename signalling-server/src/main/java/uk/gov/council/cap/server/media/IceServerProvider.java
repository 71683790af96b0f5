package uk.gov.council.cap.server.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;

/**
 * Hands out STUN servers and TURN credentials that expire. The credentials follow the TURN REST API
 * scheme that coturn implements with {@code use-auth-secret}: the username is {@code
 * <expiry-epoch-seconds>:<who>} and the password is base64(HMAC-SHA1(secret, username)), so the
 * TURN server can check them without a shared database.
 */
public final class IceServerProvider {
  private final List<String> stunUrls;
  private final Optional<ServerConfig.Turn> turn;
  private final Clock clock;

  public IceServerProvider(List<String> stunUrls, Optional<ServerConfig.Turn> turn, Clock clock) {
    this.stunUrls = stunUrls;
    this.turn = turn;
    this.clock = clock;
  }

  public List<IceServer> forPrincipal(String who) {
    List<IceServer> servers = new ArrayList<>();
    if (!stunUrls.isEmpty()) {
      servers.add(new IceServer(stunUrls, null, null));
    }
    turn.ifPresent(
        t -> {
          long expiry = clock.now().plus(t.credentialLifetime()).getEpochSecond();
          String username = expiry + ":" + who;
          servers.add(
              new IceServer(t.urls(), username, hmacSha1Base64(t.sharedSecret(), username)));
        });
    return servers;
  }

  public long ttlSeconds() {
    return turn.map(t -> t.credentialLifetime().toSeconds()).orElse(0L);
  }

  static String hmacSha1Base64(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JVM", e);
    }
  }
}
