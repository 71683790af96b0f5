package uk.gov.council.cap.kiosk.shell;

import java.nio.file.Path;

/**
 * Run by {@link KioskShellTest} in its own process (JCEF wants the main thread of a JVM with a
 * display): opens the shell, leaves a resident's traces in the real embedded Chromium (local and
 * session storage, a cookie), wipes, and prints what the page can still see before and after.
 */
public final class ShellWipeProbe {
  private ShellWipeProbe() {}

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
    java.util.concurrent.LinkedBlockingQueue<String> titles =
        new java.util.concurrent.LinkedBlockingQueue<>();
    KioskShell shell = KioskShell.open(args[0], Path.of(args[1]), FakeMedia.OFF);
    shell.watchTitle(titles::add);
    String report =
        "document.title = 'STATE=' + JSON.stringify({local: localStorage.length, session: sessionStorage.length,"
            + " cookie: document.cookie})";
    await(shell, titles, report, 120, state -> true);
    shell.run(
        "localStorage.setItem('resident', 'Margaret'); sessionStorage.setItem('answer', '12 High St');"
            + " document.cookie = 'resident=Margaret; max-age=3600';");
    System.out.println(
        "BEFORE=" + await(shell, titles, report, 20, state -> state.contains("Margaret")));
    shell.wipeBrowser();
    // The wipe runs in the page and clears the cookie jar asynchronously: report once it is done
    // (or what is left).
    System.out.println("AFTER=" + await(shell, titles, report, 20, state -> state.equals(WIPED)));
    // The screen as the fleet page would see it, once Chromium has drawn the page on it (on a busy
    // machine the
    // window can still be blank just after the page answered); the last one taken when the time is
    // up.
    long deadline = System.nanoTime() + 30_000_000_000L;
    java.awt.image.BufferedImage screen =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(shell.screenshot()));
    while (colours(screen) <= 5 && System.nanoTime() - deadline < 0) {
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200);
      screen = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(shell.screenshot()));
    }
    System.out.println(
        "SCREENSHOT="
            + screen.getWidth()
            + "x"
            + screen.getHeight()
            + " colours="
            + colours(screen));
  }

  /** Distinct colours on a 7-pixel grid: a blank screen has one. */
  private static int colours(java.awt.image.BufferedImage screen) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < screen.getHeight(); y += 7) {
      for (int x = 0; x < screen.getWidth(); x += 7) {
        seen.add(screen.getRGB(x, y));
      }
    }
    return seen.size();
  }

  private static final String WIPED = "{\"local\":0,\"session\":0,\"cookie\":\"\"}";

  /**
   * Runs the report script until the page's answer in its title satisfies {@code done} (the page
   * may still be loading at first); gives the last answer when the time is up.
   */
  private static String await(
      KioskShell shell,
      java.util.concurrent.BlockingQueue<String> titles,
      String report,
      int seconds,
      java.util.function.Predicate<String> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String last = null;
    while (System.nanoTime() - deadline < 0) {
      titles.clear();
      shell.run(report);
      String t = titles.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
      while (t != null && !t.startsWith("STATE=")) {
        t = titles.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      if (t != null) {
        last = t.substring("STATE=".length());
        if (done.test(last)) {
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
