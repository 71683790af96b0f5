package uk.gov.council.cap.systemtests;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's real Chromium, driven by Playwright, with a synthetic camera and microphone so WebRTC
 * runs for real without hardware. Playwright's own browser download is never used.
 */
public final class Chromium implements AutoCloseable {
    private static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CAP_CHROMIUM", "/usr/bin/chromium"));
    private final Playwright playwright;
    private final Browser browser;

    public Chromium() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("Chromium is not installed at " + EXECUTABLE
                    + ". Install Debian's chromium package (.ci/run does), or set CAP_CHROMIUM.");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh browser profile (cookies, storage) with camera and microphone allowed. */
    public BrowserContext newWindow() {
        return browser.newContext(new Browser.NewContextOptions()
                .setPermissions(List.of("camera", "microphone"))
                .setViewportSize(1280, 900));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
