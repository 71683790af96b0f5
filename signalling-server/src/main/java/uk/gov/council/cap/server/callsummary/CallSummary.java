package uk.gov.council.cap.server.callsummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resident takes away from a call: the case's reference, what was done in this call, and
 * what happens next (the forms' own next steps; none means the kiosk's default sentence).
 */
public record CallSummary(
    String caseId, String reference, List<Item> done, List<String> nextSteps, Instant endedAt) {
  /** The council's words when no form says what happens next. */
  public static final String DEFAULT_NEXT_STEP =
      "The council will contact you if they need anything else.";

  public CallSummary {
    done = List.copyOf(done);
    nextSteps = List.copyOf(nextSteps);
  }

  /** One thing done in the call. Kinds: form, document, payment, photo. */
  public record Item(String kind, String title, String amount) {
    /** In English, for the printed and emailed summary (the kiosk words it in its own language). */
    public String words() {
      return switch (kind) {
        case "form" -> "Form sent: " + title;
        case "document" -> "Document kept on your case: " + title;
        case "payment" -> "Payment: " + title + ", " + amount;
        case "photo" -> "ID photo taken";
        default -> title;
      };
    }

    public Map<String, Object> forKiosk() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", kind);
      if (title != null) m.put("title", title);
      if (amount != null) m.put("amount", amount);
      return m;
    }
  }

  /** The next steps in English, the default when no form gave one. */
  public List<String> nextStepsOrDefault() {
    return nextSteps.isEmpty() ? List.of(DEFAULT_NEXT_STEP) : nextSteps;
  }

  /** The call.summary payload (docs/protocol.md). */
  public Map<String, Object> forKiosk(String callId, String phone, boolean canEmail) {
    List<Map<String, Object>> items = new ArrayList<>();
    done.forEach(i -> items.add(i.forKiosk()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("callId", callId);
    m.put("reference", reference);
    m.put("done", items);
    m.put("nextSteps", nextSteps);
    if (phone != null && !phone.isBlank()) m.put("phone", phone);
    m.put("canEmail", canEmail);
    return m;
  }
}
