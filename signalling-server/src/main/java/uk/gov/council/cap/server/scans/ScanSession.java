package uk.gov.council.cap.server.scans;

import java.time.Instant;

/**
 * One request to scan a document at the kiosk, from the advisor's "Scan document" to accepted or
 * cancelled.
 */
public record ScanSession(
    String id,
    String caseId,
    String callId,
    String kioskId,
    ScanType type,
    Source source,
    Status status,
    String message,
    String requestedBy,
    String documentId,
    Instant createdAt,
    Instant updatedAt) {
  public enum Source {
    FLATBED,
    FEEDER,
    CAMERA
  }

  public enum Status {
    WAITING,
    CAPTURED,
    ACCEPTED,
    CANCELLED
  }

  ScanSession with(Status newStatus, String newMessage, String newDocumentId, Instant at) {
    return new ScanSession(
        id,
        caseId,
        callId,
        kioskId,
        type,
        source,
        newStatus,
        newMessage,
        requestedBy,
        newDocumentId == null ? documentId : newDocumentId,
        createdAt,
        at);
  }
}
