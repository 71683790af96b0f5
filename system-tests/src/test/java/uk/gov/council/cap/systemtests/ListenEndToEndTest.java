package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.KioskApp;

/**
 * Listen (issue 16, ADR 0041): the kiosk reads its screen aloud with espeak-ng, and the advisor is
 * told the resident is using speech. Needs espeak-ng and sox (.ci/run installs both).
 */
class ListenEndToEndTest extends BrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void listenReadsTheAttractScreenAloudAndTheAdvisorSeesSpeechIsInUse() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isEnabled();
      Axe.assertNoViolations(kiosk, "attract screen with Listen");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      button(kiosk, "Listen").click();
      KioskApp app = system.kioskApp();
      Await.until("kiosk-app made speech", () -> app.lastSpeech().isPresent(), WAIT);
      assertThat(app.lastSpeech().orElseThrow().text()).isEqualTo(readAloud(kiosk));
      assertThat(app.lastSpeech().orElseThrow().voice()).isEqualTo("en-gb");
      assertThat(rmsAmplitude(app.lastSpeech().orElseThrow().wav()))
          .as("the speech is not silence")
          .isGreaterThan(0.001);

      // While it speaks, the same button stops it; Repeat reads the screen again.
      assertThat(button(kiosk, "Stop")).isVisible();
      button(kiosk, "Stop").click();
      assertThat(button(kiosk, "Listen")).isVisible();
      assertThat(button(kiosk, "Repeat")).isVisible();

      // In a call, the advisor's console says the resident is using speech.
      Page console = consoleWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(kiosk.locator("#screen-call")).isVisible();
      assertThat(console.getByText("Using speech")).isHidden();
      button(kiosk, "Listen").click();
      assertThat(console.getByText("Using speech")).isVisible();
      Await.until(
          "the call screen was read",
          () -> app.lastSpeech().map(s -> s.text().startsWith("You are talking to")).orElse(false),
          WAIT);
      assertThat(app.lastSpeech().orElseThrow().text())
          .contains("End call.")
          .doesNotContain("Listen");
    }
  }

  @Test
  void whatIsReadLeavesOutHiddenWordsTheToolBarAndWhatTheResidentTyped() {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Listen")).isVisible();
      // A question with an error, as the form and payment screens show them, put on the screen.
      kiosk.evaluate(
          "() => document.querySelector('#screen-attract').insertAdjacentHTML('beforeend',"
              + " '<div class=\"govuk-form-group govuk-form-group--error\">"
              + "<label class=\"govuk-label\" for=\"t-name\">Your name</label>"
              + "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span>"
              + " Enter your name</p><input class=\"govuk-input\" id=\"t-name\" value=\"Jane Private\"></div>"
              + "<p class=\"govuk-body\" hidden>Not shown</p><p class=\"govuk-body\" aria-hidden=\"true\">Decoration</p>"
              + "<h2 class=\"govuk-heading-m\">You are paying £12.50</h2>')");
      button(kiosk, "Listen").click();
      KioskApp app = system.kioskApp();
      Await.until("kiosk-app made speech", () -> app.lastSpeech().isPresent(), WAIT);
      assertThat(app.lastSpeech().orElseThrow().text())
          .endsWith("Your name. Error: Enter your name. You are paying £12.50.")
          .doesNotContain("Jane Private")
          .doesNotContain("Not shown")
          .doesNotContain("Decoration")
          .doesNotContain("Listen");
    }
  }

  /**
   * What the resident sees on the attract screen, in order: its heading, its words and its choices,
   * each a sentence; not the tool bar.
   */
  private static String readAloud(Page kiosk) {
    List<String> shown =
        kiosk
            .locator("#screen-attract")
            .locator(":is(h1, h2, p, button):visible:not([lang]:not([lang=en]))")
            .allInnerTexts();
    return shown.stream()
        .map(s -> s.replaceAll("\\s+", " ").trim())
        .filter(s -> !s.isEmpty())
        .map(s -> s.matches(".*[.!?:…]$") ? s : s + ".")
        .collect(Collectors.joining(" "));
  }

  /** sox's "RMS amplitude" of the WAV, from 0 (silence) to 1. */
  private static double rmsAmplitude(byte[] wav) throws IOException, InterruptedException {
    Path file = Files.createTempFile("listen", ".wav");
    try {
      Files.write(file, wav);
      Process sox =
          new ProcessBuilder("sox", file.toString(), "-n", "stat")
              .redirectErrorStream(true)
              .start();
      String out = new String(sox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sox.waitFor()).as("sox stat: " + out).isZero();
      Matcher rms = Pattern.compile("RMS\\s+amplitude:\\s+([0-9.]+)").matcher(out);
      assertThat(rms.find()).as("sox stat: " + out).isTrue();
      return Double.parseDouble(rms.group(1));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
