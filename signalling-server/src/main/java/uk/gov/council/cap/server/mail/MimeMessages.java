package uk.gov.council.cap.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Builds the MIME message both mailers send or keep: plain text, and the attachment if there is
 * one.
 */
final class MimeMessages {
  private MimeMessages() {}

  static MimeMessage build(Session session, String from, Email email) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.to(), true));
    message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), StandardCharsets.UTF_8.name());
    MimeMultipart parts = new MimeMultipart();
    parts.addBodyPart(text);
    if (email.attachment() != null) {
      MimeBodyPart file = new MimeBodyPart();
      file.setDataHandler(
          new jakarta.activation.DataHandler(
              new ByteArrayDataSource(email.attachment(), email.attachmentType())));
      file.setFileName(email.attachmentName());
      parts.addBodyPart(file);
    }
    message.setContent(parts);
    message.saveChanges();
    return message;
  }
}
