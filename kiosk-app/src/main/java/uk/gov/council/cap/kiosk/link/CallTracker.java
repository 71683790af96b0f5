package uk.gov.council.cap.kiosk.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * What the kiosk knows about its resident's call, learnt from the server's messages, so that a
 * dropped link neither loses the resident's place in the queue nor leaves a dead call on screen.
 */
public final class CallTracker {
    private enum State { IDLE, QUEUED, IN_CALL }

    private final ProtocolCodec codec;
    private final ObjectMapper json;
    private State state = State.IDLE;
    private String callId;

    public CallTracker(ProtocolCodec codec) {
        this.codec = codec;
        this.json = codec.json();
    }

    /** Watches a message from the server on its way to the screen. */
    public synchronized void observe(String text) {
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (Exception e) {
            return;
        }
        String type = m.path("type").asText();
        JsonNode p = m.path("payload");
        switch (type) {
            case "call.queued" -> {
                state = State.QUEUED;
                callId = p.path("callId").asText();
            }
            case "call.connected" -> {
                state = State.IN_CALL;
                callId = p.path("callId").asText();
            }
            case "call.ended", "call.unavailable" -> {
                if (!p.has("callId") || p.path("callId").asText().equals(callId)) {
                    state = State.IDLE;
                    callId = null;
                }
            }
            default -> {
                // Other messages do not change the call's state.
            }
        }
    }

    /** No resident is queued or in a call (device checks and wipes wait for this). */
    public synchronized boolean idle() {
        return state == State.IDLE;
    }

    /**
     * The link dropped. A call in progress cannot survive (the server ends it), so the screen is
     * told now rather than left showing a frozen advisor.
     */
    public synchronized Optional<String> onLinkDown() {
        if (state == State.IN_CALL) {
            String ended = codec.encode(MessageType.CALL_ENDED, Map.of("callId", callId, "reason", "kiosk_disconnected"));
            state = State.IDLE;
            callId = null;
            return Optional.of(ended);
        }
        return Optional.empty();
    }

    /** The link is back. A resident who was queued is re-queued in their old place. */
    public synchronized Optional<String> onLinkUp() {
        if (state == State.QUEUED) {
            return Optional.of(codec.encode(MessageType.CALL_REQUEST, Map.of("resumeCallId", callId)));
        }
        return Optional.empty();
    }
}
