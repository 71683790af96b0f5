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
    KioskShell shell = KioskShell.open(args[0], Path.of(args[1]), FakeMedia.OFF);
    shell.watchTitle(titles::add);
    String report = "document.title = 'STATE=' + JSON.stringify({local: localStorage.length, session: sessionStorage.length,"
        + " cookie: document.cookie})";
    String state = await(shell, titles, report, 120);
    shell.run("localStorage.setItem('resident', 'Margaret'); sessionStorage.setItem('answer', '12 High St');"
        + " document.cookie = 'resident=Margaret; max-age=3600';");
    System.out.println("BEFORE=" + await(shell, titles, report, 20));
    shell.wipeBrowser();
    Thread.sleep(500);
    System.out.println("AFTER=" + await(shell, titles, report, 20));
    java.awt.image.BufferedImage screen = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(shell.screenshot()));
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < screen.getHeight(); y += 7) {
      for (int x = 0; x < screen.getWidth(); x += 7) {
        colours.add(screen.getRGB(x, y));
      }
    }
    System.out.println("SCREENSHOT=" + screen.getWidth() + "x" + screen.getHeight() + " colours=" + colours.size());
  }

  /** Runs the report script until the page answers in its title (the page may still be loading at first). */
  private static String await(KioskShell shell, java.util.concurrent.BlockingQueue<String> titles, String report, int seconds)
      throws InterruptedException {
    titles.clear();
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      shell.run(report);
      String t = titles.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
      while (t != null && !t.startsWith("STATE=")) {
        t = titles.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      if (t != null) {
        return t.substring("STATE=".length());
      }
    }
    throw new IllegalStateException("The page never answered");
  }
}
