package uk.gov.council.cap.kiosk.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether Chromium's sandbox can run on this machine. The kiosk shows pages to the public, so its
 * renderers run sandboxed wherever the sandbox can start: through unprivileged user namespaces
 * (Debian's default) or a setuid-root {@code chrome-sandbox}. Chromium refuses to start as root
 * with its sandbox, and without either way in it cannot start one at all: only then is it switched
 * off with {@code --no-sandbox}, and the reason is logged.
 */
final class ChromiumSandbox {
  private static final int SETUID = 04000;

  /** What the machine offers, read once at start. */
  record Host(boolean root, boolean userNamespaces, boolean setuidHelper) {}

  private ChromiumSandbox() {}

  /** Empty when the sandbox can run; otherwise why it cannot, in words for the log. */
  static Optional<String> whyNot(Host host) {
    if (host.root()) {
      return Optional.of(
          "kiosk-app is running as root, and Chromium will not sandbox itself as root "
              + "(run it as the cap-kiosk user, as cap-kiosk.service does)");
    }
    if (host.userNamespaces() || host.setuidHelper()) {
      return Optional.empty();
    }
    return Optional.of(
        "this machine allows no unprivileged user namespaces (check the kernel.unprivileged_userns_clone "
            + "and user.max_user_namespaces sysctls, and any AppArmor restriction) and chrome-sandbox is not setuid root");
  }

  /**
   * Looks at this machine: who we are, whether a user namespace can be made, and the helper in
   * {@code jcefDir}.
   */
  static Host probe(Path jcefDir) {
    return new Host(
        runningAsRoot(), userNamespacesWork(), setuidHelper(jcefDir.resolve("chrome-sandbox")));
  }

  private static boolean runningAsRoot() {
    try {
      // /proc/self belongs to this process's effective user.
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static boolean userNamespacesWork() {
    if ("0".equals(sysctl("kernel/unprivileged_userns_clone"))
        || "0".equals(sysctl("user/max_user_namespaces"))
        || "1".equals(sysctl("kernel/apparmor_restrict_unprivileged_userns"))) {
      return false;
    }
    // The settings allow it; a container or a seccomp policy may still not. Making one is the real
    // answer.
    try {
      Process p =
          new ProcessBuilder("unshare", "--user", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      // No unshare (util-linux) to ask: go by the settings above, which allowed it.
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean setuidHelper(Path helper) {
    try {
      return Files.isRegularFile(helper)
          && ((Integer) Files.getAttribute(helper, "unix:uid")) == 0
          && (((Integer) Files.getAttribute(helper, "unix:mode")) & SETUID) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String sysctl(String name) {
    try {
      return Files.readString(Path.of("/proc/sys", name)).trim();
    } catch (IOException e) {
      return null;
    }
  }
}
