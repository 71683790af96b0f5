package uk.gov.council.cap.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.artefacts.DiskFileStore;
import uk.gov.council.cap.server.artefacts.DocumentRoutes;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.artefacts.SealSetup;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.audit.AuditRoutes;
import uk.gov.council.cap.server.branding.CouncilLogoRoutes;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.calls.OutcomeRoutes;
import uk.gov.council.cap.server.callsummary.CallSummaries;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.cases.CaseRoutes;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.customers.CustomerRoutes;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.fleet.AlertMailer;
import uk.gov.council.cap.server.fleet.EnrolmentRoutes;
import uk.gov.council.cap.server.fleet.Enrolments;
import uk.gov.council.cap.server.fleet.FleetAlerts;
import uk.gov.council.cap.server.fleet.FleetMonitor;
import uk.gov.council.cap.server.fleet.FleetRoutes;
import uk.gov.council.cap.server.fleet.SelfTestRepository;
import uk.gov.council.cap.server.forms.FormDesk;
import uk.gov.council.cap.server.forms.FormLibrary;
import uk.gov.council.cap.server.forms.FormRoutes;
import uk.gov.council.cap.server.forms.FormSealer;
import uk.gov.council.cap.server.forms.FormSessionRepository;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.CapabilityRouter;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.mail.Mailer;
import uk.gov.council.cap.server.mail.OutboxMailer;
import uk.gov.council.cap.server.mail.SmtpMailer;
import uk.gov.council.cap.server.media.IceServerProvider;
import uk.gov.council.cap.server.media.MediaRoutes;
import uk.gov.council.cap.server.media.PeerToPeerMedia;
import uk.gov.council.cap.server.oidc.OidcRoutes;
import uk.gov.council.cap.server.payments.CardReader;
import uk.gov.council.cap.server.payments.PaymentCatalogue;
import uk.gov.council.cap.server.payments.PaymentDesk;
import uk.gov.council.cap.server.payments.PaymentRepository;
import uk.gov.council.cap.server.payments.PaymentRoutes;
import uk.gov.council.cap.server.payments.PaymentRules;
import uk.gov.council.cap.server.payments.ReceiptEmailer;
import uk.gov.council.cap.server.payments.ReceiptMaker;
import uk.gov.council.cap.server.payments.RefundDesk;
import uk.gov.council.cap.server.payments.RefundRepository;
import uk.gov.council.cap.server.payments.SimulatedCardReader;
import uk.gov.council.cap.server.payments.StripeTerminalReader;
import uk.gov.council.cap.server.payments.StripeWebhookRoute;
import uk.gov.council.cap.server.payments.WebhookVerifier;
import uk.gov.council.cap.server.photos.PhotoDesk;
import uk.gov.council.cap.server.photos.PhotoRoutes;
import uk.gov.council.cap.server.photos.PhotoSessionRepository;
import uk.gov.council.cap.server.printing.PrintDesk;
import uk.gov.council.cap.server.printing.PrintRoutes;
import uk.gov.council.cap.server.routing.CallDesk;
import uk.gov.council.cap.server.routing.CallLedgerFactory;
import uk.gov.council.cap.server.routing.QueueRoutes;
import uk.gov.council.cap.server.routing.RoutingPolicy;
import uk.gov.council.cap.server.scans.ScanDesk;
import uk.gov.council.cap.server.scans.ScanRoutes;
import uk.gov.council.cap.server.scans.ScanSessionRepository;
import uk.gov.council.cap.server.signalling.Liveness;
import uk.gov.council.cap.server.signalling.SessionGuard;
import uk.gov.council.cap.server.signalling.SocketEndpoints;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.sites.SiteRoutes;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.PasswordHasher;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.RouteDeclarations;
import uk.gov.council.cap.server.staff.SecretSeal;
import uk.gov.council.cap.server.staff.SessionStart;
import uk.gov.council.cap.server.staff.SessionStore;
import uk.gov.council.cap.server.staff.SignInRoutes;
import uk.gov.council.cap.server.staff.SignInThrottle;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffEvents;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.staff.Totp;
import uk.gov.council.cap.server.staff.TotpPolicy;
import uk.gov.council.cap.server.staff.TotpRepository;
import uk.gov.council.cap.server.staff.TotpRoutes;
import uk.gov.council.cap.server.staffadmin.StaffAdministration;
import uk.gov.council.cap.server.summary.SummaryDesk;
import uk.gov.council.cap.server.survey.SatisfactionSurvey;
import uk.gov.council.cap.server.survey.SurveyRepository;
import uk.gov.council.cap.server.survey.SurveyRoutes;
import uk.gov.council.cap.server.threads.ServerThreads;
import uk.gov.council.cap.server.web.WebSetup;

/**
 * The composition root: builds every part by hand, in dependency order, and starts the one HTTP +
 * WebSocket port. Nothing here is global; tests start as many servers as they like.
 */
public final class CapServer implements AutoCloseable {
  private final ServerConfig config;
  private final Database database;
  // Every thread the server makes, named here and stopped in one place (ADR 0034).
  private final ServerThreads threads = new ServerThreads();
  private final CallDesk desk;
  private final FormDesk forms;
  private final PaymentDesk payments;
  private final RefundDesk refunds;
  private final ScanDesk scans;
  private final PhotoDesk photos;
  private final PrintDesk prints;
  private final FleetMonitor fleet;
  private final Liveness liveness;
  private final SessionGuard sessionGuard;
  private final AlertMailer alertMailer;
  private final CouncilSeal seal;
  private final Javalin app;
  private final Repositories repositories;

  /** The repositories, for the demo seeding and for tests that arrange data. */
  public record Repositories(
      StaffRepository staff,
      SiteRepository sites,
      KioskRepository kiosks,
      CustomerRepository customers,
      CaseRepository cases,
      CallRepository calls,
      AuditLog audit) {}

  private CapServer(ServerConfig config, Clock clock) {
    this.config = config;
    // Owner only (0700, files 0600), and narrowed if an earlier version left it readable to others
    // (ADR 0028).
    DataDirectory.prepare(config.dataDir());
    Ids ids = new Ids();
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    ProtocolCodec unchecked = new ProtocolCodec(json, config.limits().socketMessageBytes());
    ProtocolCodec codec = config.outboundCheck().map(unchecked::checkingOutbound).orElse(unchecked);

    database =
        Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.dataDir());
    var jdbi = database.jdbi();
    AuditLog audit = new AuditLog(jdbi, clock);
    StaffEvents staffEvents = new StaffEvents();
    StaffRepository staff =
        new StaffRepository(jdbi, ids, clock, new PasswordHasher(), staffEvents);
    SessionStore sessions =
        new SessionStore(jdbi, ids, clock, config.sessionLifetime(), staffEvents);
    sessionGuard =
        new SessionGuard(
            sessions, clock, config.signIn().sessionCheckEvery(), threads.timer("session-guard"));
    staffEvents.subscribe(sessionGuard);
    SiteRepository sites = new SiteRepository(jdbi, ids);
    KioskRepository kiosks = new KioskRepository(jdbi, ids, clock);
    CustomerRepository customers = new CustomerRepository(jdbi, ids, clock);
    CaseRepository cases = new CaseRepository(jdbi, ids, clock);
    CallRepository calls = new CallRepository(jdbi);
    repositories = new Repositories(staff, sites, kiosks, customers, cases, calls, audit);

    IceServerProvider iceServers = new IceServerProvider(config.stunUrls(), config.turn(), clock);
    desk =
        new CallDesk(
            codec,
            clock,
            new CallDesk.Timings(
                config.offerTimeout(),
                config.resumeGrace(),
                config.noAdvisorGrace(),
                config.callHold().resumeGrace(),
                config.callHold().aliveEvery(),
                config.deskTick(),
                config.wrapUp()),
            new CallLedgerFactory(jdbi, ids, cases, calls, audit),
            kiosks,
            sites,
            cases,
            new PeerToPeerMedia(iceServers),
            threads.serial("call-desk"),
            config.branding().forKiosk(),
            new RoutingPolicy(
                config.routing().overflowAfter(), config.routing().missedOffersBeforeAway()));
    staffEvents.subscribeChanges(desk::advisorChanged);

    app =
        Javalin.create(
            c -> {
              WebSetup.configure(c, config);
              c.jsonMapper(new JavalinJackson(json, false));
              config
                  .tls()
                  .ifPresent(
                      tls ->
                          c.jetty.addConnector(
                              (server, httpConfig) -> {
                                SslContextFactory.Server ssl = new SslContextFactory.Server();
                                ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
                                ssl.setKeyStorePassword(tls.password());
                                HttpConfiguration https = new HttpConfiguration(httpConfig);
                                https.addCustomizer(new SecureRequestCustomizer());
                                ServerConnector connector =
                                    new ServerConnector(
                                        server,
                                        new SslConnectionFactory(ssl, "http/1.1"),
                                        new HttpConnectionFactory(https));
                                connector.setHost(config.host());
                                connector.setPort(config.port());
                                return connector;
                              }));
            });
    StaffAuth auth = new StaffAuth(sessions, kiosks, audit);
    app.beforeMatched(auth::check);
    WebSetup.registerErrorHandling(app, config);
    app.get(
        "/api/health",
        ctx -> ctx.json(java.util.Map.of("status", "ok", "version", version())),
        Access.PUBLIC);
    SessionStart sessionStart =
        new SessionStart(
            sessions, staff, audit, config.secureCookies(), config.sessionLifetime().toSeconds());
    SignInThrottle signInThrottle = new SignInThrottle(clock, config.signIn());
    TotpRepository totpFactors =
        new TotpRepository(
            jdbi, SecretSeal.inDataDirectory(config.dataDir(), "totp-secrets", ids), clock);
    Totp totp = new Totp(clock);
    TotpPolicy totpPolicy = TotpPolicy.requiring(config.signIn().totpRequiredRoles());
    String totpIssuer = config.documents().councilName() + " Customer Access Point";
    new SignInRoutes(
            staff,
            sessions,
            audit,
            signInThrottle,
            sessionStart,
            totpFactors,
            totp,
            totpPolicy,
            ids,
            totpIssuer)
        .register(app);
    new TotpRoutes(totpFactors, totp, staff, audit, signInThrottle, ids, totpIssuer, totpPolicy)
        .register(app);
    new OidcRoutes(config, jdbi, clock, staff, audit, sessionStart).register(app);
    new CaseRoutes(jdbi, cases, calls, customers, staff, kiosks, sites, audit).register(app);
    new CustomerRoutes(customers, cases, audit, clock).register(app);
    // Saving the outcome ends the advisor's wrap-up on the desk (ADR 0044).
    new OutcomeRoutes(jdbi, calls, cases, audit, clock, desk::outcomeRecorded).register(app);
    new QueueRoutes(desk).register(app);
    new MediaRoutes(iceServers, kiosks).register(app);
    new CouncilLogoRoutes(config.branding(), kiosks).register(app);
    new AuditRoutes(audit, ctx -> StaffAuth.staff(ctx).auditName(), Role.SUPERVISOR, Role.ADMIN)
        .register(app);
    new SiteRoutes(sites, desk, audit, ids).register(app);
    new StaffAdministration(
            jdbi,
            ids,
            clock,
            staff,
            sites,
            audit,
            config.staffAdmin().passwordLinkLifetime(),
            config.staffAdmin().passwordTriesPerAddressHour(),
            config.oidc().enabled())
        .register(app);
    alertMailer =
        new AlertMailer(
            config.fleet().alertEmail(),
            mailer(config),
            kiosks,
            new uk.gov.council.cap.server.web.SlidingWindow(
                config.limits().alertEmailsPerKioskHour(), java.time.Duration.ofHours(1), clock),
            threads.pool("alert-mail", 1));
    FleetAlerts fleetAlerts = new FleetAlerts(jdbi, audit, ids, alertMailer::raised);
    fleet =
        new FleetMonitor(
            kiosks,
            sites,
            fleetAlerts,
            audit,
            codec,
            clock,
            ids,
            config.fleet(),
            threads.serial("fleet"));
    liveness =
        new Liveness(
            codec,
            clock,
            config.callHold().pingEvery(),
            config.callHold().silenceLimit(),
            threads.timer("liveness"));
    uk.gov.council.cap.server.callbacks.Callbacks callbacks =
        new uk.gov.council.cap.server.callbacks.Callbacks(
            jdbi,
            ids,
            cases,
            sites,
            audit,
            clock,
            codec,
            new uk.gov.council.cap.server.callbacks.Callbacks.Settings(
                config.callbacks().daysAhead(),
                config.callbacks().perKioskHour(),
                config.callbacks().offerAfter()));
    callbacks.register(app);
    // The fleet and call backs take their own kiosk messages; the call desk takes the rest.
    new SocketEndpoints(
            codec,
            java.util.List.of(fleet, callbacks.kioskHandler(), desk),
            desk,
            kiosks,
            sessions,
            audit,
            liveness,
            sessionGuard)
        .register(app);
    new FleetRoutes(
            fleet,
            fleetAlerts,
            new SelfTestRepository(jdbi, ids, json),
            kiosks,
            sites,
            desk,
            audit,
            clock,
            config.limits().screenshotBytes())
        .register(app);

    SealSetup.Opened seal = SealSetup.open(config, ids, clock);
    this.seal = seal.seal();
    CaseDocuments documents;
    DiskFileStore fileStore;
    try {
      fileStore = new DiskFileStore(config.dataDir().resolve("files"));
      documents = new CaseDocuments(jdbi, ids, fileStore);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(
          "Cannot create the file store in " + config.dataDir().toAbsolutePath(), e);
    }
    CallContexts inCall =
        new CallContexts(
            desk,
            caseId -> cases.find(caseId).map(c -> c.mergedInto() != null ? c.mergedInto() : c.id()),
            codec);
    FormLibrary library = FormLibrary.load(config.documents().formsDir(), clock);
    FormSessionRepository formSessions = new FormSessionRepository(jdbi);
    forms =
        new FormDesk(
            library,
            formSessions,
            new FormSealer(seal.seal(), config.documents().councilName()),
            documents,
            cases,
            customers,
            inCall,
            audit,
            jdbi,
            ids,
            clock,
            threads.serial("forms"),
            threads.pool("form-sealing", config.documents().formSealingThreads()));
    new FormRoutes(library, forms, formSessions).register(app);

    ServerConfig.Payments pay = config.payments();
    PaymentRules rules = new PaymentRules(pay.maxPence());
    PaymentCatalogue catalogue = PaymentCatalogue.load(pay.catalogueFile(), rules);
    CardReader reader =
        pay.stripeSecretKey()
            .<CardReader>map(key -> new StripeTerminalReader(key, pay.stripeApiBase()))
            .orElseGet(() -> new SimulatedCardReader(clock, pay.simulatedProcessing()));
    PaymentRepository paymentRecords = new PaymentRepository(jdbi);
    RefundRepository refundRecords = new RefundRepository(jdbi);
    CallContexts callContexts =
        new CallContexts(
            desk,
            caseId -> cases.find(caseId).map(c -> c.mergedInto() != null ? c.mergedInto() : c.id()),
            codec);
    ExecutorService readerCalls = threads.pool("card-reader", pay.readers().threads());
    payments =
        new PaymentDesk(
            new PaymentDesk.Parts(
                paymentRecords,
                reader,
                rules,
                catalogue,
                new ReceiptMaker(seal.seal(), config.documents().councilName(), documents),
                new ReceiptEmailer(
                    mailer(config),
                    documents,
                    cases,
                    audit,
                    config.documents().councilName(),
                    config.limits(),
                    clock),
                cases,
                callContexts,
                audit,
                jdbi,
                ids,
                clock),
            threads.serial("payments"),
            readerCalls,
            threads.timer("payments-poll"),
            pay.pollInterval(),
            pay.readers().answerWait());
    refunds =
        new RefundDesk(
            paymentRecords,
            refundRecords,
            reader,
            rules,
            cases,
            audit,
            ids,
            clock,
            threads.serial("refunds"),
            readerCalls,
            threads.timer("refund-retries"),
            pay.readers().answerWait());
    new PaymentRoutes(
            payments,
            refunds,
            paymentRecords,
            refundRecords,
            catalogue,
            rules,
            kiosks,
            audit,
            clock,
            reader)
        .register(app);
    new StripeWebhookRoute(
            pay.webhookSecret()
                .map(secret -> new WebhookVerifier(secret, java.time.Clock.systemUTC())),
            paymentRecords,
            payments,
            audit,
            clock)
        .register(app);
    ScanSessionRepository scanSessions = new ScanSessionRepository(jdbi);
    JpegUpload images = new JpegUpload(config.limits());
    scans =
        new ScanDesk(
            scanSessions,
            fileStore,
            documents,
            cases,
            inCall,
            audit,
            jdbi,
            ids,
            clock,
            config.documents().councilName(),
            images,
            threads.serial("scans"));
    new ScanRoutes(scans, scanSessions, kiosks, audit, images).register(app);
    PhotoSessionRepository photoSessions = new PhotoSessionRepository(jdbi);
    photos =
        new PhotoDesk(
            photoSessions,
            fileStore,
            documents,
            cases,
            customers,
            inCall,
            audit,
            jdbi,
            ids,
            clock,
            config.documents().councilName(),
            images,
            threads.serial("photos"));
    new PhotoRoutes(photos, photoSessions, kiosks, audit, images).register(app);
    prints = new PrintDesk(documents, cases, inCall, audit, ids, threads.serial("printing"));
    new PrintRoutes(prints, kiosks).register(app);
    new EnrolmentRoutes(new Enrolments(jdbi, kiosks, sites, audit, ids, clock)).register(app);
    SurveyRepository surveyAnswers = new SurveyRepository(jdbi);
    SatisfactionSurvey survey =
        new SatisfactionSurvey(
            surveyAnswers, cases, audit, clock, config.survey(), threads.serial("survey"));
    new SurveyRoutes(surveyAnswers, audit, clock).register(app);
    SummaryDesk summaries =
        new SummaryDesk(
            new SummaryDesk.Parts(
                new CallSummaries(
                    cases, calls, formSessions, library, paymentRecords, documents, clock),
                (call, document, title, outcome) ->
                    prints.printForResident(call, document, title, outcome::printed),
                documents,
                cases,
                jdbi,
                audit,
                clock),
            // Emailing the summary is offered only with a real mail relay, not the demo's outbox.
            config.mail().smtpHost().map(host -> mailer(config)),
            config.documents().councilName(),
            config.limits(),
            kioskId ->
                kiosks.find(kioskId).flatMap(k -> sites.find(k.siteId())).map(site -> site.phone()),
            threads.serial("summary"));
    desk.setCapabilities(
        new CapabilityRouter(
            java.util.List.of(forms, payments, scans, photos, prints, survey, summaries), inCall));
    new DocumentRoutes(documents, audit, seal.seal(), seal.selfSigned(), clock).register(app);
    RouteDeclarations.requireAll(app);
  }

  /** The council's mail relay, or (with none configured) an outbox folder in the data directory. */
  public static Mailer mailer(ServerConfig config) {
    ServerConfig.Mail m = config.mail();
    return m.smtpHost()
        .<Mailer>map(
            host ->
                new SmtpMailer(host, m.smtpPort(), m.startTls(), m.user(), m.password(), m.from()))
        .orElseGet(() -> new OutboxMailer(config.dataDir().resolve("outbox"), m.from()));
  }

  /** Opens the database (migrating it), recovers calls from a previous run and starts listening. */
  public static CapServer start(ServerConfig config) {
    return start(config, Clock.system());
  }

  /**
   * As {@link #start(ServerConfig)}, telling the time by {@code clock}: tests move a fake clock
   * past a timer (a kiosk falling silent, say) instead of sleeping until real time has passed.
   */
  public static CapServer start(ServerConfig config, Clock clock) {
    CapServer server = new CapServer(config, clock);
    server.desk.start(server.threads.timer("call-desk-clock"));
    // After the desk has recovered the calls, so a form sealed now reaches a call that carried on.
    server.forms.resumeSealing();
    server.fleet.start(server.threads.timer("fleet-clock"));
    server.liveness.start();
    server.sessionGuard.start();
    server.payments.start();
    server.refunds.start(config.payments().readers().refundRetryEvery());
    if (config.tls().isPresent()) {
      server.app.start();
    } else {
      server.app.start(config.host(), config.port());
    }
    return server;
  }

  /** The port actually bound (useful when the configuration asked for port 0). */
  public int port() {
    return app.port();
  }

  public String baseUrl() {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return (config.tls().isPresent() ? "https://" : "http://") + host + ":" + port();
  }

  /**
   * Every route with who may use it, as the router holds them (the route × role matrix test walks
   * this).
   */
  public java.util.List<RouteDeclarations.Route> routes() {
    return RouteDeclarations.of(app);
  }

  public Repositories repositories() {
    return repositories;
  }

  public ServerConfig config() {
    return config;
  }

  static String version() {
    String v = CapServer.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public void close() {
    // Payments stop first: their poll asks the call desk whether calls are still in progress. Then
    // the desk,
    // before the web server, so connections closing during shutdown do not rewrite live calls: they
    // stay as
    // they were in the database and are recovered on the next start.
    payments.close();
    refunds.close();
    liveness.close();
    sessionGuard.close();
    desk.close();
    fleet.close();
    alertMailer.close();
    threads.close();
    app.stop();
    seal.close();
    database.close();
  }
}
