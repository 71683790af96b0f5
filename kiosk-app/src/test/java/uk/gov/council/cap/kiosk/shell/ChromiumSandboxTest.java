package uk.gov.council.cap.kiosk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the kiosk's Chromium runs sandboxed, and when (and why) it cannot. */
class ChromiumSandboxTest {

  @Test
  void anUnprivilegedUserWithUserNamespacesGetsTheSandbox() {
    assertThat(ChromiumSandbox.whyNot(new ChromiumSandbox.Host(false, true, false))).isEmpty();
  }

  @Test
  void aSetuidHelperIsEnoughWithoutUserNamespaces() {
    assertThat(ChromiumSandbox.whyNot(new ChromiumSandbox.Host(false, false, true))).isEmpty();
  }

  @Test
  void rootNeverGetsItAndTheLogSaysWhy() {
    assertThat(ChromiumSandbox.whyNot(new ChromiumSandbox.Host(true, true, true)))
        .hasValueSatisfying(why -> assertThat(why).contains("root").contains("cap-kiosk"));
  }

  @Test
  void withNoWayInTheReasonNamesWhatToCheck() {
    assertThat(ChromiumSandbox.whyNot(new ChromiumSandbox.Host(false, false, false)))
        .hasValueSatisfying(
            why -> assertThat(why).contains("user namespaces").contains("chrome-sandbox"));
  }

  @Test
  void thisMachineIsReadAsItIs(@TempDir Path jcef) {
    ChromiumSandbox.Host host = ChromiumSandbox.probe(jcef);
    boolean root = "root".equals(System.getProperty("user.name"));
    assertThat(host.root()).isEqualTo(root);
    // A helper this test made is not setuid root, so it does not count.
    assertThat(host.setuidHelper()).isFalse();
  }
}
