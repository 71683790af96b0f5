package uk.gov.council.cap.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import uk.gov.council.cap.server.DataDirectory;

/**
 * The demo's mailer: with no mail relay configured, each email is written as an {@code .eml} file
 * (openable in any mail program) into the data directory's outbox, and the run command says so.
 * Nothing leaves the machine.
 */
public final class OutboxMailer implements Mailer {
  private final Path outbox;
  private final String from;
  private final Session session = Session.getInstance(new Properties());

  public OutboxMailer(Path outbox, String from) {
    this.outbox = outbox;
    this.from = from;
  }

  @Override
  public void send(Email email) throws MailProblem {
    try {
      // A receipt names the resident and what they paid: the outbox is the server's user's alone
      // (0700, files 0600).
      DataDirectory.privateDirectory(outbox);
      Path file = outbox.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".eml");
      Path partial = outbox.resolve(file.getFileName() + ".part");
      try (OutputStream out = DataDirectory.newPrivateFile(partial)) {
        MimeMessages.build(session, from, email).writeTo(out);
      }
      Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | MessagingException e) {
      throw new MailProblem(
          "The email could not be sent. Please ask your advisor for a printed copy.", e);
    }
  }

  @Override
  public String describe() {
    return "NOT sent: written to "
        + outbox.toAbsolutePath()
        + " (demo; set CAP_SMTP_HOST for real use)";
  }
}
