package uk.gov.council.cap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolCodecTest {
  private final ProtocolCodec codec = new ProtocolCodec();

  @Test
  void acceptsAValidCallRequest() throws Exception {
    Envelope e =
        codec.decode(
            "{\"v\":1,\"type\":\"call.request\",\"id\":\"m1\",\"payload\":{\"theme\":\"housing\"}}");
    assertThat(e.type()).isEqualTo(MessageType.CALL_REQUEST);
    assertThat(e.text("theme")).isEqualTo("housing");
    assertThat(e.id()).isEqualTo("m1");
  }

  @Test
  void refusesMalformedJsonWithAClearReason() {
    assertThatThrownBy(() -> codec.decode("{not json"))
        .isInstanceOfSatisfying(
            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED));
  }

  @Test
  void refusesUnknownTypesAndEchoesTheMessageId() {
    assertThatThrownBy(() -> codec.decode("{\"v\":1,\"type\":\"call.teleport\",\"id\":\"x9\"}"))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
              assertThat(e.ref()).isEqualTo("x9");
              assertThat(e.getMessage()).contains("call.teleport");
            });
  }

  @Test
  void refusesAnotherProtocolVersion() {
    assertThatThrownBy(() -> codec.decode("{\"v\":2,\"type\":\"call.request\"}"))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
  }

  @Test
  void refusesPayloadsThatBreakTheSchema() {
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"v\":1,\"type\":\"advisor.status\",\"payload\":{\"status\":\"ASLEEP\"}}"))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PAYLOAD));
    assertThatThrownBy(() -> codec.decode("{\"v\":1,\"type\":\"call.accept\",\"payload\":{}}"))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"v\":1,\"type\":\"call.accept\",\"payload\":{\"callId\":\"a\",\"extra\":1}}"))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void anRtcSignalCarriesEitherADescriptionOrACandidate() throws Exception {
    codec.decode(
        "{\"v\":1,\"type\":\"rtc.signal\",\"payload\":{\"callId\":\"c\",\"description\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}}");
    codec.decode(
        "{\"v\":1,\"type\":\"rtc.signal\",\"payload\":{\"callId\":\"c\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}");
    assertThatThrownBy(
            () -> codec.decode("{\"v\":1,\"type\":\"rtc.signal\",\"payload\":{\"callId\":\"c\"}}"))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void onlyTheRightSenderMaySendEachType() {
    assertThat(MessageType.CALL_ACCEPT.maySend(Sender.KIOSK)).isFalse();
    assertThat(MessageType.CALL_ACCEPT.maySend(Sender.ADVISOR)).isTrue();
    assertThat(MessageType.CALL_REQUEST.maySend(Sender.ADVISOR)).isFalse();
    assertThat(MessageType.CALL_OFFER.maySend(Sender.ADVISOR)).isFalse();
  }

  @Test
  void anIdOfMoreThan64CharactersIsRefusedAndNotEchoed() throws Exception {
    String longest = "i".repeat(Protocol.MAX_ID_CHARS);
    assertThat(codec.decode("{\"v\":1,\"type\":\"call.request\",\"id\":\"" + longest + "\"}").id())
        .isEqualTo(longest);
    assertThatThrownBy(
            () -> codec.decode("{\"v\":1,\"type\":\"call.request\",\"id\":\"" + longest + "x\"}"))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED);
              assertThat(e.getMessage()).contains("64 characters");
              assertThat(e.ref()).isNull();
            });
    assertThatThrownBy(() -> codec.decode("{\"v\":1,\"type\":\"call.request\",\"id\":{\"a\":1}}"))
        .isInstanceOfSatisfying(
            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED));
  }

  @Test
  void theSizeLimitCountsBytesNotCharacters() throws Exception {
    ProtocolCodec small = new ProtocolCodec(new com.fasterxml.jackson.databind.ObjectMapper(), 100);
    String fits =
        "{\"v\":1,\"type\":\"call.request\",\"payload\":{\"theme\":\"" + "a".repeat(40) + "\"}}";
    assertThat(small.decode(fits).text("theme")).hasSize(40);
    // The same number of characters, each two bytes in UTF-8: over 100 bytes.
    String tooBig =
        "{\"v\":1,\"type\":\"call.request\",\"payload\":{\"theme\":\"" + "é".repeat(40) + "\"}}";
    assertThatThrownBy(() -> small.decode(tooBig))
        .isInstanceOfSatisfying(
            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void aCheckingCodecReportsAnOutboundMessageThatBreaksItsSchemaAndStillSendsIt() {
    java.util.List<String> broken = new java.util.ArrayList<>();
    ProtocolCodec checking =
        codec.checkingOutbound((type, problems) -> broken.add(type + problems));
    String sent = checking.encode(MessageType.CALL_OFFER, java.util.Map.of("callId", "c1"));
    assertThat(sent).contains("\"type\":\"call.offer\"");
    assertThat(broken).singleElement().asString().contains("CALL_OFFER", "caseId");
    checking.encode(
        MessageType.CALL_QUEUED,
        java.util.Map.of("callId", "c1", "position", 1, "estimatedWaitSeconds", 30));
    assertThat(broken).hasSize(1);
    codec.encode(MessageType.CALL_OFFER, java.util.Map.of("callId", "c1"));
    assertThat(broken).as("a codec not made checking never checks").hasSize(1);
  }

  @Test
  void theTrustedSideIsReadWithoutItsPayloadCheckedButItsEnvelopeIs() throws Exception {
    Envelope e =
        codec.decodeTrusted("{\"v\":1,\"type\":\"call.offer\",\"payload\":{\"callId\":\"c\"}}");
    assertThat(e.type()).isEqualTo(MessageType.CALL_OFFER);
    assertThat(e.text("callId")).isEqualTo("c");
    assertThatThrownBy(() -> codec.decodeTrusted("{\"v\":1,\"type\":\"call.teleport\"}"))
        .isInstanceOfSatisfying(
            ProtocolException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
  }
}
