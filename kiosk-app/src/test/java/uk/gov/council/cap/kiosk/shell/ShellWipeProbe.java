package uk.gov.council.cap.kiosk.shell;

import java.nio.file.Path;

/**
 * Run by {@link KioskShellTest} in its own process (JCEF wants the main thread of a JVM with a display): opens the
 * shell, leaves a resident's traces in the real embedded Chromium (local and session storage, a cookie), wipes, and
 * prints what the page can still see before and after.
 */
public final class ShellWipeProbe {
  private ShellWipeProbe() {
  }

  public static void main(String[] args) {
    try {
      probe(args);
    } catch (Throwable e) {
      e.printStackTrace(System.out);
    } finally {
      System.out.flush();
      // JCEF's threads would keep the JVM alive; the test only needs the output.
      Runtime.getRuntime().halt(0);
    }
  }

  private static void probe(String[] args) throws Exception {
    java.util.concurrent.LinkedBlockingQueue<String> titles = new java.util.concurrent.LinkedBlockingQueue<>();
    KioskShell shell = KioskShell.open(args[0], Path.of(args[1]));
    shell.watchTitle(titles::add);
    String report = "document.title = 'STATE=' + JSON.stringify({local: localStorage.length, session: sessionStorage.length,"
        + " cookie: document.cookie})";
    String state = await(shell, titles, report, 120);
    shell.run("localStorage.setItem('resident', 'Margaret'); sessionStorage.setItem('answer', '12 High St');"
        + " document.cookie = 'resident=Margaret; max-age=3600';");
    System.out.println("BEFORE=" + await(shell, titles, report, 20));
    shell.wipeBrowser();
    // The cookie store is cleared off the page's thread, so look until the page sees nothing left (or give up and
    // print what it still sees, which fails the test): no pause in the hope the wipe has finished.
    System.out.println("AFTER=" + await(shell, titles, report, 20, WIPED::equals));
    java.awt.image.BufferedImage screen = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(shell.screenshot()));
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < screen.getHeight(); y += 7) {
      for (int x = 0; x < screen.getWidth(); x += 7) {
        colours.add(screen.getRGB(x, y));
      }
    }
    System.out.println("SCREENSHOT=" + screen.getWidth() + "x" + screen.getHeight() + " colours=" + colours.size());
  }

  /** What the page reports once a resident's traces are gone. */
  private static final String WIPED = "{\"local\":0,\"session\":0,\"cookie\":\"\"}";

  /** Runs the report script until the page answers in its title (the page may still be loading at first). */
  private static String await(KioskShell shell, java.util.concurrent.BlockingQueue<String> titles, String report, int seconds)
      throws InterruptedException {
    return await(shell, titles, report, seconds, state -> true);
  }

  /** As above, until the answer is the one wanted; after {@code seconds}, the last answer (or none) is returned. */
  private static String await(KioskShell shell, java.util.concurrent.BlockingQueue<String> titles, String report, int seconds,
                              java.util.function.Predicate<String> wanted) throws InterruptedException {
    titles.clear();
    String last = null;
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      shell.run(report);
      String t = titles.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
      while (t != null && !t.startsWith("STATE=")) {
        t = titles.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      if (t != null) {
        last = t.substring("STATE=".length());
        if (wanted.test(last)) {
          return last;
        }
      }
    }
    if (last == null) {
      throw new IllegalStateException("The page never answered");
    }
    return last;
  }
}
