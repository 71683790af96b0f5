package uk.gov.council.cap.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One protocol message: {@code {"v":1,"type":"call.request","id":"k-17","payload":{...}}}.
 *
 * @param type what the message means
 * @param id optional sender-chosen id, echoed as {@code ref} in any error about this message
 * @param payload the type-specific body, already validated against its schema
 */
public record Envelope(MessageType type, String id, ObjectNode payload) {

  public String text(String field) {
    return payload.path(field).asText(null);
  }
}
