package uk.gov.council.cap.kiosk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;

/**
 * The JCEF shell starts under Xvfb and runs the kiosk UI: the page's own script opens the bridge
 * to kiosk-app, which only happens when the UI has loaded and its JavaScript runs.
 */
class KioskShellTest {

    @Test
    void theShellShowsTheKioskUiUnderXvfb() throws Exception {
        String display = System.getenv("DISPLAY");
        Process xvfb = null;
        if (display == null || display.isBlank()) {
            Assumptions.assumeTrue(onPath("Xvfb"), "Neither a DISPLAY nor Xvfb is available (install the xvfb package)");
            display = ":" + freeDisplayNumber();
            xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(1000);
            assertThat(xvfb.isAlive()).as("Xvfb started").isTrue();
        }
        Process shell = null;
        Path work = Files.createTempDirectory("kiosk-shell-work");
        Path profile = work.resolve("browser");
        try (KioskApp kiosk = KioskApp.start(KioskConfig.from(Map.of("CAP_SERVER_URL", "http://127.0.0.1:9",
                "CAP_KIOSK_ID", "k1", "CAP_KIOSK_SECRET", "s", "CAP_KIOSK_UI_PORT", "0",
                "CAP_KIOSK_WORK_DIR", work.toString()), List.of("--headless")))) {
            Path log = Files.createTempFile("kiosk-shell", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KioskShell.class.getName(), kiosk.uiUrl(), profile.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DISPLAY", display);
            shell = pb.start();
            long deadline = System.currentTimeMillis() + 240_000;
            while (kiosk.connectedScreens() == 0 && shell.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            assertThat(kiosk.connectedScreens()).as("the kiosk UI in JCEF connected to the bridge; shell log:\n"
                    + tail(log)).isGreaterThanOrEqualTo(1);
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
            shell.waitFor();

            // A resident's traces left from before (a power cut mid-call) go when the shell starts; then what a
            // resident leaves in the page (storage, cookies) is gone after the wipe between residents.
            Path leftover = profile.resolve("Default").resolve("Local Storage").resolve("left-from-last-resident");
            Files.createDirectories(leftover.getParent());
            Files.writeString(leftover, "Margaret");
            Path probeLog = Files.createTempFile("kiosk-shell-probe", ".log");
            ProcessBuilder probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ShellWipeProbe.class.getName(), kiosk.uiUrl(), profile.toString())
                    .redirectErrorStream(true).redirectOutput(probeLog.toFile());
            probe.environment().put("DISPLAY", display);
            shell = probe.start();
            assertThat(shell.waitFor(240, java.util.concurrent.TimeUnit.SECONDS)).as("the probe finished").isTrue();
            String out = Files.readString(probeLog);
            assertThat(Files.exists(leftover)).as("the old profile was emptied at start").isFalse();
            assertThat(out).as(tail(probeLog)).contains("BEFORE={\"local\":1,\"session\":1,\"cookie\":\"resident=Margaret\"}");
            assertThat(out).as(tail(probeLog)).contains("AFTER={\"local\":0,\"session\":0,\"cookie\":\"\"}");
            // The Fleet page's "See its screen": the whole 1280×1024 screen, and the kiosk UI drawn on it (not blank).
            java.util.regex.Matcher shot = java.util.regex.Pattern.compile("SCREENSHOT=(\\d+)x(\\d+) colours=(\\d+)").matcher(out);
            assertThat(shot.find()).as(tail(probeLog)).isTrue();
            assertThat(Integer.parseInt(shot.group(1))).isEqualTo(1280);
            assertThat(Integer.parseInt(shot.group(2))).isEqualTo(1024);
            assertThat(Integer.parseInt(shot.group(3))).as("distinct colours on the screenshot").isGreaterThan(5);
        } finally {
            if (shell != null) {
                shell.descendants().forEach(ProcessHandle::destroyForcibly);
                shell.destroyForcibly();
            }
            if (xvfb != null) {
                xvfb.destroyForcibly();
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static int freeDisplayNumber() throws IOException {
        for (int n = 90; n < 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                try (ServerSocket probe = new ServerSocket(6000 + n)) {
                    return n;
                } catch (IOException busy) {
                    // try the next one
                }
            }
        }
        throw new IOException("No free X display number");
    }
}
