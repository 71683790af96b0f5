package uk.gov.council.cap.server.oidc;

/**
 * Why a council sign-in was refused. The sign-in page is sent only the {@link #code}, never text
 * from the provider or the request, so nothing anyone puts in a link is shown back as if it came
 * from the council.
 */
public enum Refusal {
  /** Council sign-in is not set up on this server. */
  OFF("off"),
  /** The state does not match a sign-in started on this browser, or it was used already. */
  STATE("state"),
  /** The sign-in was started too long ago. */
  EXPIRED("expired"),
  /** The person cancelled at the provider, or it refused them. */
  CANCELLED("cancelled"),
  /** The provider could not be reached or did not answer as it should. */
  PROVIDER("provider"),
  /** The provider's ID token failed a check (signature, issuer, audience, time, nonce). */
  TOKEN("token"),
  /** The token names none of the groups mapped to a role. */
  NO_GROUP("no_group"),
  /** The token gives no username or email to know the person by here. */
  NO_USERNAME("no_username"),
  /** The username belongs to another council identity here. */
  TAKEN("taken"),
  /** The person's account here is turned off. */
  DISABLED("disabled");

  private final String code;

  Refusal(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
