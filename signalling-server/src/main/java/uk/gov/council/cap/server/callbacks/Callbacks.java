package uk.gov.council.cap.server.callbacks;

import io.javalin.Javalin;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.sites.SiteRepository;

/**
 * Call backs (issue 17, docs/adr/0048-callbacks.md): what the composition root builds, the kiosk
 * socket's handler for them and the console's routes. Nothing else needs this package.
 *
 * @param daysAhead how many days after today a resident may choose ({@code
 *     CAP_CALLBACK_DAYS_AHEAD})
 * @param perKioskHour the most call backs one kiosk may book in an hour ({@code
 *     CAP_CALLBACKS_PER_KIOSK_HOUR})
 * @param offerAfter how long a resident waits in the queue before the kiosk offers a call back
 *     ({@code CAP_CALLBACK_OFFER_AFTER_SECONDS})
 */
public final class Callbacks {
  public record Settings(int daysAhead, int perKioskHour, Duration offerAfter) {}

  private final CallbackDesk desk;
  private final CallbackRoutes routes;

  public Callbacks(
      Jdbi jdbi,
      Ids ids,
      CaseRepository cases,
      SiteRepository sites,
      AuditLog audit,
      Clock clock,
      ProtocolCodec codec,
      Settings settings) {
    CallbackRepository repository = new CallbackRepository(jdbi);
    CallbackBooking booking =
        new CallbackBooking(
            jdbi,
            ids,
            cases,
            repository,
            audit,
            clock,
            settings.daysAhead(),
            settings.perKioskHour());
    desk = new CallbackDesk(codec, sites, booking, settings.offerAfter());
    routes = new CallbackRoutes(jdbi, repository, cases, audit, clock);
  }

  /** Takes {@code callback.slots} and {@code callback.request} from kiosks. */
  public CallbackDesk kioskHandler() {
    return desk;
  }

  public void register(Javalin app) {
    routes.register(app);
  }
}
