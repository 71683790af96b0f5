package uk.gov.council.cap.server.payments;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.incall.CallContexts;

/** A payment as the kiosk and the console see it, and sending it to them. */
final class PaymentView {
  private final CallContexts calls;
  private final CardReader reader;

  PaymentView(CallContexts calls, CardReader reader) {
    this.calls = calls;
    this.reader = reader;
  }

  /**
   * The payment as both screens see it: to the kiosk while its call lasts, and to the advisor who
   * asked (even after the call, so a payment settling late still reaches the console).
   */
  void broadcast(Payment p) {
    Map<String, Object> m = of(p);
    calls.inProgress(p.callId()).ifPresent(c -> c.toKiosk(MessageType.PAYMENT_UPDATED, m));
    calls.toAdvisor(p.requestedBy(), calls.codec().encode(MessageType.PAYMENT_UPDATED, m));
  }

  /** An error to the kiosk in the call, answering its message {@code ref}. */
  void errorToKiosk(String callId, ErrorCode code, String message, String ref) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code.wire());
    m.put("message", message);
    if (ref != null) m.put("ref", ref);
    calls.inProgress(callId).ifPresent(c -> c.toKiosk(MessageType.ERROR, m));
  }

  void receiptEmailed(Payment p, boolean ok, String message, String sentTo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paymentId", p.id());
    m.put("ok", ok);
    if (message != null) m.put("message", message);
    if (sentTo != null) m.put("sentTo", sentTo);
    calls.inProgress(p.callId()).ifPresent(c -> c.toKiosk(MessageType.PAYMENT_RECEIPT_EMAILED, m));
  }

  Map<String, Object> of(Payment p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paymentId", p.id());
    m.put("status", p.status().name());
    m.put("statusText", p.status().words());
    m.put("amount", p.amount().pence());
    m.put("amountText", p.amount().display());
    m.put("description", p.description());
    if (p.message() != null) m.put("message", p.message());
    if (p.cardBrand() != null) m.put("cardBrand", p.cardBrand());
    if (p.cardLast4() != null) m.put("cardLast4", p.cardLast4());
    if (p.receiptDocumentId() != null) m.put("receiptDocumentId", p.receiptDocumentId());
    m.put("simulatedReader", reader.simulated());
    m.put("testCards", reader.acceptsTestCards());
    return m;
  }
}
