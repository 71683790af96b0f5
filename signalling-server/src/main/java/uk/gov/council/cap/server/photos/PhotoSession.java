package uk.gov.council.cap.server.photos;

import java.time.Instant;

/**
 * One ID photo asked for in a call: waiting for the kiosk, captured (for the advisor to check),
 * approved or cancelled.
 */
public record PhotoSession(
    String id,
    String caseId,
    String callId,
    String kioskId,
    Status status,
    String requestedBy,
    String stillKey,
    Integer stillWidth,
    Integer stillHeight,
    String photoDocumentId,
    String badgeDocumentId,
    String idNumber,
    Instant createdAt,
    Instant updatedAt) {
  public enum Status {
    WAITING,
    CAPTURED,
    APPROVED,
    CANCELLED;

    /**
     * The moves a photo may make: taken, retaken (asked again while waiting, too), approved or
     * cancelled. Approved and cancelled are final.
     */
    public boolean canMoveTo(Status next) {
      return switch (this) {
        case WAITING -> next != APPROVED;
        case CAPTURED -> next != CAPTURED;
        case APPROVED, CANCELLED -> false;
      };
    }

    public boolean finished() {
      return this == APPROVED || this == CANCELLED;
    }
  }

  PhotoSession waiting(Instant at) {
    return new PhotoSession(
        id,
        caseId,
        callId,
        kioskId,
        Status.WAITING,
        requestedBy,
        null,
        null,
        null,
        null,
        null,
        null,
        createdAt,
        at);
  }

  PhotoSession captured(String key, int width, int height, Instant at) {
    return new PhotoSession(
        id,
        caseId,
        callId,
        kioskId,
        Status.CAPTURED,
        requestedBy,
        key,
        width,
        height,
        null,
        null,
        null,
        createdAt,
        at);
  }

  PhotoSession approved(String photoDoc, String badgeDoc, String number, Instant at) {
    return new PhotoSession(
        id,
        caseId,
        callId,
        kioskId,
        Status.APPROVED,
        requestedBy,
        null,
        stillWidth,
        stillHeight,
        photoDoc,
        badgeDoc,
        number,
        createdAt,
        at);
  }

  PhotoSession cancelled(Instant at) {
    return new PhotoSession(
        id,
        caseId,
        callId,
        kioskId,
        Status.CANCELLED,
        requestedBy,
        null,
        null,
        null,
        null,
        null,
        null,
        createdAt,
        at);
  }
}
