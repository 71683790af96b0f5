package uk.gov.council.cap.server.scans;

import java.time.Instant;

/**
 * One request to scan a document at the kiosk, from the advisor's "Scan document" to accepted or
 * cancelled. {@code pageCount} is set once kept, when the pages have gone into the PDF.
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
    Integer pageCount,
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
    CANCELLED;

    /**
     * The moves a scan may make: the kiosk reports pages captured, the advisor asks for more (again
     * while waiting, too), keeps it or it is cancelled. Kept and cancelled are final.
     */
    public boolean canMoveTo(Status next) {
      return switch (this) {
        // Pages already uploaded may be kept before the kiosk has said it finished.
        case WAITING -> true;
        case CAPTURED -> next != CAPTURED;
        case ACCEPTED, CANCELLED -> false;
      };
    }

    public boolean finished() {
      return this == ACCEPTED || this == CANCELLED;
    }
  }

  ScanSession moved(Status to, String newMessage, Instant at) {
    return new ScanSession(
        id,
        caseId,
        callId,
        kioskId,
        type,
        source,
        to,
        newMessage,
        requestedBy,
        documentId,
        pageCount,
        createdAt,
        at);
  }

  ScanSession kept(String newDocumentId, int pages, Instant at) {
    return new ScanSession(
        id,
        caseId,
        callId,
        kioskId,
        type,
        source,
        Status.ACCEPTED,
        null,
        requestedBy,
        newDocumentId,
        pages,
        createdAt,
        at);
  }
}
