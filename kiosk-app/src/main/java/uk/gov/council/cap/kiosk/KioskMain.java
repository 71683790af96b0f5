package uk.gov.council.cap.kiosk;

import java.util.List;
import uk.gov.council.cap.kiosk.shell.KioskShell;

/**
 * Starts the kiosk: {@code java -jar kiosk-app.jar [--headless] [--server-url=…] …}. Without
 * {@code --headless} the kiosk UI is shown full-screen in JCEF; with it, the UI is only served on
 * loopback so any browser can be the kiosk's screen.
 */
public final class KioskMain {
    private KioskMain() {
    }

    public static void main(String[] args) throws Exception {
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
        if (config.headless()) {
            System.out.println("Kiosk screen (headless): " + app.uiUrl());
        } else {
            KioskShell.open(app.uiUrl());
        }
    }
}
