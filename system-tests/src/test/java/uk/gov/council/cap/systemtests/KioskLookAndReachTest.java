package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kiosk for everyone (issue 16, ADR 0042): actions within reach in portrait, text size and
 * contrast that reset for the next resident, the camera notice before any camera, the resident's
 * own controls in a call, and "Do you need more time?" before an idle reset.
 */
class KioskLookAndReachTest extends BrowserTest {

  /** Every visible button's top edge, and the window's height, as "name top/height". */
  @SuppressWarnings("unchecked")
  private static List<String> buttonsInTheUpperHalf(Page page) {
    return (List<String>)
        page.evaluate(
            "() => [...document.querySelectorAll('button, a, input, [role=button]')]"
                + ".filter(e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed')"
                + ".map(e => ({t: (e.innerText || e.id).trim(), r: e.getBoundingClientRect()}))"
                + ".filter(x => x.r.width > 0 && x.r.top < window.innerHeight / 2)"
                + ".map(x => x.t + ' at ' + Math.round(x.r.top) + ' of ' + window.innerHeight)");
  }

  static void assertActionsInTheLowerHalf(Page page, String screen) {
    org.assertj.core.api.Assertions.assertThat(buttonsInTheUpperHalf(page))
        .as("buttons in the upper half of the " + screen + " in portrait")
        .isEmpty();
  }

  /**
   * Kept as files the build produces (target/screenshots), so reviewers can look at the main
   * screens in portrait and landscape.
   */
  static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(java.nio.file.Path.of("target", "screenshots", name + ".png"))
            .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  @Test
  void inPortraitEveryActionIsInTheLowerHalfAndBigEnough() {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow(1080, 1920)) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isEnabled();
      assertThat(kiosk.locator("html")).hasClass(Pattern.compile("kiosk-portrait"));
      assertActionsInTheLowerHalf(kiosk, "attract screen");
      screenshot(kiosk, "portrait-attract");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      button(kiosk, "Talk to an advisor").click();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("This is a video call"))).isVisible();
      assertActionsInTheLowerHalf(kiosk, "camera notice");
      screenshot(kiosk, "portrait-camera-notice");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(kiosk, "kiosk camera notice (portrait)");

      button(kiosk, "Continue").click();
      assertThat(kiosk.getByText(Pattern.compile("in the queue"))).isVisible();
      assertActionsInTheLowerHalf(kiosk, "connecting screen");
      screenshot(kiosk, "portrait-connecting");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      Pages.setStatus(console, "Available");
      button(console, "Accept call").click();
      assertThat(button(kiosk, "Mute microphone")).isVisible();
      assertActionsInTheLowerHalf(kiosk, "call screen");
      screenshot(kiosk, "portrait-call");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(kiosk, "kiosk in a call (portrait)");

      button(kiosk, "End call").click();
      assertThat(button(kiosk, "Yes, end the call")).isVisible();
      assertActionsInTheLowerHalf(kiosk, "end call question");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(kiosk, "kiosk end call question (portrait)");
    }
  }

  @Test
  void aPortraitSettingLaysOutForPortraitWhateverTheWindow() {
    // Also "Do you need more time?" for axe: a 3 s idle, and a long time to answer.
    try (RunningSystem system =
            new RunningSystem(
                true,
                3,
                UnaryOperator.identity(),
                Map.of("CAP_KIOSK_ORIENTATION", "portrait", "CAP_KIOSK_MORE_TIME_SECONDS", "600"));
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isEnabled();
      assertThat(kiosk.locator("html")).hasClass(Pattern.compile("kiosk-portrait"));
      button(kiosk, "Talk to an advisor").click();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("Do you need more time?"))).isVisible();
      assertThat(kiosk.locator("#more-time-text"))
          .hasText("If you do not answer, this screen will go back to the start in 600 seconds.");
      Axe.assertNoViolations(kiosk, "do you need more time");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      screenshot(kiosk, "landscape-window-portrait-setting-more-time");
      button(kiosk, "Yes, I need more time").click();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("This is a video call"))).isVisible();
    }
  }

  @Test
  void textSizeAndContrastApplyEverywhereAndResetForTheNextResident() {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isEnabled();
      assertThat(kiosk.getByRole(AriaRole.NAVIGATION, named("Screen settings"))).isVisible();
      double standard = bodyTextPixels(kiosk);
      org.assertj.core.api.Assertions.assertThat(standard)
          .as("body text at Standard, read standing at arm's length")
          .isGreaterThanOrEqualTo(28);

      button(kiosk, "Text size: Standard").click();
      assertThat(button(kiosk, "Text size: Large")).isVisible();
      button(kiosk, "Text size: Large").click();
      assertThat(button(kiosk, "Text size: Largest")).isVisible();
      org.assertj.core.api.Assertions.assertThat(bodyTextPixels(kiosk))
          .isGreaterThanOrEqualTo(standard * 1.4);
      button(kiosk, "High contrast").click();
      assertThat(button(kiosk, "High contrast")).hasAttribute("aria-pressed", "true");
      assertThat(kiosk.locator("body")).hasCSS("background-color", "rgb(0, 0, 0)");
      Axe.assertNoViolations(kiosk, "attract screen, largest text, high contrast");
      screenshot(kiosk, "landscape-attract-largest-contrast");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      // Every screen follows, not only the one it was chosen on.
      button(kiosk, "Talk to an advisor").click();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("This is a video call"))).isVisible();
      assertThat(kiosk.locator("#screen-privacy h1")).hasCSS("color", "rgb(255, 255, 0)");
      Axe.assertNoViolations(kiosk, "camera notice, largest text, high contrast");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      // This resident leaves: the next one sees the ordinary kiosk.
      button(kiosk, "Cancel").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      assertThat(button(kiosk, "Text size: Standard")).isVisible();
      assertThat(button(kiosk, "High contrast")).hasAttribute("aria-pressed", "false");
      assertThat(kiosk.locator("body")).hasCSS("background-color", "rgb(255, 255, 255)");
      org.assertj.core.api.Assertions.assertThat(bodyTextPixels(kiosk)).isEqualTo(standard);
    }
  }

  private static double bodyTextPixels(Page kiosk) {
    return ((Number)
            kiosk.evaluate(
                "() => parseFloat(getComputedStyle(document.querySelector('#screen-attract p.govuk-body-l')).fontSize)"))
        .doubleValue();
  }

  /** Counts the page's requests for a camera or microphone, and the tracks it was given. */
  private static final String COUNT_CAMERA_REQUESTS =
      "(() => { window.__capCameraAsked = 0; const md = navigator.mediaDevices;"
          + " if (!md) return; const real = md.getUserMedia.bind(md);"
          + " md.getUserMedia = (c) => { window.__capCameraAsked++; return real(c); }; })()";

  private static int cameraRequests(Page kiosk) {
    return ((Number) kiosk.evaluate("() => window.__capCameraAsked")).intValue();
  }

  @Test
  void theCameraNoticeComesFirstAndTheResidentControlsTheirCameraAndMicrophone() {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Pages.setStatus(console, "Available");
      Page kiosk = kioskWindow.newPage();
      kiosk.addInitScript(COUNT_CAMERA_REQUESTS);
      kiosk.navigate(system.kioskUrl());
      button(kiosk, "Talk to an advisor").click();
      assertThat(kiosk.getByText("The advisor will see and hear you.")).isVisible();
      assertThat(kiosk.getByText("Nothing is recorded.")).isVisible();
      // Nothing is asked of the server, and no camera is touched, until Continue.
      assertThat(console.getByText("No one is waiting")).isVisible();
      org.assertj.core.api.Assertions.assertThat(cameraRequests(kiosk)).isZero();

      button(kiosk, "Continue").click();
      button(console, "Accept call").click();
      assertThat(button(kiosk, "Mute microphone")).isVisible();
      assertThat(kiosk.locator("#camera-sign")).hasText("Camera on");
      org.assertj.core.api.Assertions.assertThat(cameraRequests(kiosk)).isPositive();
      screenshot(kiosk, "landscape-call");

      button(kiosk, "Mute microphone").click();
      assertThat(kiosk.getByText("Microphone muted")).isVisible();
      assertThat(console.getByText(Pattern.compile("resident has muted their microphone")))
          .isVisible();
      org.assertj.core.api.Assertions.assertThat(
              kiosk.evaluate(
                  "() => document.querySelector('#local-video').srcObject.getAudioTracks().every(t => !t.enabled)"))
          .isEqualTo(true);
      button(kiosk, "Turn microphone on").click();
      assertThat(kiosk.getByText("Microphone muted")).isHidden();

      button(kiosk, "Turn camera off").click();
      assertThat(kiosk.locator("#camera-sign")).hasText("Camera off");
      assertThat(kiosk.getByText("Your camera is off")).isVisible();
      assertThat(console.getByText(Pattern.compile("resident has turned their camera off")))
          .isVisible();
      button(kiosk, "Turn camera on").click();
      assertThat(kiosk.locator("#camera-sign")).hasText("Camera on");
      assertThat(console.locator("#kiosk-media")).isHidden();

      // End call asks first; "No" keeps the call.
      button(kiosk, "End call").click();
      assertThat(kiosk.getByText("Are you sure you want to end the call?")).isVisible();
      Axe.assertNoViolations(kiosk, "end call question");
      screenshot(kiosk, "landscape-end-call-question");
      button(kiosk, "No, stay in the call").click();
      assertThat(button(kiosk, "End call")).isVisible();
      assertThat(button(console, "End call")).isVisible();
      Pages.endCallOnKiosk(kiosk);
      assertThat(kiosk.getByText(Pattern.compile("call has ended", Pattern.CASE_INSENSITIVE)))
          .isVisible();
    }
  }

  @Test
  void beforeAnIdleResetTheResidentIsAskedIfTheyNeedMoreTime() {
    // The page's clock is Playwright's: paused, and moved on only when the test says, so the idle
    // timer and the question's countdown run exactly as far as each step needs, however busy the
    // machine (a 3 s idle setting and a 3 s countdown).
    try (RunningSystem system =
            new RunningSystem(
                true, 3, UnaryOperator.identity(), Map.of("CAP_KIOSK_MORE_TIME_SECONDS", "3"));
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      long start = System.currentTimeMillis();
      kiosk.clock().install(new com.microsoft.playwright.Clock.InstallOptions().setTime(start));
      kiosk.clock().pauseAt(start + 1_000);
      kiosk.navigate(system.kioskUrl());
      button(kiosk, "Talk to an advisor").click();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("This is a video call"))).isVisible();
      kiosk.clock().runFor(3_500);
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("Do you need more time?"))).isVisible();
      assertThat(kiosk.locator("#more-time-text"))
          .hasText("If you do not answer, this screen will go back to the start in 3 seconds.");
      // (axe runs on timers, so it looks at this question in the test above, on a running clock.)
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "Yes, I need more time").click();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("Do you need more time?"))).isHidden();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("This is a video call"))).isVisible();

      // Asked again after the next idle spell; with no answer the kiosk starts again by itself.
      kiosk.clock().runFor(3_500);
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("Do you need more time?"))).isVisible();
      kiosk.clock().runFor(3_500);
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("Do you need more time?"))).isHidden();

      // The no-advisor screen asks too, and says plainly what to do instead.
      Pages.talkToAnAdvisor(kiosk);
      assertThat(kiosk.locator("#unavailable-phone")).hasText(RunningSystem.PHONE);
      assertThat(kiosk.locator("#unavailable-hours")).isHidden();
      kiosk.clock().runFor(3_500);
      assertThat(kiosk.getByRole(AriaRole.HEADING, named("Do you need more time?"))).isVisible();
      button(kiosk, "No, start again").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      assertThat(kiosk.getByText("Open 24 hours")).isVisible();
    }
  }

  @Test
  void theCouncilsNameLogoAndColourAreOnTheKioskAndTypingInsteadIsOffered() throws Exception {
    java.nio.file.Path logo = java.nio.file.Files.createTempFile("council-logo", ".png");
    java.awt.image.BufferedImage picture =
        new java.awt.image.BufferedImage(120, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
    javax.imageio.ImageIO.write(picture, "png", logo.toFile());
    try (RunningSystem system =
            new RunningSystem(
                true,
                120,
                c ->
                    c.withBranding(
                        new uk.gov.council.cap.server.branding.CouncilBranding(
                            "Ampthill Town Council",
                            java.util.Optional.of(logo),
                            java.util.Optional.of("#0b4f6c"))),
                Map.of());
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Pages.setStatus(console, "Available");
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(kiosk.locator("#council-name")).hasText("Ampthill Town Council");
      assertThat(kiosk.locator("#kiosk-brand")).hasCSS("background-color", "rgb(11, 79, 108)");
      // The logo comes through kiosk-app (the page's CSP loads images from kiosk-app only).
      assertThat(kiosk.locator("#council-logo")).isVisible();
      kiosk.waitForFunction(
          "() => { const i = document.querySelector('#council-logo'); return i.complete && i.naturalWidth === 120; }");
      Axe.assertNoViolations(kiosk, "attract screen with the council's branding");
      screenshot(kiosk, "landscape-attract-branded");

      button(kiosk, "Type instead of talking").click();
      button(kiosk, "Continue").click();
      assertThat(console.locator("#offer-text")).containsText("would rather type than talk");
      button(console, "Accept call").click();
      assertThat(console.locator("#prefers-text")).isVisible();
      assertThat(kiosk.getByLabel("Write to the advisor")).isVisible();
      kiosk.getByLabel("Write to the advisor").fill("I am deaf, please type");
      button(kiosk, "Send").click();
      assertThat(console.getByText("I am deaf, please type")).isVisible();
      Axe.assertNoViolations(kiosk, "a call started by typing");
      screenshot(kiosk, "landscape-call-typing");
    }
  }
}
