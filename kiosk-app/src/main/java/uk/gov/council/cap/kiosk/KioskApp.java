package uk.gov.council.cap.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import uk.gov.council.cap.devices.scanner.SaneScanner;
import uk.gov.council.cap.devices.scanner.Scanner;
import uk.gov.council.cap.devices.scanner.SimulatedScanner;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.camera.SimulatedCamera;
import uk.gov.council.cap.devices.camera.WebcamCaptureCamera;
import uk.gov.council.cap.devices.printer.CupsPrinter;
import uk.gov.council.cap.devices.printer.Printer;
import uk.gov.council.cap.devices.printer.SimulatedPrinter;
import uk.gov.council.cap.kiosk.devices.PageUploader;
import uk.gov.council.cap.kiosk.devices.PrintJobs;
import uk.gov.council.cap.kiosk.devices.ScanCapture;
import uk.gov.council.cap.kiosk.link.CallTracker;
import uk.gov.council.cap.kiosk.link.ServerLink;
import uk.gov.council.cap.kiosk.screen.ScreenServer;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * The kiosk process: its link to the server, the loopback UI server its screen uses, and the
 * relay between them. Start it with {@link #start}; show {@link #uiUrl()} in JCEF or any browser.
 */
public final class KioskApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KioskApp.class);
    private final ProtocolCodec codec = new ProtocolCodec();
    private final CallTracker tracker = new CallTracker(codec);
    private final ScreenServer screens;
    private final ServerLink link;
    private final ScanCapture scans;
    private final PrintJobs prints;
    private volatile JsonNode lastConfig;

    private KioskApp(KioskConfig config) {
        this.screens = new ScreenServer(codec, this::sendToServer);
        this.link = new ServerLink(config.serverSocketUri(), config.kioskId(), config.kioskSecret(), new ServerLink.Listener() {
            @Override
            public void onLinkUp() {
                publishLinkState(true);
                tracker.onLinkUp().ifPresent(resume -> {
                    LOG.info("Re-queueing the resident's call after reconnecting");
                    link.send(resume);
                });
            }

            @Override
            public void onLinkDown() {
                tracker.onLinkDown().ifPresent(screens::broadcast);
                publishLinkState(false);
            }

            @Override
            public void onMessage(String text) {
                rememberConfig(text);
                observeForDevices(text);
                tracker.observe(text);
                screens.broadcast(text);
            }
        });
        PageUploader uploader = new PageUploader(config.serverUrl(), config.kioskId(), config.kioskSecret(), Duration.ofMinutes(2));
        this.scans = new ScanCapture(scannerFor(config), documentCameraFor(config), uploader, codec, link::send, screens::broadcast);
        Printer printer = config.printer().equals("simulated") ? new SimulatedPrinter(java.nio.file.Path.of(config.printerFolder()))
                : new CupsPrinter(config.printer(), Duration.ofSeconds(60));
        this.prints = new PrintJobs(printer, config.serverUrl(), config.kioskId(), config.kioskSecret(), codec, link::send);
        screens.relayPhotos((photoId, jpeg) -> {
            try {
                uploader.uploadPhoto(photoId, jpeg);
                return null;
            } catch (PageUploader.UploadFailed e) {
                return e.getMessage();
            }
        });
    }

    /** Device work the server asks of this kiosk is noticed here, before the message reaches the screen. */
    private void observeForDevices(String text) {
        try {
            JsonNode m = codec.json().readTree(text);
            scans.observe(m);
            prints.observe(m);
        } catch (Exception e) {
            LOG.warn("Unreadable message from the server");
        }
    }

    private static Scanner scannerFor(KioskConfig config) {
        return config.scanner().equals("simulated") ? new SimulatedScanner(2)
                : new SaneScanner(config.scanner(), "scanimage", Duration.ofMinutes(2), config.scannerOptions());
    }

    private static Camera documentCameraFor(KioskConfig config) {
        return config.documentCamera().equals("simulated") ? new SimulatedCamera(Camera.Role.DOCUMENT, java.util.Optional.empty())
                : new WebcamCaptureCamera(Camera.Role.DOCUMENT, config.documentCamera());
    }

    public static KioskApp start(KioskConfig config) {
        KioskApp app = new KioskApp(config);
        app.screens.start(config.uiPort());
        app.publishLinkState(false);
        app.link.start();
        return app;
    }

    /** The kiosk UI on loopback, e.g. {@code http://127.0.0.1:8081/}. */
    public String uiUrl() {
        return screens.url();
    }

    public boolean isLinkUp() {
        return link.isUp();
    }

    public int connectedScreens() {
        return screens.connectedScreens();
    }

    private boolean sendToServer(String text) {
        // The screen's "Scan" is for this process: it drives the scanner and uploads; the server hears the result.
        if (text.contains("\"scan.capture\"")) {
            try {
                JsonNode m = codec.json().readTree(text);
                if (MessageType.SCAN_CAPTURE.wireName().equals(m.path("type").asText())) {
                    scans.capture(m.path("payload").path("scanId").asText());
                    return true;
                }
            } catch (Exception e) {
                return false;
            }
        }
        if (text.contains("\"call.request\"") || text.contains("\"call.cancel\"") || text.contains("\"call.hangup\"")) {
            LOG.info("Resident: {}", text.length() > 120 ? text.substring(0, 120) : text);
        }
        return link.send(text);
    }

    private void rememberConfig(String text) {
        try {
            JsonNode m = codec.json().readTree(text);
            if (MessageType.KIOSK_CONFIG.wireName().equals(m.path("type").asText())) {
                lastConfig = m.path("payload");
                publishLinkState(true);
            }
        } catch (Exception e) {
            LOG.warn("Unreadable message from the server");
        }
    }

    private void publishLinkState(boolean up) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("connected", up);
        payload.put("simulatedScanner", scans == null || scans.simulated());
        if (lastConfig != null) {
            payload.put("config", lastConfig);
        }
        ObjectNode node = codec.json().valueToTree(payload);
        screens.setLinkState(codec.encode(MessageType.KIOSK_LINK, node));
    }

    @Override
    public void close() {
        scans.close();
        prints.close();
        link.close();
        screens.close();
    }
}
