package uk.gov.council.cap.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;

/**
 * Sends through the council's mail relay (SMTP, STARTTLS by default), with a short timeout so
 * nobody waits long.
 */
public final class SmtpMailer implements Mailer {
  private final Session session;
  private final String from;
  private final String host;
  private final String user;
  private final String password;

  public SmtpMailer(
      String host, int port, boolean startTls, String user, String password, String from) {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.starttls.enable", String.valueOf(startTls));
    p.put("mail.smtp.starttls.required", String.valueOf(startTls));
    p.put("mail.smtp.auth", String.valueOf(user != null && !user.isBlank()));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "20000");
    p.put("mail.smtp.writetimeout", "20000");
    this.session = Session.getInstance(p);
    this.from = from;
    this.host = host;
    this.user = user;
    this.password = password;
  }

  @Override
  public void send(Email email) throws MailProblem {
    try {
      var message = MimeMessages.build(session, from, email);
      if (user != null && !user.isBlank()) {
        Transport.send(message, user, password);
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      throw new MailProblem(
          "The email could not be sent. Please ask your advisor for a printed copy.", e);
    }
  }

  @Override
  public String describe() {
    return "sent through " + host;
  }
}
