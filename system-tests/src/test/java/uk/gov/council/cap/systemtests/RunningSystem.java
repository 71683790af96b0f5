package uk.gov.council.cap.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/** The whole system as the run command starts it: a real server and a real headless kiosk-app. */
public final class RunningSystem implements AutoCloseable {
    public static final String ADVISOR = "alex";
    public static final String PASSWORD = "correct horse battery";
    public static final String PHONE = "01632 960 000";

    private final ServerConfig config;
    private final Clock clock;
    private CapServer server;
    private final KioskApp kiosk;
    private final java.nio.file.Path printed;

    public RunningSystem(boolean open) {
        this(open, 120);
    }

    /** @param idleTimeoutSeconds the site's kiosk idle timeout */
    public RunningSystem(boolean open, int idleTimeoutSeconds) {
        try {
            // A fixed free port, so a restarted server comes back where kiosk-app expects it.
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            config = ServerConfig.defaults().withPort(port)
                    .withDataDir(Files.createTempDirectory("cap-system"))
                    .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(2));
            clock = clockFor(open);
            server = CapServer.start(config, clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var repos = server.repositories();
        Site site = repos.sites().create("Ampthill Library", PHONE, ZoneId.of("Europe/London"),
                OpeningHours.parse(open ? "Mon-Sun 00:00-24:00" : "Sun 03:00-03:01"),
                List.of("general"), List.of(), idleTimeoutSeconds);
        repos.staff().create(ADVISOR, "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
        KioskRepository.Enrolled enrolled = repos.kiosks().create("Ampthill Library kiosk", site.id());
        try {
            printed = Files.createTempDirectory("cap-kiosk-printed");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        kiosk = KioskApp.start(KioskConfig.from(Map.of("CAP_SERVER_URL", server.baseUrl(),
                "CAP_KIOSK_ID", enrolled.kiosk().id(), "CAP_KIOSK_SECRET", enrolled.secret(),
                "CAP_KIOSK_UI_PORT", "0", "CAP_PRINTER_FOLDER", printed.toString(),
                "CAP_KIOSK_WORK_DIR", printed.resolveSibling(printed.getFileName() + "-work").toString()), List.of("--headless")));
    }

    /**
     * The server's clock. A closed site is open one minute a week (Sunday 03:00 in London), so for one the clock starts
     * on a Monday morning and runs on from there: the site is closed whatever day the test runs. An open site is open
     * all week, so it keeps the real time, which the browsers' own clocks show too.
     */
    private static Clock clockFor(boolean open) {
        if (open) {
            return Clock.system();
        }
        Instant mondayMorning = Instant.parse("2026-11-23T10:00:00Z");
        long started = System.nanoTime();
        return () -> mondayMorning.plusNanos(System.nanoTime() - started);
    }

    public String consoleUrl() {
        return server.baseUrl();
    }

    /** Where the kiosk's simulated printer puts what it prints. */
    public java.nio.file.Path printedFolder() {
        return printed;
    }

    /** The kiosk-app process (in this JVM): how many screens are on its bridge. */
    public KioskApp kioskApp() {
        return kiosk;
    }

    public String kioskUrl() {
        return kiosk.uiUrl();
    }

    public CapServer server() {
        return server;
    }

    public void stopServer() {
        server.close();
    }

    /** Starts the server again on the same port and data directory, as after a crash or an upgrade. */
    public void startServerAgain() {
        server = CapServer.start(config, clock);
    }

    @Override
    public void close() {
        kiosk.close();
        server.close();
    }
}
