package uk.gov.council.cap.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.branding.CouncilBranding;

/**
 * Every setting of the server in one typed place. {@link #fromEnvironment} reads {@code CAP_*}
 * environment variables over the defaults, so operators never edit code or files inside the jar.
 *
 * @param host interface to listen on
 * @param port one port for HTTP(S) and WebSocket
 * @param dataDir where the embedded database and files live
 * @param jdbcUrl empty for the embedded H2 database under {@code dataDir}; a PostgreSQL URL
 *     otherwise
 * @param tls keystore for HTTPS/WSS, or empty for plain HTTP behind a TLS-terminating proxy
 * @param secureCookies mark session cookies Secure (browsers accept them on http://localhost too)
 * @param stunUrls STUN servers handed to clients
 * @param turn TURN servers and the shared secret for short-lived credentials (coturn REST API)
 * @param offerTimeout how long an advisor has to accept an offered call
 * @param wrapUp after an advisor saves a call's outcome, how long until they are Available again
 *     ({@code CAP_WRAP_UP_SECONDS}, 0 by default: at once)
 * @param resumeGrace how long a queued call waits for its kiosk to reconnect before it is abandoned
 * @param noAdvisorGrace how long a queue may have no signed-in advisor before residents are told so
 * @param deskTick how often the call desk looks at its timers (offers lapsing, graces running out):
 *     the most any of those timings is late by
 * @param sessionLifetime how long a staff sign-in lasts
 * @param demo create the demo site, kiosk and staff on start
 * @param documents the council's name on documents, its sealing key, time-stamp authority and forms
 *     folder
 * @param payments Stripe keys (none: the simulated card reader), the largest amount, the catalogue,
 *     timings
 * @param mail the council's mail relay for emailed receipts (none: written to an outbox folder)
 * @param fleet when a silent kiosk counts as offline, and how often a kiosk may send a heartbeat
 * @param callHold liveness on every socket and how long a call waits for a side that dropped to
 *     come back
 * @param routing overflow to any advisor after a wait, and how many missed offers set Away
 * @param signIn how open consoles follow their sign-in session, and how password guessing is slowed
 * @param limits the most any caller may make the server read, decode, store or send
 * @param hsts whether browsers are told to use HTTPS only (on with TLS, or behind a TLS proxy)
 * @param survey the satisfaction survey the kiosk offers after each call
 * @param oidc council sign-in with the council's OpenID Connect provider (off unless an issuer is
 *     set)
 * @param staffAdmin one-time links to set a password: how long they last, how often one address may
 *     try them
 * @param branding the council's name, logo and colour on its kiosks ({@code CAP_COUNCIL_NAME},
 *     {@code CAP_COUNCIL_LOGO}, {@code CAP_COUNCIL_COLOUR}; a colour white is unreadable on is
 *     refused at start)
 * @param callbacks call backs booked at kiosks: how far ahead, how many per kiosk, when offered
 * @param outboundCheck told of every message the server sends that breaks its schema: tests set it
 *     and fail on a report; empty (never checked) in production
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Optional<Tls> tls,
    boolean secureCookies,
    List<String> stunUrls,
    Optional<Turn> turn,
    Duration offerTimeout,
    Duration resumeGrace,
    Duration noAdvisorGrace,
    Duration deskTick,
    Duration sessionLifetime,
    boolean demo,
    Documents documents,
    Payments payments,
    Mail mail,
    Fleet fleet,
    CallHold callHold,
    Routing routing,
    SignIn signIn,
    Limits limits,
    Hsts hsts,
    Survey survey,
    Oidc oidc,
    StaffAdmin staffAdmin,
    CouncilBranding branding,
    CallbackSettings callbacks,
    Duration wrapUp,
    Optional<ProtocolCodec.OutboundCheck> outboundCheck) {

  /**
   * Call backs a resident books at a kiosk (docs/adr/0048-callbacks.md): the times offered run from
   * today to {@code daysAhead} days on ({@code CAP_CALLBACK_DAYS_AHEAD}); one kiosk books at most
   * {@code perKioskHour} an hour ({@code CAP_CALLBACKS_PER_KIOSK_HOUR}); a resident in the queue is
   * offered one once their wait has passed {@code offerAfter} ({@code
   * CAP_CALLBACK_OFFER_AFTER_SECONDS}).
   */
  public record CallbackSettings(int daysAhead, int perKioskHour, Duration offerAfter) {}

  /**
   * Council sign-in with OpenID Connect (docs/adr/0036-council-sign-in-openid-connect.md,
   * docs/council-sign-in.md). Off unless {@code issuer} is set; then the client id, secret and
   * redirect URI are required. {@code roleGroups} maps the provider's groups (or app roles) to
   * roles, as {@code ADVISOR=<group>,SUPERVISOR=<group>,...} (a role may be named more than once).
   * A person's first sign-in creates their account here with {@code newStaffThemes}. A pending
   * sign-in lasts {@code pendingFor}; each call to the provider waits at most {@code
   * providerTimeout}. {@code localPasswords} false refuses sign-in by password.
   */
  public record Oidc(
      Optional<String> issuer,
      String clientId,
      String clientSecret,
      String redirectUri,
      String groupsClaim,
      String roleGroups,
      List<String> newStaffThemes,
      String buttonLabel,
      boolean localPasswords,
      Duration pendingFor,
      Duration providerTimeout) {
    public static final Oidc OFF =
        new Oidc(
            Optional.empty(),
            "",
            "",
            "",
            "groups",
            "",
            List.of(),
            "Sign in with your council account",
            true,
            Duration.ofMinutes(10),
            Duration.ofSeconds(10));

    public Oidc {
      if (issuer.isPresent()) {
        List<String> missing = new java.util.ArrayList<>();
        if (clientId.isBlank()) missing.add("CAP_OIDC_CLIENT_ID");
        if (clientSecret.isBlank()) missing.add("CAP_OIDC_CLIENT_SECRET");
        if (redirectUri.isBlank()) missing.add("CAP_OIDC_REDIRECT_URI");
        if (roleGroups.isBlank()) missing.add("CAP_OIDC_ROLE_GROUPS");
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException(
              "CAP_OIDC_ISSUER is set, so council sign-in also needs "
                  + String.join(", ", missing));
        }
        requireHttps("CAP_OIDC_ISSUER", issuer.get());
        requireHttps("CAP_OIDC_REDIRECT_URI", redirectUri);
      }
    }

    public boolean enabled() {
      return issuer.isPresent();
    }

    /**
     * Codes and tokens cross these addresses: plain HTTP only on this machine (tests, a trial on a
     * laptop).
     */
    private static void requireHttps(String name, String url) {
      java.net.URI u;
      try {
        u = new java.net.URI(url);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(name + " is not a web address: " + url);
      }
      boolean loopback =
          "localhost".equals(u.getHost())
              || "127.0.0.1".equals(u.getHost())
              || "[::1]".equals(u.getHost());
      if (u.getHost() == null
          || !("https".equals(u.getScheme()) || ("http".equals(u.getScheme()) && loopback))) {
        throw new IllegalArgumentException(
            name + " must be an https:// address (http:// only for localhost): " + url);
      }
    }

    /** Council sign-in with this provider, every other setting as it was. */
    public static Oidc with(
        String issuer, String clientId, String secret, String redirectUri, String roleGroups) {
      return new Oidc(
          Optional.of(issuer),
          clientId,
          secret,
          redirectUri,
          OFF.groupsClaim,
          roleGroups,
          OFF.newStaffThemes,
          OFF.buttonLabel,
          true,
          OFF.pendingFor,
          OFF.providerTimeout);
    }

    @Override
    public String toString() {
      return "Oidc["
          + issuer
              .map(i -> i + ", client=" + clientId + ", secret=" + hidden(clientSecret))
              .orElse("off")
          + ", localPasswords="
          + localPasswords
          + "]";
    }
  }

  /**
   * Staff administration (docs/adr/0038-staff-administration.md). A one-time link to set a password
   * works for {@code passwordLinkLifetime} after an admin makes it (long enough to reach someone
   * starting tomorrow, short enough that a forgotten one soon stops working). One address may try
   * at most {@code passwordTriesPerAddressHour} links that turn out wrong, used or expired in any
   * hour: guessing a link is hopeless anyway (256 random bits), and this keeps it so cheaply.
   */
  public record StaffAdmin(Duration passwordLinkLifetime, int passwordTriesPerAddressHour) {}

  /**
   * The satisfaction survey after a call (issue 14), on unless the council turns it off ({@code
   * CAP_SURVEY=false}): an answer is taken for {@code answerWithin} of the call's end (long enough
   * for a slow reader, short enough that the next resident cannot answer for the last one).
   */
  public record Survey(boolean enabled, Duration answerWithin) {
    /** No survey: the kiosk says goodbye and goes back to the start, as before issue 14. */
    public static final Survey OFF = new Survey(false, Duration.ofMinutes(2));

    public static Survey on(Duration answerWithin) {
      return new Survey(true, answerWithin);
    }
  }

  /**
   * Staff sign-in under attack, and sessions that end everywhere
   * (docs/adr/0031-sessions-end-everywhere-at-once.md, 0032-sign-in-throttling.md).
   *
   * <p>Console sockets are checked against their session every {@code sessionCheckEvery}: expiry by
   * the clock, and a sign-out or account change made on another node by the database (one on this
   * node closes them at once).
   *
   * <p>Wrong passwords slow guessing down without locking anyone out: after {@code freeFailures}
   * wrong passwords for one username from one address, each further try from there must wait {@code
   * firstDelay}, then twice that, and so on up to {@code maxDelay}. The same growing wait applies
   * to one address across all usernames after {@code addressFreeFailures}, and to one username
   * across all addresses after {@code freeFailures} (an attack spread over many addresses) except
   * from addresses that username has signed in from in the last {@code rememberAddressesFor}: a
   * real advisor is not held up by someone else's guessing. Counts are forgotten {@code
   * forgetAfter} after the last failure. At most {@code maxConcurrentChecks} passwords are checked
   * at once (bcrypt is costly by design); a sign-in waits up to {@code checkQueueWait} for its turn
   * behind at most eight times as many others, and is told to try again in a moment beyond that.
   *
   * <p>People in {@code totpRequiredRoles} (role names, e.g. {@code ADMIN}) who sign in with a
   * password must use two-step verification: without it they are shown how to set it up at sign-in
   * and cannot turn it off (docs/adr/0037-totp-second-factor.md). Empty: everyone chooses.
   */
  public record SignIn(
      Duration sessionCheckEvery,
      int freeFailures,
      Duration firstDelay,
      Duration maxDelay,
      int addressFreeFailures,
      Duration forgetAfter,
      Duration rememberAddressesFor,
      int maxConcurrentChecks,
      Duration checkQueueWait,
      List<String> totpRequiredRoles) {
    public SignIn {
      totpRequiredRoles = List.copyOf(totpRequiredRoles);
    }

    /** Nobody required to use two-step verification. */
    public SignIn(
        Duration sessionCheckEvery,
        int freeFailures,
        Duration firstDelay,
        Duration maxDelay,
        int addressFreeFailures,
        Duration forgetAfter,
        Duration rememberAddressesFor,
        int maxConcurrentChecks,
        Duration checkQueueWait) {
      this(
          sessionCheckEvery,
          freeFailures,
          firstDelay,
          maxDelay,
          addressFreeFailures,
          forgetAfter,
          rememberAddressesFor,
          maxConcurrentChecks,
          checkQueueWait,
          List.of());
    }

    public SignIn withSessionCheckEvery(Duration every) {
      return new SignIn(
          every,
          freeFailures,
          firstDelay,
          maxDelay,
          addressFreeFailures,
          forgetAfter,
          rememberAddressesFor,
          maxConcurrentChecks,
          checkQueueWait,
          totpRequiredRoles);
    }

    public SignIn withTotpRequiredRoles(List<String> roles) {
      return new SignIn(
          sessionCheckEvery,
          freeFailures,
          firstDelay,
          maxDelay,
          addressFreeFailures,
          forgetAfter,
          rememberAddressesFor,
          maxConcurrentChecks,
          checkQueueWait,
          roles);
    }
  }

  /**
   * What keeps a call alive through the rough parts of real life. The server sends {@code
   * link.ping} on every socket every {@code pingEvery}; a socket that sends nothing (not even
   * {@code link.pong}) for {@code silenceLimit} is closed as dead (a frozen browser, a pulled
   * cable), because a WebSocket's own pings keep Jetty's idle timer happy even when nobody answers.
   * When one side of a connected call drops, the call is paused, the other side is told at once,
   * and the call waits {@code resumeGrace} for that side to come back (a page reload, a kiosk-app
   * restart, a network blip) before it ends with the true end time: the moment that side was last
   * heard. A connected call's "still alive" time is written every {@code aliveEvery}, so a call cut
   * by a server crash ends at that time, not at the restart.
   */
  public record CallHold(
      Duration pingEvery, Duration silenceLimit, Duration resumeGrace, Duration aliveEvery) {
    /**
     * The longest a dead side can keep the other in a call: noticing it, then waiting for it to
     * come back.
     */
    public Duration worstCaseToEnd() {
      return silenceLimit.plus(resumeGrace);
    }
  }

  /**
   * Routing (docs/adr/0047-routing-rules-and-park.md): after {@code overflowAfter} a waiting call
   * may go to any advisor, whatever their themes (zero: never); {@code missedOffersBeforeAway}
   * offers let lapse in a row set an advisor Away.
   */
  public record Routing(Duration overflowAfter, int missedOffersBeforeAway) {
    public Routing {
      if (overflowAfter.isNegative()) {
        throw new IllegalArgumentException("CAP_OVERFLOW_AFTER_SECONDS must be 0 or more.");
      }
      if (missedOffersBeforeAway < 1) {
        throw new IllegalArgumentException("CAP_MISSED_OFFERS_BEFORE_AWAY must be 1 or more.");
      }
    }
  }

  /**
   * Documents the council keeps. Without a sealing keystore the server makes a self-signed one in
   * the data directory and says so in the log and on each case page: fine for a demo, not for
   * production.
   */
  public record Documents(
      String councilName,
      Optional<Path> sealKeystore,
      String sealPassword,
      Optional<String> timeStampAuthority,
      Optional<Path> formsDir,
      int formSealingThreads) {
    /** Two threads seal forms: a slow seal in one call does not hold up the next call's form. */
    public static final int DEFAULT_FORM_SEALING_THREADS = 2;

    public Documents {
      if (formSealingThreads < 1)
        throw new IllegalArgumentException("CAP_FORM_SEALING_THREADS must be 1 or more");
    }

    public Documents(
        String councilName,
        Optional<Path> sealKeystore,
        String sealPassword,
        Optional<String> timeStampAuthority,
        Optional<Path> formsDir) {
      this(
          councilName,
          sealKeystore,
          sealPassword,
          timeStampAuthority,
          formsDir,
          DEFAULT_FORM_SEALING_THREADS);
    }

    @Override
    public String toString() {
      return "Documents[councilName="
          + councilName
          + ", sealKeystore="
          + sealKeystore
          + ", sealPassword="
          + hidden(sealPassword)
          + ", timeStampAuthority="
          + timeStampAuthority
          + ", formsDir="
          + formsDir
          + ", formSealingThreads="
          + formSealingThreads
          + "]";
    }
  }

  /**
   * Card payments. Without a Stripe secret key the server uses the simulated card reader (demo and
   * training; it takes no money and every screen says so). Secrets are never printed: {@link
   * #toString()} hides them.
   */
  public record Payments(
      Optional<String> stripeSecretKey,
      String stripeApiBase,
      Optional<String> webhookSecret,
      long maxPence,
      Optional<Path> catalogueFile,
      Duration pollInterval,
      Duration simulatedProcessing,
      Readers readers) {
    /**
     * The card reader's blocking calls (Stripe over HTTP): how many at once, how long an advisor's
     * cancel or a supervisor's refund waits for the answer, and how often a refund Stripe did not
     * answer is asked again.
     */
    public record Readers(int threads, Duration answerWait, Duration refundRetryEvery) {
      static Readers defaults() {
        return new Readers(4, Duration.ofSeconds(40), Duration.ofMinutes(1));
      }
    }

    @Override
    public String toString() {
      return "Payments[stripe="
          + (stripeSecretKey.isPresent() ? "configured" : "simulated reader")
          + ", webhooks="
          + (webhookSecret.isPresent() ? "configured" : "off")
          + ", maxPence="
          + maxPence
          + ", catalogue="
          + catalogueFile.map(Path::toString).orElse("sample")
          + "]";
    }

    public Payments withPollInterval(Duration every) {
      return new Payments(
          stripeSecretKey,
          stripeApiBase,
          webhookSecret,
          maxPence,
          catalogueFile,
          every,
          simulatedProcessing,
          readers);
    }

    public Payments withStripe(String secretKey, String apiBase, String endpointSecret) {
      return new Payments(
          Optional.of(secretKey),
          apiBase,
          Optional.ofNullable(endpointSecret),
          maxPence,
          catalogueFile,
          pollInterval,
          simulatedProcessing,
          readers);
    }
  }

  /**
   * Outgoing email (receipts). Without a host, mail is written to {@code <dataDir>/outbox} and not
   * sent.
   */
  public record Mail(
      Optional<String> smtpHost,
      int smtpPort,
      boolean startTls,
      String user,
      String password,
      String from) {
    @Override
    public String toString() {
      return "Mail["
          + smtpHost.map(h -> h + ":" + smtpPort).orElse("outbox folder")
          + ", from="
          + from
          + "]";
    }

    public Mail withSmtp(String host, int port, boolean tls) {
      return new Mail(Optional.of(host), port, tls, user, password, from);
    }
  }

  /**
   * Watching the fleet. kiosk-app sends a heartbeat every 30 s; a kiosk not heard from for {@code
   * offlineAfter} is offline (an alert if its site is open). Heartbeats closer together than {@code
   * minHeartbeatInterval} are refused. Each new alert is also emailed to {@code alertEmail} (the
   * council's IT service desk, say) when it is set.
   */
  public record Fleet(
      Duration offlineAfter, Duration minHeartbeatInterval, Optional<String> alertEmail) {
    /** Without alert emails: alerts are on the Fleet page and in the audit log only. */
    public Fleet(Duration offlineAfter, Duration minHeartbeatInterval) {
      this(offlineAfter, minHeartbeatInterval, Optional.empty());
    }

    /**
     * How often silent kiosks are looked for: a third of {@code offlineAfter}, so one is noticed
     * soon after it goes quiet, within 0.2 s to 5 s.
     */
    public Duration checkEvery() {
      return Duration.ofMillis(Math.max(200, Math.min(5000, offlineAfter.toMillis() / 3)));
    }
  }

  public record Tls(Path keystore, String password) {
    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", password=" + hidden(password) + "]";
    }
  }

  /**
   * The most any caller, signed in or not, may make the server hold, decode or send, so that no
   * request can spend the memory or the mail relay that everyone else relies on. Each refusal is
   * answered with a plain error.
   *
   * @param bodyBytes any request body (JSON), chunked or not, counted as it streams in
   * @param imageBytes a kiosk's scanned page or ID photo upload
   * @param screenshotBytes a kiosk's screenshot upload
   * @param imageMaxSide the widest or tallest image accepted, in pixels, read from its header
   * @param imageMaxMegapixels the most pixels an image may decode to (an A4 page at 600 dpi is 35)
   * @param socketMessageBytes one WebSocket message (docs/protocol.md)
   * @param receiptEmailsPerPayment how many times one payment's receipt may be emailed (to any
   *     addresses)
   * @param receiptEmailsPerKioskHour how many receipt emails one kiosk may have sent in any hour
   * @param alertEmailsPerKioskHour how many fleet alert emails one kiosk's alerts may send in any
   *     hour
   * @param summaryCopiesPerCall how many times the summary of one call may be printed, and (counted
   *     apart) emailed (to any addresses)
   * @param summaryEmailsPerKioskHour how many call summaries one kiosk may have emailed in any hour
   */
  public record Limits(
      int bodyBytes,
      int imageBytes,
      int screenshotBytes,
      int imageMaxSide,
      int imageMaxMegapixels,
      int socketMessageBytes,
      int receiptEmailsPerPayment,
      int receiptEmailsPerKioskHour,
      int alertEmailsPerKioskHour,
      int summaryCopiesPerCall,
      int summaryEmailsPerKioskHour) {
    /** The largest body any route accepts: anything declaring more is refused before it is read. */
    public int largestBody() {
      return Math.max(bodyBytes, Math.max(imageBytes, screenshotBytes));
    }

    public long imageMaxPixels() {
      return imageMaxMegapixels * 1_000_000L;
    }

    public Limits withMail(
        int receiptsPerPayment, int receiptsPerKioskHour, int alertsPerKioskHour) {
      return new Limits(
          bodyBytes,
          imageBytes,
          screenshotBytes,
          imageMaxSide,
          imageMaxMegapixels,
          socketMessageBytes,
          receiptsPerPayment,
          receiptsPerKioskHour,
          alertsPerKioskHour,
          summaryCopiesPerCall,
          summaryEmailsPerKioskHour);
    }

    public Limits withSummaryEmails(int perCall, int perKioskHour) {
      return new Limits(
          bodyBytes,
          imageBytes,
          screenshotBytes,
          imageMaxSide,
          imageMaxMegapixels,
          socketMessageBytes,
          receiptEmailsPerPayment,
          receiptEmailsPerKioskHour,
          alertEmailsPerKioskHour,
          perCall,
          perKioskHour);
    }
  }

  /**
   * HTTP Strict Transport Security: once a browser has seen it, it will not talk to this server
   * over plain HTTP for {@code maxAge}. Sent whenever the server speaks TLS itself, and when {@code
   * behindTlsProxy} says a proxy in front of it does (never otherwise: a browser on plain HTTP
   * ignores it, and a wrong one locks users out).
   */
  public record Hsts(boolean behindTlsProxy, Duration maxAge) {}

  public record Turn(List<String> urls, String sharedSecret, Duration credentialLifetime) {
    @Override
    public String toString() {
      return "Turn[urls="
          + urls
          + ", sharedSecret="
          + hidden(sharedSecret)
          + ", credentialLifetime="
          + credentialLifetime
          + "]";
    }
  }

  /**
   * Never a password or secret in a log or on a screen (ADR 0028): the settings, with each secret
   * hidden.
   */
  @Override
  public String toString() {
    return "ServerConfig[host="
        + host
        + ", port="
        + port
        + ", dataDir="
        + dataDir
        + ", jdbcUrl="
        + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1(hidden)")
        + ", jdbcUser="
        + jdbcUser
        + ", jdbcPassword="
        + hidden(jdbcPassword)
        + ", tls="
        + tls
        + ", secureCookies="
        + secureCookies
        + ", stunUrls="
        + stunUrls
        + ", turn="
        + turn
        + ", offerTimeout="
        + offerTimeout
        + ", resumeGrace="
        + resumeGrace
        + ", noAdvisorGrace="
        + noAdvisorGrace
        + ", deskTick="
        + deskTick
        + ", sessionLifetime="
        + sessionLifetime
        + ", demo="
        + demo
        + ", documents="
        + documents
        + ", payments="
        + payments
        + ", mail="
        + mail
        + ", fleet="
        + fleet
        + ", callHold="
        + callHold
        + ", wrapUp="
        + wrapUp
        + ", oidc="
        + oidc
        + "]";
  }

  private static String hidden(String secret) {
    return secret == null || secret.isEmpty() ? "(none)" : "(hidden)";
  }

  public static ServerConfig defaults() {
    return fromEnvironment(Map.of());
  }

  public static ServerConfig fromEnvironment(Map<String, String> env) {
    Settings s = new Settings(env);
    Optional<Tls> tls =
        s.text("CAP_TLS_KEYSTORE", "").isBlank()
            ? Optional.empty()
            : Optional.of(
                new Tls(
                    Path.of(s.text("CAP_TLS_KEYSTORE", "")),
                    s.text("CAP_TLS_KEYSTORE_PASSWORD", "")));
    Optional<Turn> turn =
        s.list("CAP_TURN_URLS").isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Turn(
                    s.list("CAP_TURN_URLS"),
                    s.text("CAP_TURN_SECRET", ""),
                    Duration.ofSeconds(s.integer("CAP_TURN_TTL_SECONDS", 3600))));
    return new ServerConfig(
        s.text("CAP_HOST", "0.0.0.0"),
        s.integer("CAP_PORT", 8080),
        Path.of(s.text("CAP_DATA_DIR", "cap-data")),
        s.text("CAP_JDBC_URL", ""),
        s.text("CAP_JDBC_USER", ""),
        s.text("CAP_JDBC_PASSWORD", ""),
        tls,
        s.bool("CAP_SECURE_COOKIES", true),
        s.list("CAP_STUN_URLS"),
        turn,
        Duration.ofSeconds(s.integer("CAP_OFFER_TIMEOUT_SECONDS", 20)),
        Duration.ofSeconds(s.integer("CAP_RESUME_GRACE_SECONDS", 120)),
        Duration.ofSeconds(s.integer("CAP_NO_ADVISOR_GRACE_SECONDS", 15)),
        Duration.ofMillis(s.integer("CAP_DESK_TICK_MILLIS", 250)),
        Duration.ofHours(s.integer("CAP_SESSION_HOURS", 12)),
        s.bool("CAP_DEMO", false),
        new Documents(
            s.text("CAP_COUNCIL_NAME", "Your Council"),
            s.optional("CAP_SEAL_KEYSTORE").map(Path::of),
            s.text("CAP_SEAL_KEYSTORE_PASSWORD", ""),
            s.optional("CAP_TSA_URL"),
            s.optional("CAP_FORMS_DIR").map(Path::of),
            s.integer("CAP_FORM_SEALING_THREADS", Documents.DEFAULT_FORM_SEALING_THREADS)),
        new Payments(
            s.optional("CAP_STRIPE_SECRET_KEY"),
            s.text("CAP_STRIPE_API_BASE", "https://api.stripe.com"),
            s.optional("CAP_STRIPE_WEBHOOK_SECRET"),
            s.integer("CAP_PAYMENT_MAX_PENCE", 100_000),
            s.optional("CAP_PAYMENT_CATALOGUE").map(Path::of),
            Duration.ofMillis(s.integer("CAP_PAYMENT_POLL_MILLIS", 1000)),
            Duration.ofMillis(s.integer("CAP_SIMULATED_READER_MILLIS", 1500)),
            Payments.Readers.defaults()),
        new Mail(
            s.optional("CAP_SMTP_HOST"),
            s.integer("CAP_SMTP_PORT", 587),
            s.bool("CAP_SMTP_STARTTLS", true),
            s.text("CAP_SMTP_USER", ""),
            s.text("CAP_SMTP_PASSWORD", ""),
            s.text("CAP_MAIL_FROM", "no-reply@council.example")),
        new Fleet(
            Duration.ofSeconds(s.integer("CAP_KIOSK_OFFLINE_AFTER_SECONDS", 90)),
            Duration.ofMillis(s.integer("CAP_HEARTBEAT_MIN_INTERVAL_MILLIS", 5000)),
            s.optional("CAP_FLEET_ALERT_EMAIL")),
        new CallHold(
            Duration.ofMillis(s.integer("CAP_PING_MILLIS", 3000)),
            Duration.ofMillis(s.integer("CAP_SILENCE_LIMIT_MILLIS", 10_000)),
            Duration.ofMillis(s.integer("CAP_CALL_RESUME_GRACE_MILLIS", 15_000)),
            Duration.ofMillis(s.integer("CAP_CALL_ALIVE_EVERY_MILLIS", 5000))),
        new Routing(
            Duration.ofSeconds(s.integer("CAP_OVERFLOW_AFTER_SECONDS", 0)),
            s.integer("CAP_MISSED_OFFERS_BEFORE_AWAY", 2)),
        new SignIn(
            Duration.ofMillis(s.integer("CAP_SESSION_CHECK_MILLIS", 2000)),
            s.integer("CAP_SIGN_IN_FREE_FAILURES", 3),
            Duration.ofMillis(s.integer("CAP_SIGN_IN_FIRST_DELAY_MILLIS", 1000)),
            Duration.ofSeconds(s.integer("CAP_SIGN_IN_MAX_DELAY_SECONDS", 60)),
            s.integer("CAP_SIGN_IN_ADDRESS_FREE_FAILURES", 20),
            Duration.ofMinutes(s.integer("CAP_SIGN_IN_FORGET_MINUTES", 15)),
            Duration.ofDays(s.integer("CAP_SIGN_IN_REMEMBER_ADDRESS_DAYS", 30)),
            s.integer(
                "CAP_SIGN_IN_CONCURRENT_CHECKS",
                Math.max(2, Runtime.getRuntime().availableProcessors())),
            Duration.ofMillis(s.integer("CAP_SIGN_IN_QUEUE_WAIT_MILLIS", 3000)),
            s.list("CAP_TOTP_REQUIRED_ROLES")),
        new Limits(
            s.integer("CAP_MAX_BODY_BYTES", 1_000_000),
            s.integer("CAP_MAX_IMAGE_BYTES", 20 * 1024 * 1024),
            s.integer("CAP_MAX_SCREENSHOT_BYTES", 8 * 1024 * 1024),
            s.integer("CAP_IMAGE_MAX_SIDE", 12_000),
            s.integer("CAP_IMAGE_MAX_MEGAPIXELS", 40),
            s.integer("CAP_SOCKET_MESSAGE_BYTES", 256 * 1024),
            s.integer("CAP_RECEIPT_EMAILS_PER_PAYMENT", 3),
            s.integer("CAP_RECEIPT_EMAILS_PER_KIOSK_HOUR", 20),
            s.integer("CAP_ALERT_EMAILS_PER_KIOSK_HOUR", 6),
            s.integer("CAP_SUMMARY_COPIES_PER_CALL", 3),
            s.integer("CAP_SUMMARY_EMAILS_PER_KIOSK_HOUR", 20)),
        new Hsts(
            s.bool("CAP_HSTS", false), Duration.ofDays(s.integer("CAP_HSTS_MAX_AGE_DAYS", 365))),
        new Survey(
            s.bool("CAP_SURVEY", true),
            Duration.ofSeconds(s.integer("CAP_SURVEY_ANSWER_WITHIN_SECONDS", 120))),
        new Oidc(
            s.optional("CAP_OIDC_ISSUER"),
            s.text("CAP_OIDC_CLIENT_ID", ""),
            s.text("CAP_OIDC_CLIENT_SECRET", ""),
            s.text("CAP_OIDC_REDIRECT_URI", ""),
            s.text("CAP_OIDC_GROUPS_CLAIM", Oidc.OFF.groupsClaim()),
            s.text("CAP_OIDC_ROLE_GROUPS", ""),
            s.list("CAP_OIDC_NEW_STAFF_THEMES"),
            s.text("CAP_OIDC_BUTTON_LABEL", Oidc.OFF.buttonLabel()),
            s.bool("CAP_OIDC_LOCAL_PASSWORDS", true),
            Duration.ofSeconds(s.integer("CAP_OIDC_PENDING_SECONDS", 600)),
            Duration.ofMillis(s.integer("CAP_OIDC_TIMEOUT_MILLIS", 10_000))),
        new StaffAdmin(
            Duration.ofHours(s.integer("CAP_PASSWORD_LINK_HOURS", 24)),
            s.integer("CAP_PASSWORD_LINK_TRIES_PER_ADDRESS_HOUR", 20)),
        new CouncilBranding(
            // One name for the council everywhere: its kiosks, its form records and its seal.
            s.text("CAP_COUNCIL_NAME", "Your Council"),
            s.optional("CAP_COUNCIL_LOGO").map(Path::of),
            s.optional("CAP_COUNCIL_COLOUR")),
        new CallbackSettings(
            s.integer("CAP_CALLBACK_DAYS_AHEAD", 3),
            s.integer("CAP_CALLBACKS_PER_KIOSK_HOUR", 6),
            Duration.ofSeconds(s.integer("CAP_CALLBACK_OFFER_AFTER_SECONDS", 300))),
        Duration.ofSeconds(s.nonNegative("CAP_WRAP_UP_SECONDS", 0)),
        Optional.empty());
  }

  public ServerConfig withPort(int newPort) {
    Copy c = new Copy(this);
    c.port = newPort;
    return c.build();
  }

  public ServerConfig withDataDir(Path dir) {
    Copy c = new Copy(this);
    c.dataDir = dir;
    return c.build();
  }

  public ServerConfig withJdbc(String url, String user, String password) {
    Copy c = new Copy(this);
    c.jdbcUrl = url;
    c.jdbcUser = user;
    c.jdbcPassword = password;
    return c.build();
  }

  public ServerConfig withTimings(Duration offer, Duration resume, Duration noAdvisor) {
    Copy c = new Copy(this);
    c.offerTimeout = offer;
    c.resumeGrace = resume;
    c.noAdvisorGrace = noAdvisor;
    return c.build();
  }

  public ServerConfig withDocuments(Documents d) {
    Copy c = new Copy(this);
    c.documents = d;
    return c.build();
  }

  public ServerConfig withPayments(Payments p) {
    Copy c = new Copy(this);
    c.payments = p;
    return c.build();
  }

  public ServerConfig withMail(Mail m) {
    Copy c = new Copy(this);
    c.mail = m;
    return c.build();
  }

  public ServerConfig withFleet(Fleet f) {
    Copy c = new Copy(this);
    c.fleet = f;
    return c.build();
  }

  public ServerConfig withDemo(boolean on) {
    Copy c = new Copy(this);
    c.demo = on;
    return c.build();
  }

  public ServerConfig withCallHold(CallHold h) {
    Copy c = new Copy(this);
    c.callHold = h;
    return c.build();
  }

  public ServerConfig withRouting(Routing r) {
    Copy c = new Copy(this);
    c.routing = r;
    return c.build();
  }

  public ServerConfig withSignIn(SignIn si) {
    Copy c = new Copy(this);
    c.signIn = si;
    return c.build();
  }

  public ServerConfig withLimits(Limits l) {
    Copy c = new Copy(this);
    c.limits = l;
    return c.build();
  }

  public ServerConfig withHsts(Hsts h) {
    Copy c = new Copy(this);
    c.hsts = h;
    return c.build();
  }

  public ServerConfig withSurvey(Survey v) {
    Copy c = new Copy(this);
    c.survey = v;
    return c.build();
  }

  public ServerConfig withOidc(Oidc o) {
    Copy c = new Copy(this);
    c.oidc = o;
    return c.build();
  }

  public ServerConfig withStaffAdmin(StaffAdmin a) {
    Copy c = new Copy(this);
    c.staffAdmin = a;
    return c.build();
  }

  public ServerConfig withBranding(CouncilBranding b) {
    Copy c = new Copy(this);
    c.branding = b;
    return c.build();
  }

  public ServerConfig withCallbacks(CallbackSettings cb) {
    Copy c = new Copy(this);
    c.callbacks = cb;
    return c.build();
  }

  public ServerConfig withWrapUp(Duration w) {
    Copy c = new Copy(this);
    c.wrapUp = w;
    return c.build();
  }

  /** A server that checks every message it sends against its schema and tells {@code check}. */
  public ServerConfig withOutboundCheck(ProtocolCodec.OutboundCheck check) {
    Copy c = new Copy(this);
    c.outboundCheck = Optional.of(check);
    return c.build();
  }

  /**
   * A changeable copy for the {@code with...} methods above: the one place, besides the record
   * header, that lists every setting, so adding a setting does not mean editing every {@code
   * with...} method.
   */
  private static final class Copy {
    String host;
    int port;
    Path dataDir;
    String jdbcUrl;
    String jdbcUser;
    String jdbcPassword;
    Optional<Tls> tls;
    boolean secureCookies;
    List<String> stunUrls;
    Optional<Turn> turn;
    Duration offerTimeout;
    Duration resumeGrace;
    Duration noAdvisorGrace;
    Duration deskTick;
    Duration sessionLifetime;
    boolean demo;
    Documents documents;
    Payments payments;
    Mail mail;
    Fleet fleet;
    CallHold callHold;
    Routing routing;
    SignIn signIn;
    Limits limits;
    Hsts hsts;
    Survey survey;
    Oidc oidc;
    StaffAdmin staffAdmin;
    CouncilBranding branding;
    CallbackSettings callbacks;
    Duration wrapUp;
    Optional<ProtocolCodec.OutboundCheck> outboundCheck;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      jdbcUrl = c.jdbcUrl;
      jdbcUser = c.jdbcUser;
      jdbcPassword = c.jdbcPassword;
      tls = c.tls;
      secureCookies = c.secureCookies;
      stunUrls = c.stunUrls;
      turn = c.turn;
      offerTimeout = c.offerTimeout;
      resumeGrace = c.resumeGrace;
      noAdvisorGrace = c.noAdvisorGrace;
      deskTick = c.deskTick;
      sessionLifetime = c.sessionLifetime;
      demo = c.demo;
      documents = c.documents;
      payments = c.payments;
      mail = c.mail;
      fleet = c.fleet;
      callHold = c.callHold;
      routing = c.routing;
      signIn = c.signIn;
      limits = c.limits;
      hsts = c.hsts;
      survey = c.survey;
      oidc = c.oidc;
      staffAdmin = c.staffAdmin;
      branding = c.branding;
      callbacks = c.callbacks;
      wrapUp = c.wrapUp;
      outboundCheck = c.outboundCheck;
    }

    ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          dataDir,
          jdbcUrl,
          jdbcUser,
          jdbcPassword,
          tls,
          secureCookies,
          stunUrls,
          turn,
          offerTimeout,
          resumeGrace,
          noAdvisorGrace,
          deskTick,
          sessionLifetime,
          demo,
          documents,
          payments,
          mail,
          fleet,
          callHold,
          routing,
          signIn,
          limits,
          hsts,
          survey,
          oidc,
          staffAdmin,
          branding,
          callbacks,
          wrapUp,
          outboundCheck);
    }
  }

  /** Reads typed values from the environment map, failing loudly on a value that does not parse. */
  private record Settings(Map<String, String> env) {
    String text(String key, String fallback) {
      String v = env.get(key);
      return v == null ? fallback : v.trim();
    }

    int nonNegative(String key, int fallback) {
      int v = integer(key, fallback);
      if (v < 0) {
        throw new IllegalArgumentException(key + " must be 0 or more, not " + v);
      }
      return v;
    }

    int integer(String key, int fallback) {
      String v = text(key, "");
      if (v.isEmpty()) {
        return fallback;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, not \"" + v + "\"");
      }
    }

    Optional<String> optional(String key) {
      String v = text(key, "");
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    boolean bool(String key, boolean fallback) {
      String v = text(key, "");
      return v.isEmpty() ? fallback : Boolean.parseBoolean(v);
    }

    List<String> list(String key) {
      String v = text(key, "");
      return v.isEmpty() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }
  }
}
