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
 * Reads and writes protocol messages. {@link #decode} is the edge: nothing reaches the
 * application unless its envelope and payload match the published schema.
 */
public final class ProtocolCodec {
    private final ObjectMapper json;
    private final Map<MessageType, JsonSchema> payloadSchemas = new EnumMap<>(MessageType.class);

    public ProtocolCodec(ObjectMapper json) {
        this.json = json;
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

    public ObjectMapper json() {
        return json;
    }

    /** Parses and validates one inbound text frame. */
    public Envelope decode(String text) throws ProtocolException {
        if (text.length() > Protocol.MAX_MESSAGE_CHARS) {
            throw new ProtocolException(ErrorCode.TOO_LARGE,
                    "Message is larger than " + Protocol.MAX_MESSAGE_CHARS + " characters.", null);
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
        String ref = root.path("id").isTextual() ? root.get("id").asText() : null;
        JsonNode version = root.get("v");
        if (version == null || !version.canConvertToInt()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Message has no protocol version \"v\".", ref);
        }
        if (version.asInt() != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "Protocol version " + version.asText() + " is not supported; this server speaks version "
                            + Protocol.VERSION + ".", ref);
        }
        if (!root.path("type").isTextual()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Message has no \"type\".", ref);
        }
        String typeName = root.get("type").asText();
        MessageType type = MessageType.fromWireName(typeName).orElseThrow(() -> new ProtocolException(
                ErrorCode.UNKNOWN_TYPE, "Unknown message type \"" + abbreviate(typeName) + "\".", ref));
        JsonNode payload = root.has("payload") ? root.get("payload") : json.createObjectNode();
        if (!payload.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "\"payload\" must be a JSON object.", ref);
        }
        Set<ValidationMessage> problems = payloadSchemas.get(type).validate(payload);
        if (!problems.isEmpty()) {
            String detail = problems.stream().map(ValidationMessage::getMessage).sorted()
                    .collect(Collectors.joining("; "));
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD,
                    "Invalid " + type.wireName() + ": " + detail, ref);
        }
        return new Envelope(type, ref, (ObjectNode) payload);
    }

    /** Serialises an outbound message. Outbound payloads are trusted server data, so not re-validated. */
    public String encode(MessageType type, JsonNode payload) {
        ObjectNode root = json.createObjectNode();
        root.put("v", Protocol.VERSION);
        root.put("type", type.wireName());
        root.set("payload", payload == null ? json.createObjectNode() : payload);
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

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
