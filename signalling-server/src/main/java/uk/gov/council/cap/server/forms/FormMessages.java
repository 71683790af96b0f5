package uk.gov.council.cap.server.forms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;

/**
 * What the forms capability says to the two screens of a call. A message for a call that has ended
 * goes nowhere, as the screens have moved on; the form itself is saved.
 */
final class FormMessages {
  private final CallContexts calls;

  FormMessages(CallContexts calls) {
    this.calls = calls;
  }

  Optional<CallContext> call(String callId) {
    return calls.inProgress(callId);
  }

  void opened(FormSession session, FormDefinition form) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sessionId", session.id());
    payload.put("callId", session.callId());
    payload.put("form", form.forScreens());
    payload.put("answers", session.answers());
    payload.put("answeredBy", session.answeredBy());
    call(session.callId()).ifPresent(c -> c.toBoth(MessageType.FORM_OPENED, payload));
  }

  void closed(FormSession session, String reason) {
    call(session.callId())
        .ifPresent(
            c ->
                c.toBoth(
                    MessageType.FORM_CLOSED, Map.of("sessionId", session.id(), "reason", reason)));
  }

  /**
   * The resident's signature is in: the kiosk shows "saving", the advisor sees the signature drawn
   * by the server from the strokes, as it will be on the PDF.
   */
  void signing(String callId, String sessionId, SignatureStrokes strokes) {
    call(callId)
        .ifPresent(
            c -> {
              c.toKiosk(MessageType.FORM_SIGNED, Map.of("sessionId", sessionId));
              c.toAdvisor(
                  MessageType.FORM_SIGNED,
                  Map.of("sessionId", sessionId, "signatureImage", strokes.asPngDataUrl()));
            });
  }

  void completed(FormSession session, FormDefinition form, String documentId) {
    call(session.callId())
        .ifPresent(
            c ->
                c.toBoth(
                    MessageType.FORM_COMPLETED,
                    Map.of(
                        "sessionId",
                        session.id(),
                        "documentId",
                        documentId,
                        "caseId",
                        session.caseId(),
                        "title",
                        form.title())));
  }

  void rejected(String callId, String sessionId, String message, List<Map<String, String>> errors) {
    call(callId)
        .ifPresent(
            c ->
                c.toBoth(
                    MessageType.FORM_REJECTED,
                    Map.of("sessionId", sessionId, "message", message, "errors", errors)));
  }

  /** An error to the side that sent {@code ref}, in the protocol's error shape. */
  static void error(CallContext call, boolean toKiosk, ErrorCode code, String message, String ref) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("code", code.wire());
    payload.put("message", message);
    if (ref != null) payload.put("ref", ref);
    if (toKiosk) call.toKiosk(MessageType.ERROR, payload);
    else call.toAdvisor(MessageType.ERROR, payload);
  }
}
