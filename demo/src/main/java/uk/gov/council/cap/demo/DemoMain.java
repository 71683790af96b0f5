package uk.gov.council.cap.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.demo.DemoData;

/**
 * The README's run command: the server on its embedded default (H2 and files under {@code
 * ./cap-data}), the console, demo staff, and a demo kiosk in headless mode whose screen is any
 * browser window. Every {@code CAP_*} variable still applies.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("CAP_DEMO", "true");
    env.putIfAbsent("CAP_COUNCIL_NAME", "Demo Council");
    // A sample council colour for the kiosk's band (white on it is well above 4.5:1).
    env.putIfAbsent("CAP_COUNCIL_COLOUR", "#0b4f6c");
    ServerConfig config = ServerConfig.fromEnvironment(env);
    CapServer server = CapServer.start(config);
    DemoData.Demo demo = DemoData.ensure(server.repositories(), config.dataDir());

    // The kiosk's own settings (CAP_KIOSK_ORIENTATION, CAP_KIOSK_SPEECH,
    // CAP_KIOSK_LANGUAGES_DIR...) apply to the demo
    // kiosk as they would to a real one; only its identity and folders are the demo's.
    Map<String, String> kioskEnv = new HashMap<>(env);
    kioskEnv.putAll(
        Map.of(
            "CAP_SERVER_URL",
            server.baseUrl(),
            "CAP_KIOSK_ID",
            demo.kioskId(),
            "CAP_KIOSK_SECRET",
            demo.kioskSecret(),
            "CAP_KIOSK_UI_PORT",
            env.getOrDefault("CAP_KIOSK_UI_PORT", "8081"),
            "CAP_KIOSK_WORK_DIR",
            config.dataDir().resolve("kiosk-work").toString(),
            "CAP_PRINTER_FOLDER",
            config.dataDir().resolve("kiosk-printed").toString()));
    KioskApp kiosk = KioskApp.start(KioskConfig.from(kioskEnv, List.of("--headless")));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kiosk.close();
                  server.close();
                },
                "cap-demo-shutdown"));

    System.out.println();
    System.out.println("  Customer Access Point is running (demo).");
    System.out.println(
        "  Kiosk screen:     "
            + kiosk.uiUrl()
            + "   (open in one browser window; allow camera and microphone)");
    demo.print(server.baseUrl(), System.out);
    System.out.println(
        "  Forms are sealed with "
            + (config.documents().sealKeystore().isPresent()
                ? config.documents().sealKeystore().get()
                : "a SELF-SIGNED demo certificate (set CAP_SEAL_KEYSTORE for real use)"));
    System.out.println(
        "  Card payments use "
            + (config.payments().stripeSecretKey().isPresent()
                ? "Stripe Terminal"
                : "a SIMULATED card reader: no money is taken (set CAP_STRIPE_SECRET_KEY for real use)"));
    System.out.println(
        "  Emailed receipts are " + uk.gov.council.cap.server.CapServer.mailer(config).describe());
    System.out.println(
        "  Data is kept in " + config.dataDir().toAbsolutePath() + ". Press Ctrl+C to stop.");
    Thread.currentThread().join();
  }
}
