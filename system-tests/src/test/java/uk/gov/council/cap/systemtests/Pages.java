package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** What a person does on each page, in the words they see. */
final class Pages {
  private Pages() {}

  static Locator button(Page page, String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static void signIn(Page console, String baseUrl, String username, String password) {
    console.navigate(baseUrl + "/index.html");
    console.getByLabel("Username").fill(username);
    console.getByLabel("Password").fill(password);
    button(console, "Sign in").click();
    console.waitForURL("**/console.html");
  }

  /**
   * The advisor signs in and becomes Available, the resident presses the button, the advisor
   * accepts.
   */
  static void startCall(Page console, Page kiosk, RunningSystem system) {
    signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
    setStatus(console, "Available");
    kiosk.navigate(system.kioskUrl());
    talkToAnAdvisor(kiosk);
    button(console, "Accept call").click();
  }

  /**
   * The resident presses "Talk to an advisor", reads the camera notice ("This is a video call") and
   * presses Continue: only then is the call asked for.
   */
  static void talkToAnAdvisor(Page kiosk) {
    button(kiosk, "Talk to an advisor").click();
    assertThat(
            kiosk.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName("This is a video call")))
        .isVisible();
    button(kiosk, "Continue").click();
  }

  /**
   * The resident presses "End call" and answers "Yes" to "Are you sure you want to end the call?".
   */
  static void endCallOnKiosk(Page kiosk) {
    button(kiosk, "End call").click();
    button(kiosk, "Yes, end the call").click();
  }

  /**
   * Chooses a status as an advisor does: only once the console shows the status the server has for
   * them, and done when the console shows the new one. Until the server has said, the console shows
   * "Connecting"; the status radios are enabled as soon as the socket opens, a moment before the
   * server's first word, which then resets the radios. Choosing in that moment was the flake on a
   * busy machine ("clicking the checkbox did not change its state"), so this waits for what the
   * advisor would wait for, not for a length of time.
   */
  static void setStatus(Page console, String status) {
    Locator shown = console.locator("#status-now");
    assertThat(shown).not().containsText("Connecting");
    console.getByLabel(status, new Page.GetByLabelOptions().setExact(true)).check();
    assertThat(shown).hasText("Status: " + status);
  }

  /** Resolves when the video element has rendered at least three new frames. */
  static boolean isPlayingFrames(Page page, String selector) {
    Object ok =
        page.evaluate(
            "sel => new Promise(resolve => {"
                + "  const v = document.querySelector(sel);"
                + "  if (!v || !v.requestVideoFrameCallback) { resolve(false); return; }"
                + "  let frames = 0;"
                + "  const onFrame = () => { frames++; if (frames >= 3) resolve(true); else v.requestVideoFrameCallback(onFrame); };"
                + "  v.requestVideoFrameCallback(onFrame);"
                + "  setTimeout(() => resolve(false), 15000);"
                + "})",
            selector);
    return Boolean.TRUE.equals(ok);
  }

  /**
   * From now on, the page remembers every text the element shows while it is visible (as read
   * aloud: whitespace collapsed, decoration marked aria-hidden left out), so a notice that comes
   * and goes between two looks is still seen. Read with {@link #textsShown}. A reload forgets it.
   */
  static void recordTextsShown(Page page, String selector) {
    page.evaluate(
        "sel => {"
            + "  const n = document.querySelector(sel);"
            + "  const seen = (window.__capSeen = window.__capSeen || {});"
            + "  seen[sel] = [];"
            + "  const words = () => { const c = n.cloneNode(true); c.querySelectorAll('[aria-hidden=true]').forEach((e) => e.remove());"
            + "    return c.textContent.replace(/\\s+/g, ' ').trim(); };"
            + "  const note = () => { const t = n.hidden ? '' : words(); const l = seen[sel];"
            + "    if (t && l[l.length - 1] !== t) l.push(t); };"
            + "  new MutationObserver(note).observe(n, { attributes: true, childList: true, subtree: true, characterData: true });"
            + "  note();"
            + "}",
        selector);
  }

  @SuppressWarnings("unchecked")
  static java.util.List<String> textsShown(Page page, String selector) {
    return (java.util.List<String>)
        page.evaluate("sel => (window.__capSeen && window.__capSeen[sel]) || []", selector);
  }

  /** Every visible control on the kiosk is at least 44 by 44 CSS pixels. */
  static void assertTouchTargetsAreAtLeast44px(Page page) {
    Object small =
        page.evaluate(
            "() => [...document.querySelectorAll('button, a, input, select, textarea, [role=button]')]"
                + ".filter(e => e.offsetParent !== null)"
                + ".map(e => ({t: (e.innerText || e.id || e.tagName).trim(), r: e.getBoundingClientRect()}))"
                + ".filter(x => x.r.height < 44 || x.r.width < 44).map(x => x.t + ' ' + Math.round(x.r.width) + 'x' + Math.round(x.r.height))");
    org.assertj.core.api.Assertions.assertThat((java.util.List<?>) small)
        .as("touch targets under 44 px")
        .isEmpty();
  }
}
