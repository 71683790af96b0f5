package uk.gov.council.cap.server.testing;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.incall.CallParties;

/**
 * The rows a call stands on (a site, a kiosk, a case, the call), inserted straight into a test
 * database so a capability's unit test can store its sessions without starting a server.
 */
public final class CallRows {
  private CallRows() {}

  /** A connected call between a new kiosk and {@code advisorId}, on a new open case. */
  public static CallParties connectedCall(Jdbi jdbi, String advisorId) {
    String site = UUID.randomUUID().toString();
    String kiosk = UUID.randomUUID().toString();
    String caseId = UUID.randomUUID().toString();
    String callId = UUID.randomUUID().toString();
    String reference = "CAP-" + caseId.substring(0, 4).toUpperCase() + "-TEST";
    long at = FakeClock.START.toEpochMilli();
    jdbi.useTransaction(
        h -> {
          h.execute(
              "insert into sites (id, name, phone, time_zone, opening_hours, themes, enquiry_themes,"
                  + " idle_timeout_seconds) values (?, 'Test Library', '01234 567890',"
                  + " 'Europe/London', '', 'general', '', 120)",
              site);
          h.execute(
              "insert into kiosks (id, name, site_id, secret_hash, created_at)"
                  + " values (?, 'Test kiosk', ?, 'x', ?)",
              kiosk,
              site,
              at);
          h.execute(
              "insert into cases (id, reference, status, opened_at, last_activity_at)"
                  + " values (?, ?, 'OPEN', ?, ?)",
              caseId,
              reference,
              at,
              at);
          h.execute(
              "insert into calls (id, case_id, kiosk_id, theme, state, queued_at)"
                  + " values (?, ?, ?, 'general', 'CONNECTED', ?)",
              callId,
              caseId,
              kiosk,
              at);
        });
    return new CallParties(callId, caseId, reference, kiosk, "Test kiosk", advisorId);
  }
}
