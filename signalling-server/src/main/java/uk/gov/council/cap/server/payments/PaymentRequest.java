package uk.gov.council.cap.server.payments;

import java.time.Instant;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * An advisor's request for a payment in a call, checked and recorded as REQUESTED (with the case
 * timeline and the audit trail). Runs on the payments thread, so "one payment per call at a time"
 * cannot be raced.
 */
final class PaymentRequest {
  private final PaymentDesk.Parts parts;
  private final CallContext call;
  private final PaymentDesk.Request in;
  private final StaffMember advisor;

  PaymentRequest(
      PaymentDesk.Parts parts, CallContext call, PaymentDesk.Request in, StaffMember advisor) {
    this.parts = parts;
    this.call = call;
    this.in = in;
    this.advisor = advisor;
  }

  Payment make(Instant now) {
    if (parts.payments().unsettled().stream().anyMatch(p -> p.callId().equals(call.callId()))) {
      throw new PaymentProblem(
          409,
          "A payment is already in progress in this call. Wait for it to finish, or cancel it.");
    }
    PaymentCatalogue.Item item = null;
    Money amount;
    String description;
    if (in.itemId() != null && !in.itemId().isBlank()) {
      item =
          parts
              .catalogue()
              .find(in.itemId())
              .orElseThrow(() -> new PaymentProblem(400, "Choose an item from the list."));
      amount = parts.rules().check(item.pence(), in.currency());
      description = item.label();
    } else {
      amount = parts.rules().check(in.amountPence(), in.currency());
      if (in.reason() == null || in.reason().isBlank())
        throw new PaymentProblem(400, "Enter what the payment is for.");
      if (in.reason().length() > 200)
        throw new PaymentProblem(400, "What the payment is for must be 200 characters or fewer.");
      description = in.reason().strip();
    }
    String caseId = call.caseId();
    Payment p =
        new Payment(
            parts.ids().newId(),
            caseId,
            call.callId(),
            call.kioskId(),
            readerId(),
            amount,
            item == null ? null : item.id(),
            description,
            item == null ? null : item.fundCode(),
            item == null ? null : item.vatCode(),
            PaymentStatus.REQUESTED,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            advisor.id(),
            advisor.displayName(),
            now,
            now);
    parts
        .jdbi()
        .useTransaction(
            h -> {
              parts.payments().insert(h, p, advisor.auditName());
              parts
                  .cases()
                  .addToTimeline(
                      h,
                      caseId,
                      "payment.requested",
                      "Card payment of " + amount.display() + " requested: " + description,
                      advisor.auditName(),
                      p.id());
            });
    parts
        .audit()
        .record(
            advisor.auditName(),
            "payment.requested",
            caseId,
            p.id(),
            amount.pence() + " pence " + description + (item == null ? "" : " item=" + item.id()));
    return p;
  }

  private String readerId() {
    if (parts.reader().simulated()) return "simulated-" + call.kioskId();
    return parts
        .payments()
        .readerOfKiosk(call.kioskId())
        .orElseThrow(
            () ->
                new PaymentProblem(
                    409,
                    "This kiosk has no card reader registered. A technician can register one on"
                        + " the kiosk's page."));
  }
}
