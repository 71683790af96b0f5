package uk.gov.council.cap.server.fleet;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Ids;

/**
 * Owns fleet_alerts: a kiosk offline during opening hours, or one of its devices not working. An
 * alert is raised once (not again while it is open) and cleared when the kiosk or device is well
 * again; both go to the audit log.
 */
public final class FleetAlerts {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Ids ids;
  private final java.util.function.Consumer<Alert> onRaised;

  public FleetAlerts(
      Jdbi jdbi, AuditLog audit, Ids ids, java.util.function.Consumer<Alert> onRaised) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.ids = ids;
    this.onRaised = onRaised;
  }

  public record Alert(
      String id, String kioskId, String kind, String subject, String message, Instant raisedAt) {}

  /**
   * Raises the alert unless one of this kind and subject is already open for the kiosk; true if it
   * was raised.
   */
  public boolean raise(String kioskId, String kind, String subject, String message, Instant at) {
    boolean open =
        jdbi.withHandle(
                h ->
                    h.createQuery(
                            """
        select count(*) from fleet_alerts where kiosk_id = :k and kind = :kind and subject = :s and cleared_at is null""")
                        .bind("k", kioskId)
                        .bind("kind", kind)
                        .bind("s", subject)
                        .mapTo(Integer.class)
                        .one())
            > 0;
    if (open) {
      return false;
    }
    Alert alert =
        new Alert(
            ids.newId(),
            kioskId,
            kind,
            subject,
            message.length() > 500 ? message.substring(0, 500) : message,
            at);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
        insert into fleet_alerts (id, kiosk_id, kind, subject, message, raised_at) values (:id, :k, :kind, :s, :m, :at)""")
                .bind("id", alert.id())
                .bind("k", kioskId)
                .bind("kind", kind)
                .bind("s", subject)
                .bind("m", alert.message())
                .bind("at", at.toEpochMilli())
                .execute());
    audit.record(
        "fleet-monitor",
        "fleet.alert_raised",
        null,
        kioskId,
        kind + " " + subject + ": " + message);
    onRaised.accept(alert);
    return true;
  }

  /**
   * Clears open alerts of this kind and subject (null subject: every subject); true if any were
   * open.
   */
  public boolean clear(String kioskId, String kind, String subject, Instant at) {
    int cleared =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update fleet_alerts set cleared_at = :at where kiosk_id = :k"
                            + " and kind = :kind and cleared_at is null"
                            + (subject == null ? "" : " and subject = :s"))
                    .bind("at", at.toEpochMilli())
                    .bind("k", kioskId)
                    .bind("kind", kind)
                    .bind("s", subject)
                    .execute());
    if (cleared > 0) {
      audit.record(
          "fleet-monitor",
          "fleet.alert_cleared",
          null,
          kioskId,
          kind + (subject == null ? "" : " " + subject));
    }
    return cleared > 0;
  }

  /**
   * Open alerts of this kind for the kiosk whose subject is not in {@code keep}: cleared (the
   * device is well again).
   */
  public void clearOthers(String kioskId, String kind, java.util.Set<String> keep, Instant at) {
    for (Alert a : open()) {
      if (a.kioskId().equals(kioskId) && a.kind().equals(kind) && !keep.contains(a.subject())) {
        clear(kioskId, kind, a.subject(), at);
      }
    }
  }

  public void clearAll(String kioskId, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update fleet_alerts set cleared_at = :at where kiosk_id = :k and cleared_at is null")
                .bind("at", at.toEpochMilli())
                .bind("k", kioskId)
                .execute());
  }

  /** Every open alert, newest first. */
  public List<Alert> open() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from fleet_alerts where cleared_at is null order by raised_at desc")
                .map(
                    (rs, ctx) ->
                        new Alert(
                            rs.getString("id"),
                            rs.getString("kiosk_id"),
                            rs.getString("kind"),
                            rs.getString("subject"),
                            rs.getString("message"),
                            Instant.ofEpochMilli(rs.getLong("raised_at"))))
                .list());
  }
}
