package uk.gov.council.cap.server.callbacks;

import java.time.Instant;

/** A call back a resident booked at a kiosk. {@code phone} is E.164; it is personal data. */
record Callback(
    String id,
    String reference,
    String caseId,
    String caseReference,
    String kioskId,
    String kioskName,
    String siteId,
    String siteName,
    String name,
    String phone,
    Instant slotStart,
    Instant slotEnd,
    String slotText,
    String theme,
    String language,
    CallbackStatus status,
    String assignedTo,
    String assignedName,
    int attempts,
    String resultNotes,
    Instant requestedAt) {

  /** "due" (its time has come), "overdue" (its time has passed) or "later". */
  String timing(Instant now) {
    if (!now.isBefore(slotEnd)) {
      return "overdue";
    }
    return now.isBefore(slotStart) ? "later" : "due";
  }
}
