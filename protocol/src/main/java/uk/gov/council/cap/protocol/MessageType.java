package uk.gov.council.cap.protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every message type of protocol version {@value Protocol#VERSION}, with who may send it.
 * docs/protocol.md is the prose for this table; the payload schemas live in {@code
 * /protocol/v1/<type>.schema.json}.
 */
public enum MessageType {
  // kiosk -> server
  CALL_REQUEST("call.request", Sender.KIOSK),
  CALL_CANCEL("call.cancel", Sender.KIOSK),
  // advisor -> server
  ADVISOR_STATUS("advisor.status", Sender.ADVISOR),
  CALL_ACCEPT("call.accept", Sender.ADVISOR),
  CALL_DECLINE("call.decline", Sender.ADVISOR),
  // either party of a call -> server
  CALL_HANGUP("call.hangup", Sender.KIOSK, Sender.ADVISOR),
  RTC_SIGNAL("rtc.signal", Sender.KIOSK, Sender.ADVISOR, Sender.SERVER),
  // either party: what its camera and microphone send, and typed text (the server relays both to
  // the other party)
  CALL_MEDIA("call.media", Sender.KIOSK, Sender.ADVISOR, Sender.SERVER),
  CALL_TEXT("call.text", Sender.KIOSK, Sender.ADVISOR, Sender.SERVER),
  // the kiosk: the resident is using its own help (Listen reads the screen aloud); the server
  // tells the advisor
  CALL_ASSIST("call.assist", Sender.KIOSK, Sender.SERVER),
  // liveness on every socket: the server asks, the client answers at once
  LINK_PING("link.ping", Sender.SERVER),
  LINK_PONG("link.pong", Sender.KIOSK, Sender.ADVISOR),
  // kiosk-app: its screen went away during the call (reload, renderer crash), and came back
  CALL_SCREEN_LOST("call.screen_lost", Sender.KIOSK),
  CALL_REJOIN("call.rejoin", Sender.KIOSK),
  // forms inside a call: both parties answer; the kiosk signs and reports which step the resident
  // is on
  FORM_ANSWER("form.answer", Sender.KIOSK, Sender.ADVISOR),
  FORM_PROGRESS("form.progress", Sender.KIOSK, Sender.SERVER),
  FORM_SIGN("form.sign", Sender.KIOSK),
  // payments inside a call: the advisor asks through the console's REST API; the resident answers
  // on the kiosk
  PAYMENT_PAY("payment.pay", Sender.KIOSK),
  PAYMENT_CANCEL("payment.cancel", Sender.KIOSK),
  PAYMENT_TEST_CARD("payment.test_card", Sender.KIOSK),
  PAYMENT_EMAIL_RECEIPT("payment.email_receipt", Sender.KIOSK),
  // scanning inside a call: the screen asks kiosk-app to capture; kiosk-app uploads pages, then
  // reports
  SCAN_CAPTURE("scan.capture", Sender.KIOSK),
  SCAN_CAPTURED("scan.captured", Sender.KIOSK),
  SCAN_FAILED("scan.failed", Sender.KIOSK),
  PRINT_DONE("print.done", Sender.KIOSK),
  // the satisfaction survey after a call: the resident's answer, about the call that just ended
  SURVEY_ANSWER("survey.answer", Sender.KIOSK),
  // the call summary after a call: the resident asks for it printed or emailed
  SUMMARY_PRINT("summary.print", Sender.KIOSK),
  SUMMARY_EMAIL("summary.email", Sender.KIOSK),
  // fleet: kiosk-app reports it is alive and how its devices are; answers the server's commands
  KIOSK_HEARTBEAT("kiosk.heartbeat", Sender.KIOSK),
  KIOSK_COMMAND_DONE("kiosk.command_done", Sender.KIOSK),
  // callbacks (issue 17): the kiosk asks for the times it may offer, then books a call back; the
  // server answers with the times, the reference, or why not
  CALLBACK_SLOTS("callback.slots", Sender.KIOSK, Sender.SERVER),
  CALLBACK_REQUEST("callback.request", Sender.KIOSK),
  CALLBACK_BOOKED("callback.booked", Sender.SERVER),
  CALLBACK_REFUSED("callback.refused", Sender.SERVER),
  // server -> kiosk
  KIOSK_CONFIG("kiosk.config", Sender.SERVER),
  KIOSK_COMMAND("kiosk.command", Sender.SERVER),
  CALL_QUEUED("call.queued", Sender.SERVER),
  CALL_UNAVAILABLE("call.unavailable", Sender.SERVER),
  // server -> advisor
  ADVISOR_STATE("advisor.state", Sender.SERVER),
  QUEUE_SNAPSHOT("queue.snapshot", Sender.SERVER),
  CALL_OFFER("call.offer", Sender.SERVER),
  CALL_OFFER_WITHDRAWN("call.offer_withdrawn", Sender.SERVER),
  // park while the resident fills a form (ADR 0047): the advisor parks the call, the server tells
  // both sides, the resident calls the advisor back from the kiosk
  CALL_PARK("call.park", Sender.ADVISOR),
  CALL_PARKED("call.parked", Sender.SERVER),
  CALL_RECALL("call.recall", Sender.KIOSK),
  // server -> both
  CALL_CONNECTED("call.connected", Sender.SERVER),
  CALL_ENDED("call.ended", Sender.SERVER),
  CALL_PAUSED("call.paused", Sender.SERVER),
  FORM_OPENED("form.opened", Sender.SERVER),
  FORM_UPDATED("form.updated", Sender.SERVER),
  FORM_SIGNED("form.signed", Sender.SERVER),
  FORM_COMPLETED("form.completed", Sender.SERVER),
  FORM_REJECTED("form.rejected", Sender.SERVER),
  FORM_CLOSED("form.closed", Sender.SERVER),
  PAYMENT_UPDATED("payment.updated", Sender.SERVER),
  PAYMENT_RECEIPT_EMAILED("payment.receipt_emailed", Sender.SERVER),
  SCAN_REQUESTED("scan.requested", Sender.SERVER),
  SCAN_UPDATED("scan.updated", Sender.SERVER),
  PHOTO_REQUESTED("photo.requested", Sender.SERVER),
  PHOTO_UPDATED("photo.updated", Sender.SERVER),
  PRINT_REQUESTED("print.requested", Sender.SERVER),
  PRINT_UPDATED("print.updated", Sender.SERVER),
  SURVEY_ASK("survey.ask", Sender.SERVER),
  CALL_SUMMARY("call.summary", Sender.SERVER),
  SUMMARY_SENT("summary.sent", Sender.SERVER),
  ERROR("error", Sender.SERVER),
  // kiosk-app -> its own screen (loopback only)
  KIOSK_LINK("kiosk.link", Sender.KIOSK_APP),
  SCAN_PROGRESS("scan.progress", Sender.KIOSK_APP);

  private static final Map<String, MessageType> BY_WIRE_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

  private final String wireName;
  private final Set<Sender> senders;

  MessageType(String wireName, Sender first, Sender... more) {
    this.wireName = wireName;
    this.senders = EnumSet.of(first, more);
  }

  public String wireName() {
    return wireName;
  }

  public boolean maySend(Sender sender) {
    return senders.contains(sender);
  }

  public static Optional<MessageType> fromWireName(String name) {
    return Optional.ofNullable(BY_WIRE_NAME.get(name));
  }
}
