package uk.gov.council.cap.kiosk.shell;

import java.awt.BorderLayout;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import me.friwi.jcefmaven.CefAppBuilder;
import org.cef.CefApp;
import org.cef.CefClient;
import org.cef.CefSettings;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.callback.CefContextMenuParams;
import org.cef.callback.CefMenuModel;
import org.cef.handler.CefContextMenuHandlerAdapter;
import org.cef.handler.CefDisplayHandlerAdapter;
import org.cef.handler.CefKeyboardHandler;
import org.cef.handler.CefKeyboardHandlerAdapter;
import org.cef.handler.CefLifeSpanHandlerAdapter;
import org.cef.handler.CefLoadHandler;
import org.cef.handler.CefLoadHandlerAdapter;
import org.cef.handler.CefRequestHandlerAdapter;
import org.cef.misc.BoolRef;
import org.cef.network.CefCookieManager;
import org.cef.network.CefRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.kiosk.fleet.ScreenAccess;

/**
 * The kiosk's screen: the loopback kiosk UI full-screen in JCEF (embedded Chromium), locked down.
 * Navigation is held to the kiosk UI's origin, there is no context menu, no pop-up windows, and no
 * keyboard shortcuts (dev tools, reload, address bar) reach Chromium. When the page's renderer
 * crashes, hangs, or the page fails to load, the page is loaded again ({@link PageRecovery}), so it
 * reconnects to kiosk-app's bridge. The camera and microphone it offers are set by {@link
 * FakeMedia}.
 */
public final class KioskShell implements AutoCloseable, ScreenAccess {
  private static final Logger LOG = LoggerFactory.getLogger(KioskShell.class);
  private static final int EVENTFLAG_CONTROL_DOWN = 1 << 2;
  private static final int EVENTFLAG_ALT_DOWN = 1 << 3;
  private static final int VK_F1 = 112;
  private static final int VK_F12 = 123;

  /** How long the page may go without answering before its renderer is taken to have hung. */
  static final Duration HANG_AFTER = Duration.ofSeconds(30);

  /** How often the page is asked to answer. */
  static final Duration PING_EVERY = Duration.ofSeconds(5);

  private final CefApp app;
  private final CefClient client;
  private final CefBrowser browser;
  private final JFrame frame;
  private final ScheduledExecutorService recoveryThread;
  private final List<Consumer<String>> titleListeners;

  private KioskShell(
      CefApp app,
      CefClient client,
      CefBrowser browser,
      JFrame frame,
      ScheduledExecutorService recoveryThread,
      List<Consumer<String>> titleListeners) {
    this.app = app;
    this.client = client;
    this.browser = browser;
    this.frame = frame;
    this.recoveryThread = recoveryThread;
    this.titleListeners = titleListeners;
  }

  /**
   * Opens the kiosk UI at {@code url} full-screen. The first start unpacks Chromium (about a
   * minute). Chromium's profile lives in {@code profileDir}, which is emptied at every start (so
   * even a power cut mid-call leaves nothing for the next resident), and {@link #wipeBrowser}
   * clears it between residents.
   */
  public static KioskShell open(String url, Path profileDir, FakeMedia media) throws Exception {
    return open(url, profileDir, media, HANG_AFTER);
  }

  static KioskShell open(String url, Path profileDir, FakeMedia media, Duration hangAfter)
      throws Exception {
    if (GraphicsEnvironment.isHeadless()) {
      throw new IllegalStateException(
          "There is no display. Run with --headless to serve the kiosk UI to a browser instead.");
    }
    String origin = originOf(url);
    CefAppBuilder builder = new CefAppBuilder();
    builder.setInstallDir(installDir());
    builder.getCefSettings().windowless_rendering_enabled = false;
    builder.getCefSettings().persist_session_cookies = false;
    deleteTree(profileDir);
    java.nio.file.Files.createDirectories(profileDir);
    builder.getCefSettings().root_cache_path = profileDir.toAbsolutePath().toString();
    // Camera and microphone for the call; the permission prompt is answered automatically because
    // navigation is locked to the kiosk's own origin (this JCEF has no per-origin permission hook).
    builder.addJcefArgs(
        "--enable-media-stream",
        "--use-fake-ui-for-media-stream",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-features=Translate",
        "--autoplay-policy=no-user-gesture-required");
    // Which devices getUserMedia finds: the real ones, or Chromium's fakes (tests, training; ADR
    // 0025).
    if (media != FakeMedia.OFF) {
      LOG.warn(
          "The kiosk's camera and microphone are Chromium's fakes (CAP_KIOSK_FAKE_MEDIA={}): {}",
          media.setting(),
          media.chromiumSwitches());
      builder.addJcefArgs(media.chromiumSwitches().toArray(String[]::new));
    }
    java.util.Optional<String> noSandbox =
        ChromiumSandbox.whyNot(ChromiumSandbox.probe(installDir().toPath()));
    if (noSandbox.isPresent()) {
      LOG.warn(
          "Chromium's sandbox is OFF: {}. Pages run with this process's full rights.",
          noSandbox.get());
      builder.addJcefArgs("--no-sandbox");
    } else {
      LOG.info("Chromium's sandbox is on");
    }
    // JCEF's native code always asks CEF for no sandbox; where the sandbox can run, the switch that
    // says so is
    // taken back out of the browser's command line before its child processes inherit it.
    CefApp.addAppHandler(new SandboxedAppHandler(noSandbox.isEmpty()));
    CefApp app = builder.build();
    CefClient client = app.createClient();
    ScheduledExecutorService recoveryThread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kiosk-shell-recovery");
              t.setDaemon(true);
              return t;
            });
    // The browser is made after its handlers, which recovery is part of.
    java.util.concurrent.atomic.AtomicReference<CefBrowser> theBrowser =
        new java.util.concurrent.atomic.AtomicReference<>();
    PageRecovery recovery =
        new PageRecovery(
            url,
            new PageRecovery.Page() {
              @Override
              public void load(String target) {
                CefBrowser b = theBrowser.get();
                if (b != null) {
                  b.loadURL(target);
                }
              }

              @Override
              public void run(String script) {
                CefBrowser b = theBrowser.get();
                if (b != null) {
                  b.executeJavaScript(script, b.getURL(), 0);
                }
              }

              @Override
              public int endRenderers() {
                return endRendererProcesses();
              }
            },
            (delay, task) -> recoveryThread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
            hangAfter,
            System::nanoTime);
    client.addRequestHandler(
        new CefRequestHandlerAdapter() {
          @Override
          public boolean onBeforeBrowse(
              CefBrowser browser,
              CefFrame frame,
              CefRequest request,
              boolean userGesture,
              boolean isRedirect) {
            boolean allowed =
                request.getURL().startsWith(origin + "/") || request.getURL().equals(origin);
            if (!allowed) {
              LOG.warn("Blocked navigation away from the kiosk UI to {}", request.getURL());
            }
            return !allowed;
          }

          @Override
          public void onRenderProcessTerminated(
              CefBrowser browser, TerminationStatus status, int errorCode, String errorString) {
            recovery.renderProcessTerminated(status.name(), errorCode);
          }
        });
    client.addLoadHandler(
        new CefLoadHandlerAdapter() {
          @Override
          public void onLoadStart(
              CefBrowser browser, CefFrame frame, CefRequest.TransitionType transitionType) {
            recovery.loadStarted(frame.isMain());
          }

          @Override
          public void onLoadEnd(CefBrowser browser, CefFrame frame, int httpStatusCode) {
            recovery.loadEnded(frame.isMain(), httpStatusCode, frame.getURL());
          }

          @Override
          public void onLoadError(
              CefBrowser browser,
              CefFrame frame,
              CefLoadHandler.ErrorCode errorCode,
              String errorText,
              String failedUrl) {
            recovery.loadFailed(frame.isMain(), errorCode, errorText, failedUrl);
          }
        });
    List<Consumer<String>> titleListeners = new CopyOnWriteArrayList<>();
    client.addDisplayHandler(
        new CefDisplayHandlerAdapter() {
          @Override
          public void onTitleChange(CefBrowser b, String title) {
            titleListeners.forEach(l -> l.accept(title));
          }

          @Override
          public boolean onConsoleMessage(
              CefBrowser b,
              CefSettings.LogSeverity level,
              String message,
              String source,
              int line) {
            return recovery.consoleMessage(message);
          }
        });
    client.addLifeSpanHandler(
        new CefLifeSpanHandlerAdapter() {
          @Override
          public boolean onBeforePopup(
              CefBrowser browser, CefFrame frame, String targetUrl, String targetFrameName) {
            return true;
          }
        });
    client.addContextMenuHandler(
        new CefContextMenuHandlerAdapter() {
          @Override
          public void onBeforeContextMenu(
              CefBrowser browser, CefFrame frame, CefContextMenuParams params, CefMenuModel model) {
            model.clear();
          }
        });
    client.addKeyboardHandler(
        new CefKeyboardHandlerAdapter() {
          @Override
          public boolean onPreKeyEvent(
              CefBrowser browser,
              CefKeyboardHandler.CefKeyEvent event,
              BoolRef isKeyboardShortcut) {
            boolean functionKey =
                event.windows_key_code >= VK_F1 && event.windows_key_code <= VK_F12;
            boolean chord = (event.modifiers & (EVENTFLAG_CONTROL_DOWN | EVENTFLAG_ALT_DOWN)) != 0;
            return functionKey || chord;
          }
        });
    CefBrowser browser = client.createBrowser(url, false, false);
    theBrowser.set(browser);
    JFrame frame = new JFrame("Customer Access Point");
    SwingUtilities.invokeAndWait(
        () -> {
          frame.setUndecorated(true);
          frame.getContentPane().add(browser.getUIComponent(), BorderLayout.CENTER);
          frame.setExtendedState(Frame.MAXIMIZED_BOTH);
          frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
          frame.addWindowListener(
              new WindowAdapter() {
                @Override
                public void windowClosing(WindowEvent e) {
                  LOG.info("Ignoring a request to close the kiosk window");
                }
              });
          GraphicsEnvironment.getLocalGraphicsEnvironment()
              .getDefaultScreenDevice()
              .setFullScreenWindow(frame);
          frame.setVisible(true);
        });
    recoveryThread.scheduleWithFixedDelay(
        () -> {
          try {
            recovery.check();
          } catch (RuntimeException e) {
            LOG.warn("Checking the kiosk page failed", e);
          }
        },
        PING_EVERY.toMillis(),
        PING_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    return new KioskShell(app, client, browser, frame, recoveryThread, titleListeners);
  }

  /**
   * Ends this process's Chromium renderers (a hung one does not end by itself). On Linux a renderer
   * is a descendant whose command line has {@code --type=renderer}; this shell shows one page, so
   * they are all its.
   */
  static int endRendererProcesses() {
    int ended = 0;
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      if (isRenderer(p) && p.destroyForcibly()) {
        ended++;
      }
    }
    return ended;
  }

  private static boolean isRenderer(ProcessHandle p) {
    try {
      // Chromium rewrites a zygote-forked renderer's title, so ProcessHandle.Info shows no
      // arguments; /proc does.
      String commandLine =
          new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
              java.nio.charset.StandardCharsets.UTF_8);
      return commandLine.contains("--type=renderer");
    } catch (java.io.IOException | RuntimeException gone) {
      return false;
    }
  }

  static File installDir() {
    String configured = System.getenv("CAP_JCEF_DIR");
    return (configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "cap", "jcef"))
        .toFile();
  }

  static String originOf(String url) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
  }

  /**
   * The kiosk's screen as the resident sees it, as a PNG (for the fleet page, only between
   * residents).
   */
  @Override
  public byte[] screenshot() throws Exception {
    java.awt.Rectangle[] bounds = new java.awt.Rectangle[1];
    SwingUtilities.invokeAndWait(() -> bounds[0] = frame.getBounds());
    java.awt.image.BufferedImage image = new java.awt.Robot().createScreenCapture(bounds[0]);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    return png.toByteArray();
  }

  /**
   * Forgets the last resident: all cookies, and the kiosk page's local and session storage,
   * IndexedDB databases and cache storage. (The HTTP cache holds only the kiosk UI's own files:
   * what a resident sees arrives over the WebSocket, never as a cached page; the whole profile is
   * emptied at each start.)
   */
  @Override
  public void wipeBrowser() {
    CefCookieManager.getGlobalManager().deleteCookies("", "");
    browser.executeJavaScript(WIPE_SCRIPT, browser.getURL(), 0);
  }

  static final String WIPE_SCRIPT =
      "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}"
          + " try { indexedDB.databases().then(ds => ds.forEach(d => indexedDB.deleteDatabase(d.name))); } catch (e) {}"
          + " try { caches.keys().then(ks => ks.forEach(k => caches.delete(k))); } catch (e) {}";

  /** For tests: runs a script in the kiosk page. */
  void run(String script) {
    browser.executeJavaScript(script, browser.getURL(), 0);
  }

  /**
   * For tests: hears the page's title, the simplest way a script can report back without a
   * debugging port.
   */
  void watchTitle(Consumer<String> listener) {
    titleListeners.add(listener);
  }

  /**
   * For tests: crashes the page's renderer as a fault would (Chromium's debug URL, honoured only
   * from the shell).
   */
  void crashRendererForTest() {
    browser.loadURL("chrome://crash");
  }

  /**
   * For tests: hangs the page's renderer (its main thread stops running scripts; the process lives
   * on).
   */
  void hangRendererForTest() {
    browser.loadURL("chrome://hang");
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (var all = java.nio.file.Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() {
    recoveryThread.shutdownNow();
    SwingUtilities.invokeLater(frame::dispose);
    client.dispose();
    app.dispose();
  }

  /**
   * Shows a URL in the shell; used by tests and for trying the shell on its own. The camera and
   * microphone are as {@code CAP_KIOSK_FAKE_MEDIA} says.
   */
  public static void main(String[] args) throws Exception {
    open(
        args.length > 0 ? args[0] : "http://127.0.0.1:8081/",
        args.length > 1 ? Path.of(args[1]) : Path.of("cap-data", "kiosk-work", "browser"),
        FakeMedia.parse(System.getenv("CAP_KIOSK_FAKE_MEDIA")));
  }
}
