package uk.gov.council.cap.server.fleet;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.mail.Email;
import uk.gov.council.cap.server.mail.Mailer;

/**
 * Emails each new fleet alert to the council's chosen address (CAP_FLEET_ALERT_EMAIL), so nobody has to watch the
 * Fleet page to learn a kiosk is down. Sent on its own thread: a slow mail relay never holds up the fleet monitor.
 */
public final class AlertMailer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertMailer.class);
  private final Optional<String> to;
  private final Mailer mailer;
  private final KioskRepository kiosks;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "alert-mail");
    t.setDaemon(true);
    return t;
  });

  public AlertMailer(Optional<String> to, Mailer mailer, KioskRepository kiosks) {
    this.to = to;
    this.mailer = mailer;
    this.kiosks = kiosks;
  }

  public void raised(FleetAlerts.Alert alert) {
    if (to.isEmpty()) {
      return;
    }
    thread.execute(() -> {
      String kiosk = kiosks.find(alert.kioskId()).map(k -> k.name()).orElse(alert.kioskId());
      String subject = "Kiosk alert: " + kiosk + ": " + firstLine(alert.message());
      String text = alert.message() + "\n\nKiosk: " + kiosk + "\nRaised: " + alert.raisedAt()
          + "\n\nSee the Fleet page in the Customer Access Point console. The alert clears by itself when the kiosk"
          + " or device is well again.\n";
      try {
        mailer.send(new Email(to.get(), subject, text, null, null, null));
      } catch (Mailer.MailProblem e) {
        LOG.warn("Could not email the fleet alert \"{}\": {}", subject, e.getMessage());
      }
    });
  }

  private static String firstLine(String message) {
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
