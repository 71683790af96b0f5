package uk.gov.council.cap.server.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;

/**
 * The council's OpenID Connect provider as this server talks to it, through Nimbus: its discovery
 * document (read on first use, and again after a failure, so a provider that is down when the
 * server starts does not stop the server or local sign-in), the authorisation URL with state, nonce
 * and PKCE, the code exchange as a confidential client, and every check on the ID token.
 */
final class Provider {
  private static final Logger LOG = LoggerFactory.getLogger(Provider.class);

  /** How far the provider's clock and ours may disagree when checking a token's times. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /**
   * Asymmetric algorithms only: a token signed with the client secret (HS256) or none is refused.
   */
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private static final int JWKS_MAX_BYTES = 256 * 1024;

  private final ServerConfig.Oidc config;
  private final Clock clock;
  private final Issuer issuer;
  private final ClientID clientId;
  private final URI redirectUri;
  private final AtomicReference<Discovered> discovered = new AtomicReference<>();

  Provider(ServerConfig.Oidc config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.issuer = new Issuer(config.issuer().orElseThrow());
    this.clientId = new ClientID(config.clientId());
    this.redirectUri = URI.create(config.redirectUri());
  }

  private record Discovered(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys) {}

  /** The provider could not be used; {@link #refusal} says how to tell the person. */
  static final class Failure extends Exception {
    final Refusal refusal;

    Failure(Refusal refusal, String message, Throwable cause) {
      super(message, cause);
      this.refusal = refusal;
    }
  }

  /** What the ID token says about the person, once every check has passed. */
  record Person(
      String subject, Optional<String> username, Optional<String> name, List<String> groups) {}

  private Discovered discovered() throws Failure {
    Discovered d = discovered.get();
    if (d != null) {
      return d;
    }
    int timeout = (int) config.providerTimeout().toMillis();
    try {
      // Nimbus checks that the document names the same issuer we asked for.
      OIDCProviderMetadata m = OIDCProviderMetadata.resolve(issuer, timeout, timeout);
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.<SecurityContext>create(
                  m.getJWKSetURI().toURL(),
                  new DefaultResourceRetriever(timeout, timeout, JWKS_MAX_BYTES))
              .build();
      d = new Discovered(m, keys);
      discovered.compareAndSet(null, d);
      return d;
    } catch (Exception e) {
      LOG.warn("Council sign-in: could not read {}'s discovery document: {}", issuer, e.toString());
      throw new Failure(Refusal.PROVIDER, "discovery failed", e);
    }
  }

  /** Where to send the browser to sign in, carrying {@code state}, {@code nonce} and PKCE S256. */
  URI authorisationUrl(String state, String nonce, String codeVerifier) throws Failure {
    OIDCProviderMetadata m = discovered().metadata();
    return new AuthenticationRequest.Builder(
            new ResponseType(ResponseType.Value.CODE),
            new Scope("openid", "profile", "email"),
            clientId,
            redirectUri)
        .endpointURI(m.getAuthorizationEndpointURI())
        .state(new State(state))
        .nonce(new Nonce(nonce))
        .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /** Exchanges the code for tokens and checks the ID token; returns who it says signed in. */
  Person redeem(String code, String codeVerifier, String expectedNonce) throws Failure {
    Discovered d = discovered();
    JWT idToken;
    try {
      TokenRequest request =
          new TokenRequest(
              d.metadata().getTokenEndpointURI(),
              clientAuthentication(d.metadata()),
              new AuthorizationCodeGrant(
                  new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier)));
      HTTPRequest http = request.toHTTPRequest();
      http.setConnectTimeout((int) config.providerTimeout().toMillis());
      http.setReadTimeout((int) config.providerTimeout().toMillis());
      TokenResponse response = OIDCTokenResponseParser.parse(http.send());
      if (!response.indicatesSuccess()) {
        LOG.warn(
            "Council sign-in: the provider refused the code: {}",
            response.toErrorResponse().getErrorObject());
        throw new Failure(Refusal.PROVIDER, "token request refused", null);
      }
      idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
    } catch (Failure f) {
      throw f;
    } catch (Exception e) {
      LOG.warn("Council sign-in: the token request failed: {}", e.toString());
      throw new Failure(Refusal.PROVIDER, "token request failed", e);
    }
    return check(idToken, expectedNonce, d.keys());
  }

  private ClientAuthentication clientAuthentication(OIDCProviderMetadata m) {
    Secret secret = new Secret(config.clientSecret());
    List<ClientAuthenticationMethod> methods = m.getTokenEndpointAuthMethods();
    // client_secret_basic is the default when the provider does not say (RFC 8414).
    if (methods == null
        || methods.isEmpty()
        || methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)) {
      return new ClientSecretBasic(clientId, secret);
    }
    return new ClientSecretPost(clientId, secret);
  }

  /**
   * Every check on an ID token: signed by one of the provider's published keys with an asymmetric
   * algorithm, from our issuer, for our client, in date by our clock, and carrying the nonce this
   * browser's sign-in was started with.
   */
  Person check(JWT idToken, String expectedNonce, JWKSource<SecurityContext> keys) throws Failure {
    JWTClaimsSet claims;
    try {
      if (!(idToken instanceof SignedJWT signed)) {
        throw new Failure(Refusal.TOKEN, "unsigned ID token", null);
      }
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
      // The times are checked below by the server's own clock, not the JVM's.
      processor.setJWTClaimsSetVerifier((c, ctx) -> {});
      claims = processor.process(signed, null);
    } catch (Failure f) {
      throw f;
    } catch (Exception e) {
      throw new Failure(Refusal.TOKEN, "signature: " + e.getMessage(), e);
    }
    String problem = problemWith(claims, expectedNonce);
    if (problem != null) {
      throw new Failure(Refusal.TOKEN, problem, null);
    }
    return new Person(
        claims.getSubject(),
        text(claims, "preferred_username").or(() -> text(claims, "email")),
        text(claims, "name"),
        groups(claims.getClaim(config.groupsClaim())));
  }

  private String problemWith(JWTClaimsSet c, String expectedNonce) {
    Instant now = clock.now();
    if (!issuer.getValue().equals(c.getIssuer())) {
      return "issuer " + c.getIssuer();
    }
    List<String> audience = c.getAudience();
    if (audience == null || !audience.contains(clientId.getValue())) {
      return "audience " + audience;
    }
    Object azp = c.getClaim("azp");
    if (audience.size() > 1 && !clientId.getValue().equals(azp)) {
      return "authorised party " + azp;
    }
    Date exp = c.getExpirationTime();
    if (exp == null || !exp.toInstant().plus(CLOCK_SKEW).isAfter(now)) {
      return "expired at " + (exp == null ? "(none)" : exp.toInstant());
    }
    Date iat = c.getIssueTime();
    if (iat == null || iat.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
      return "issued in the future at " + (iat == null ? "(none)" : iat.toInstant());
    }
    Object nonce = c.getClaim("nonce");
    if (!(nonce instanceof String n)
        || !uk.gov.council.cap.server.Digests.sameText(n, expectedNonce)) {
      return "nonce does not match";
    }
    if (c.getSubject() == null || c.getSubject().isBlank()) {
      return "no subject";
    }
    return null;
  }

  private static Optional<String> text(JWTClaimsSet c, String name) {
    return c.getClaim(name) instanceof String s && !s.isBlank()
        ? Optional.of(s.trim())
        : Optional.empty();
  }

  /** A groups claim is a list of strings (Keycloak, Entra); a single group may come as a string. */
  private static List<String> groups(Object claim) {
    if (claim instanceof String s) {
      return List.of(s);
    }
    if (claim instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }
}
