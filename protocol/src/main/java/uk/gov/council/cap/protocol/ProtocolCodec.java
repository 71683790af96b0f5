package uk.gov.council.cap.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes protocol messages. {@link #decode} is the edge: nothing reaches the application
 * unless its envelope and payload match the published schema.
 */
public final class ProtocolCodec {
  /**
   * Told of each outbound message whose payload breaks its schema. Tests install one that fails the
   * test; a server in production sends without checking.
   */
  @FunctionalInterface
  public interface OutboundCheck {
    void broken(MessageType type, String problems);
  }

  private final ObjectMapper json;
  private final Map<MessageType, JsonSchema> payloadSchemas;
  private final int maxMessageBytes;
  private final OutboundCheck outboundCheck;

  public ProtocolCodec(ObjectMapper json) {
    this(json, Protocol.MAX_MESSAGE_BYTES);
  }

  /**
   * A codec refusing messages over {@code maxMessageBytes} (UTF-8) with {@link
   * ErrorCode#TOO_LARGE}.
   */
  public ProtocolCodec(ObjectMapper json, int maxMessageBytes) {
    this.json = json;
    this.maxMessageBytes = maxMessageBytes;
    this.outboundCheck = null;
    this.payloadSchemas = new EnumMap<>(MessageType.class);
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    for (MessageType type : MessageType.values()) {
      String resource = "/protocol/v1/" + type.wireName() + ".schema.json";
      try (InputStream in = ProtocolCodec.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("No schema for " + type.wireName() + " at " + resource);
        }
        payloadSchemas.put(type, factory.getSchema(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public ProtocolCodec() {
    this(new ObjectMapper());
  }

  private ProtocolCodec(ProtocolCodec base, OutboundCheck check) {
    this.json = base.json;
    this.maxMessageBytes = base.maxMessageBytes;
    this.payloadSchemas = base.payloadSchemas;
    this.outboundCheck = check;
  }

  /**
   * This codec, but every message it encodes is also checked against its schema and {@code check}
   * is told of any that breaks it (the message is still sent as it is). For tests.
   */
  public ProtocolCodec checkingOutbound(OutboundCheck check) {
    return new ProtocolCodec(this, check);
  }

  public ObjectMapper json() {
    return json;
  }

  /** Parses and validates one inbound text frame. */
  public Envelope decode(String text) throws ProtocolException {
    Envelope envelope = read(text, true);
    Set<ValidationMessage> problems =
        payloadSchemas.get(envelope.type()).validate(envelope.payload());
    if (!problems.isEmpty()) {
      throw new ProtocolException(
          ErrorCode.INVALID_PAYLOAD,
          "Invalid " + envelope.type().wireName() + ": " + describe(problems),
          envelope.id());
    }
    return envelope;
  }

  /**
   * Parses one frame from the trusted side (kiosk-app reading the server): the envelope is checked,
   * the payload is not, and there is no size limit; the server's own tests check what it sends
   * against the schemas ({@link #checkingOutbound}).
   */
  public Envelope decodeTrusted(String text) throws ProtocolException {
    return read(text, false);
  }

  private Envelope read(String text, boolean limitSize) throws ProtocolException {
    if (limitSize && utf8LengthOver(text, maxMessageBytes)) {
      throw new ProtocolException(
          ErrorCode.TOO_LARGE,
          "Message is larger than "
              + (maxMessageBytes % 1024 == 0
                  ? maxMessageBytes / 1024 + " KiB"
                  : maxMessageBytes + " bytes")
              + ".",
          null);
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.MALFORMED, "Message is not valid JSON.", null);
    }
    if (root == null || !root.isObject()) {
      throw new ProtocolException(ErrorCode.MALFORMED, "Message must be a JSON object.", null);
    }
    JsonNode id = root.get("id");
    if (id != null
        && !id.isNull()
        && (!id.isTextual() || id.asText().length() > Protocol.MAX_ID_CHARS)) {
      // Not echoed as ref: an id this long is not one the sender could match its request by.
      throw new ProtocolException(
          ErrorCode.MALFORMED,
          "Message \"id\" must be text of at most " + Protocol.MAX_ID_CHARS + " characters.",
          null);
    }
    String ref = id == null || id.isNull() ? null : id.asText();
    JsonNode version = root.get("v");
    if (version == null || !version.canConvertToInt()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED, "Message has no protocol version \"v\".", ref);
    }
    if (version.asInt() != Protocol.VERSION) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "Protocol version "
              + version.asText()
              + " is not supported; this server speaks version "
              + Protocol.VERSION
              + ".",
          ref);
    }
    if (!root.path("type").isTextual()) {
      throw new ProtocolException(ErrorCode.MALFORMED, "Message has no \"type\".", ref);
    }
    String typeName = root.get("type").asText();
    MessageType type =
        MessageType.fromWireName(typeName)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ErrorCode.UNKNOWN_TYPE,
                        "Unknown message type \"" + abbreviate(typeName) + "\".",
                        ref));
    JsonNode payload = root.has("payload") ? root.get("payload") : json.createObjectNode();
    if (!payload.isObject()) {
      throw new ProtocolException(
          ErrorCode.INVALID_PAYLOAD, "\"payload\" must be a JSON object.", ref);
    }
    return new Envelope(type, ref, (ObjectNode) payload);
  }

  private static String describe(Set<ValidationMessage> problems) {
    return problems.stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .collect(Collectors.joining("; "));
  }

  /**
   * Serialises an outbound message. Outbound payloads are trusted server data, so not re-validated,
   * unless this codec was made {@link #checkingOutbound} (in tests).
   */
  public String encode(MessageType type, JsonNode payload) {
    JsonNode body = payload == null ? json.createObjectNode() : payload;
    if (outboundCheck != null) {
      Set<ValidationMessage> problems = payloadSchemas.get(type).validate(body);
      if (!problems.isEmpty()) {
        outboundCheck.broken(type, describe(problems));
      }
    }
    ObjectNode root = json.createObjectNode();
    root.put("v", Protocol.VERSION);
    root.put("type", type.wireName());
    root.set("payload", body);
    return root.toString();
  }

  /** Serialises any value (a record, a map) as the payload of an outbound message. */
  public String encode(MessageType type, Object payload) {
    return encode(type, (JsonNode) json.valueToTree(payload));
  }

  public String error(ErrorCode code, String message, String ref) {
    ObjectNode payload = json.createObjectNode();
    payload.put("code", code.wire());
    payload.put("message", message);
    if (ref != null) {
      payload.put("ref", ref);
    }
    return encode(MessageType.ERROR, payload);
  }

  public String error(ProtocolException e) {
    return error(e.code(), e.getMessage(), e.ref());
  }

  /** Whether {@code text} is longer than {@code max} bytes in UTF-8, without making the bytes. */
  static boolean utf8LengthOver(String text, int max) {
    if (text.length() > max) {
      return true;
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes > max;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
