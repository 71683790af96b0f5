package uk.gov.council.cap.kiosk.fleet;

/**
 * What kiosk-app can do to its own screen when it has one (the JCEF shell); a headless kiosk has
 * neither.
 */
public interface ScreenAccess {
  /** The screen as a PNG. */
  byte[] screenshot() throws Exception;

  /** Forgets everything the browser holds for the last resident: cookies, storage, cache. */
  void wipeBrowser();

  ScreenAccess NONE =
      new ScreenAccess() {
        @Override
        public byte[] screenshot() {
          throw new UnsupportedOperationException(
              "This kiosk runs headless: its screen is a separate browser, so kiosk-app"
                  + " cannot capture it.");
        }

        @Override
        public void wipeBrowser() {
          // The headless kiosk's browser clears its own storage when it resets (kiosk.js).
        }
      };
}
