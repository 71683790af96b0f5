package uk.gov.council.cap.server.summary;

import uk.gov.council.cap.server.callsummary.CallSummary;
import uk.gov.council.cap.server.mail.Email;
import uk.gov.council.cap.server.mail.Mailer;

/**
 * Emails a call's summary: the same words as the printed one in the message itself (readable on any
 * phone), and the PDF attached.
 */
final class SummaryEmailer {
  private final Mailer mailer;
  private final String councilName;

  SummaryEmailer(Mailer mailer, String councilName) {
    this.mailer = mailer;
    this.councilName = councilName;
  }

  void send(String to, CallSummary s, String contact, byte[] pdf) throws Mailer.MailProblem {
    StringBuilder text = new StringBuilder();
    text.append("Thank you for talking to ").append(councilName).append(".\n\n");
    text.append("Your case reference is ").append(s.reference()).append(".\n");
    text.append("Please give it if you contact us about this.\n\n");
    text.append("What was done\n");
    if (s.done().isEmpty()) text.append("- You talked to an advisor.\n");
    s.done().forEach(i -> text.append("- ").append(i.words()).append('\n'));
    text.append("\nWhat happens next\n");
    s.nextStepsOrDefault().forEach(n -> text.append(n).append('\n'));
    if (contact != null) text.append('\n').append(contact).append('\n');
    text.append('\n').append(councilName).append('\n');
    mailer.send(
        new Email(
            to,
            "Your call with " + councilName + ": case reference " + s.reference(),
            text.toString(),
            "call-summary-" + s.reference() + ".pdf",
            "application/pdf",
            pdf));
  }
}
