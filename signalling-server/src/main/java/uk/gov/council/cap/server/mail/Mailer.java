package uk.gov.council.cap.server.mail;

/**
 * Sends email. {@link SmtpMailer} for real use; {@link OutboxMailer} for the demo, which writes
 * files instead.
 */
public interface Mailer {
  void send(Email email) throws MailProblem;

  /** Words for the log and the demo's start-up message: where mail goes. */
  String describe();

  /**
   * The mail could not be sent; the message is for the person who asked, without server details.
   */
  final class MailProblem extends Exception {
    public MailProblem(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
