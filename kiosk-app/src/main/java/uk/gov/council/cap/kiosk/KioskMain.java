package uk.gov.council.cap.kiosk;

import java.util.List;
import uk.gov.council.cap.kiosk.shell.KioskShell;
import uk.gov.council.cap.kiosk.systemd.SystemdNotifier;

/**
 * Starts the kiosk: {@code java -jar kiosk-app.jar [--headless] [--server-url=…] …}. Without {@code
 * --headless} the kiosk UI is shown full-screen in JCEF; with it, the UI is only served on loopback
 * so any browser can be the kiosk's screen.
 */
public final class KioskMain {
  /**
   * Exit status asking systemd for a fresh start (any non-zero status does, with Restart=always).
   */
  static final int RESTART_EXIT_CODE = 75;

  private KioskMain() {}

  public static void main(String[] args) throws Exception {
    // Its own logging settings, named so they never clash with the server's logback.xml when both
    // are on a
    // classpath (the demo); set before the first logger is made.
    System.getProperties().putIfAbsent("logback.configurationFile", "kiosk-logback.xml");
    KioskConfig config;
    try {
      config = KioskConfig.from(System.getenv(), List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    KioskApp app = KioskApp.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "kiosk-shutdown"));
    SystemdNotifier systemd = SystemdNotifier.fromEnvironment(System.getenv());
    if (systemd.active()) {
      // Under systemd, "Restart" on the fleet page exits; the unit's Restart=always starts a fresh
      // process.
      app.onRestart(() -> System.exit(RESTART_EXIT_CODE));
    }
    if (config.headless()) {
      System.out.println("Kiosk screen (headless): " + app.uiUrl());
    } else {
      app.attachScreen(
          KioskShell.open(app.uiUrl(), config.workDir().resolve("browser"), config.fakeMedia()));
    }
    systemd.ready();
    systemd.startWatchdog(app::isResponsive);
  }
}
