package uk.gov.council.cap.server.fleet;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.mail.Email;
import uk.gov.council.cap.server.mail.Mailer;
import uk.gov.council.cap.server.web.SlidingWindow;

/**
 * Emails each new fleet alert to the council's chosen address (CAP_FLEET_ALERT_EMAIL), so nobody
 * has to watch the Fleet page to learn a kiosk is down. Sent on its own thread: a slow mail relay
 * never holds up the fleet monitor.
 */
public final class AlertMailer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertMailer.class);
  private final Optional<String> to;
  private final Mailer mailer;
  private final KioskRepository kiosks;
  private final ExecutorService thread;

  private final SlidingWindow perKiosk;

  /**
   * @param perKiosk how many alert emails one kiosk's alerts may send in a window: a kiosk whose
   *     self-test flips between failing and passing must not fill the service desk's mailbox (the
   *     alerts stay on the Fleet page and in the audit log all the same)
   */
  public AlertMailer(
      Optional<String> to,
      Mailer mailer,
      KioskRepository kiosks,
      SlidingWindow perKiosk,
      ExecutorService thread) {
    this.thread = thread;
    this.perKiosk = perKiosk;
    this.to = to;
    this.mailer = mailer;
    this.kiosks = kiosks;
  }

  public void raised(FleetAlerts.Alert alert) {
    if (to.isEmpty()) {
      return;
    }
    if (!perKiosk.tryTake(alert.kioskId())) {
      LOG.warn(
          "Not emailing the alert \"{}\" of kiosk {}: its alerts have sent as many emails as they may this hour",
          firstLine(alert.message()),
          alert.kioskId());
      return;
    }
    thread.execute(
        () -> {
          String kiosk = kiosks.find(alert.kioskId()).map(k -> k.name()).orElse(alert.kioskId());
          String subject = "Kiosk alert: " + kiosk + ": " + firstLine(alert.message());
          String text =
              alert.message()
                  + "\n\nKiosk: "
                  + kiosk
                  + "\nRaised: "
                  + alert.raisedAt()
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
