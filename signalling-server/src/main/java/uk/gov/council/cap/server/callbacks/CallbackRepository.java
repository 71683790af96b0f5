package uk.gov.council.cap.server.callbacks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Owns the {@code callbacks} table. */
final class CallbackRepository {
  /** The most a list returns: a council with more open call backs than this has other problems. */
  static final int MAX_LIST = 500;

  private static final String OPEN = "status in ('REQUESTED', 'NO_ANSWER')";

  /** The lists on the console's Callbacks page. */
  enum View {
    DUE(OPEN + " and slot_start <= :now and slot_end > :now"),
    OVERDUE(OPEN + " and slot_end <= :now"),
    LATER(OPEN + " and slot_start > :now"),
    MINE(OPEN + " and assigned_to = :me");

    final String where;

    View(String where) {
      this.where = where;
    }
  }

  private final Jdbi jdbi;

  CallbackRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void insert(Handle h, Callback c) {
    h.createUpdate(
            "insert into callbacks (id, reference, case_id, case_reference, kiosk_id, kiosk_name,"
                + " site_id, site_name, name, phone, slot_start, slot_end, slot_text, theme,"
                + " language, status, attempts, requested_at, updated_at) values (:id, :ref, :caseId,"
                + " :caseRef, :kioskId, :kioskName, :siteId, :siteName, :name, :phone, :slotStart,"
                + " :slotEnd, :slotText, :theme, :language, :status, 0, :at, :at)")
        .bind("id", c.id())
        .bind("ref", c.reference())
        .bind("caseId", c.caseId())
        .bind("caseRef", c.caseReference())
        .bind("kioskId", c.kioskId())
        .bind("kioskName", c.kioskName())
        .bind("siteId", c.siteId())
        .bind("siteName", c.siteName())
        .bind("name", c.name())
        .bind("phone", c.phone())
        .bind("slotStart", c.slotStart().toEpochMilli())
        .bind("slotEnd", c.slotEnd().toEpochMilli())
        .bind("slotText", c.slotText())
        .bind("theme", c.theme())
        .bind("language", c.language())
        .bind("status", c.status().name())
        .bind("at", c.requestedAt().toEpochMilli())
        .execute();
  }

  boolean referenceTaken(Handle h, String reference) {
    return h.createQuery("select count(*) from callbacks where reference = :r")
            .bind("r", reference)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** How many call backs this kiosk has booked since {@code since}: its hourly limit. */
  int bookedByKioskSince(String kioskId, Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from callbacks where kiosk_id = :k and requested_at > :since")
                .bind("k", kioskId)
                .bind("since", since.toEpochMilli())
                .mapTo(Integer.class)
                .one());
  }

  Optional<Callback> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from callbacks where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  List<Callback> list(View view, Instant now, String staffId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from callbacks where "
                        + view.where
                        + " order by slot_start, requested_at limit "
                        + MAX_LIST)
                .bind("now", now.toEpochMilli())
                .bind("me", staffId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** Takes the call back for this member of staff; false if it is closed. */
  boolean assign(Handle h, String id, String staffId, String staffName, Instant at) {
    return h.createUpdate(
                "update callbacks set assigned_to = :s, assigned_name = :n, updated_at = :at"
                    + " where id = :id and "
                    + OPEN)
            .bind("s", staffId)
            .bind("n", staffName)
            .bind("at", at.toEpochMilli())
            .bind("id", id)
            .execute()
        == 1;
  }

  /** Records one attempt's result; false if it was already closed (someone else got there). */
  boolean recordResult(Handle h, String id, CallbackStatus status, String notes, Instant at) {
    return h.createUpdate(
                "update callbacks set status = :st, result_notes = :notes, attempts = attempts + 1,"
                    + " updated_at = :at where id = :id and "
                    + OPEN)
            .bind("st", status.name())
            .bind("notes", notes)
            .bind("at", at.toEpochMilli())
            .bind("id", id)
            .execute()
        == 1;
  }

  private static Callback map(ResultSet rs) throws SQLException {
    return new Callback(
        rs.getString("id"),
        rs.getString("reference"),
        rs.getString("case_id"),
        rs.getString("case_reference"),
        rs.getString("kiosk_id"),
        rs.getString("kiosk_name"),
        rs.getString("site_id"),
        rs.getString("site_name"),
        rs.getString("name"),
        rs.getString("phone"),
        Instant.ofEpochMilli(rs.getLong("slot_start")),
        Instant.ofEpochMilli(rs.getLong("slot_end")),
        rs.getString("slot_text"),
        rs.getString("theme"),
        rs.getString("language"),
        CallbackStatus.valueOf(rs.getString("status")),
        rs.getString("assigned_to"),
        rs.getString("assigned_name"),
        rs.getInt("attempts"),
        rs.getString("result_notes"),
        Instant.ofEpochMilli(rs.getLong("requested_at")));
  }
}
