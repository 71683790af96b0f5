package uk.gov.council.cap.systemtests;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's real Chromium, driven by Playwright, with a synthetic camera and microphone so WebRTC
 * runs for real without hardware. Playwright's own browser download is never used.
 */
public final class Chromium implements AutoCloseable {
  private static final Path EXECUTABLE =
      Path.of(System.getenv().getOrDefault("CAP_CHROMIUM", "/usr/bin/chromium"));
  private static final List<String> FAKE_MEDIA =
      List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
  private static final List<String> QUIET =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");
  private final Playwright playwright;
  private final Browser browser;

  /**
   * The same Chromium without the synthetic devices, started only when a test needs a kiosk with
   * none.
   */
  private Browser withoutMedia;

  public Chromium() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(
          "Chromium is not installed at "
              + EXECUTABLE
              + ". Install Debian's chromium package (.ci/run does), or set CAP_CHROMIUM.");
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = launch(true);
  }

  private Browser launch(boolean fakeMedia) {
    List<String> args = new ArrayList<>(fakeMedia ? FAKE_MEDIA : List.of());
    args.addAll(QUIET);
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(args));
  }

  /** A fresh browser profile (cookies, storage) with camera and microphone allowed. */
  public BrowserContext newWindow() {
    return newWindow(1280, 900);
  }

  /** The same, with a window of this size: a portrait kiosk screen is 1080 by 1920. */
  public BrowserContext newWindow(int width, int height) {
    return browser.newContext(
        new Browser.NewContextOptions()
            .setPermissions(List.of("camera", "microphone"))
            .setViewportSize(width, height));
  }

  /**
   * A fresh browser profile on a machine with no camera and no microphone, as on a kiosk whose
   * devices have failed: the browser has no synthetic devices, and the page is allowed none (so a
   * real device on the machine running the tests cannot answer either). Every {@code getUserMedia}
   * fails.
   */
  public BrowserContext newWindowWithoutCameraOrMicrophone() {
    if (withoutMedia == null) {
      withoutMedia = launch(false);
    }
    return withoutMedia.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
  }

  @Override
  public void close() {
    if (withoutMedia != null) {
      withoutMedia.close();
    }
    browser.close();
    playwright.close();
  }
}
