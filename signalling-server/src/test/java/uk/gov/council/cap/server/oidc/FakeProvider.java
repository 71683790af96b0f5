package uk.gov.council.cap.server.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import uk.gov.council.cap.server.Clock;

/**
 * A tiny OpenID Connect provider for unit tests: discovery, a JWKS and a token endpoint that checks
 * the client secret and the PKCE verifier, and signs ID tokens with a key made for the test. What
 * the next token says is up to the test ({@link #person}, {@link #tweak}), so each check on the
 * token is exercised by a token that fails only that one.
 */
final class FakeProvider implements AutoCloseable {
  static final String CLIENT_ID = "cap-test";
  static final String SECRET = "test-secret";

  private final Javalin app;
  private final RSAKey key;
  private final RSAKey strangerKey;
  private final Clock clock;
  private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

  volatile String subject = "subject-1";
  volatile String username = "pat";
  volatile String name = "Pat Council";
  volatile List<String> groups = List.of("cap-advisors");
  volatile UnaryOperator<JWTClaimsSet.Builder> tweak = UnaryOperator.identity();
  volatile boolean signWithStrangerKey;

  FakeProvider(Clock clock) throws Exception {
    this.clock = clock;
    this.key = new RSAKeyGenerator(2048).keyID("provider-key").generate();
    this.strangerKey = new RSAKeyGenerator(2048).keyID("provider-key").generate();
    app = Javalin.create();
    app.get("/.well-known/openid-configuration", ctx -> ctx.json(discovery()));
    app.get("/jwks", ctx -> ctx.json(new JWKSet(key.toPublicJWK()).toJSONObject()));
    app.post("/token", ctx -> tokenAnswer(ctx));
    app.start("127.0.0.1", 0);
  }

  String issuer() {
    return "http://127.0.0.1:" + app.port();
  }

  private Map<String, Object> discovery() {
    return Map.of(
        "issuer", issuer(),
        "authorization_endpoint", issuer() + "/authorize",
        "token_endpoint", issuer() + "/token",
        "jwks_uri", issuer() + "/jwks",
        "response_types_supported", List.of("code"),
        "subject_types_supported", List.of("public"),
        "id_token_signing_alg_values_supported", List.of("RS256"),
        "token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
  }

  /**
   * What the provider does when the person signs in at {@code authorisationUrl}: remembers the
   * nonce and PKCE challenge against a new code, and returns that code.
   */
  String authorise(URI authorisationUrl) {
    Map<String, String> q = query(authorisationUrl.getRawQuery());
    if (!"S256".equals(q.get("code_challenge_method")) || !CLIENT_ID.equals(q.get("client_id"))) {
      throw new AssertionError("not a PKCE S256 request for our client: " + q);
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, q);
    return code;
  }

  private void tokenAnswer(io.javalin.http.Context ctx) throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    if (!basic.equals(ctx.header("Authorization"))) {
      ctx.status(401).json(Map.of("error", "invalid_client"));
      return;
    }
    Map<String, String> form = query(ctx.body());
    Map<String, String> asked = codes.remove(form.getOrDefault("code", ""));
    if (asked == null || !asked.get("code_challenge").equals(s256(form.get("code_verifier")))) {
      ctx.status(400).json(Map.of("error", "invalid_grant"));
      return;
    }
    ctx.json(
        Map.of(
            "access_token",
            "access",
            "token_type",
            "Bearer",
            "expires_in",
            300,
            "id_token",
            idToken(asked.get("nonce"))));
  }

  private String idToken(String nonce) throws Exception {
    Date now = Date.from(clock.now());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject(subject)
            .audience(CLIENT_ID)
            .issueTime(now)
            .expirationTime(Date.from(clock.now().plus(Duration.ofMinutes(5))))
            .claim("nonce", nonce)
            .claim("preferred_username", username)
            .claim("name", name)
            .claim("groups", groups);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            tweak.apply(claims).build());
    jwt.sign(new RSASSASigner(signWithStrangerKey ? strangerKey : key));
    return jwt.serialize();
  }

  private static String s256(String verifier) throws Exception {
    if (verifier == null) {
      return "";
    }
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    app.stop();
  }
}
