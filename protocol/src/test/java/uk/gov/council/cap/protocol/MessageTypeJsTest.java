package uk.gov.council.cap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The browsers' message-type constants are a checked-in file, so the pages need no build step; this
 * keeps it equal to {@link MessageType}. On a difference the expected file is in the failure.
 */
class MessageTypeJsTest {
  static String expected() {
    StringBuilder js =
        new StringBuilder()
            .append(
                "// Generated from uk.gov.council.cap.protocol.MessageType: do not edit by hand.\n")
            .append(
                "// MessageTypeJsTest fails when this file and the enum differ, and prints the file"
                    + " to paste here.\n")
            .append("export const MessageType = Object.freeze({\n");
    for (MessageType type : MessageType.values()) {
      js.append("  ").append(type.name()).append(": '").append(type.wireName()).append("',\n");
    }
    return js.append("});\n").toString();
  }

  @Test
  void theJavaScriptConstantsMatchTheEnum() throws IOException {
    try (InputStream in =
        MessageTypeJsTest.class.getResourceAsStream("/protocol/web/message-types.js")) {
      assertThat(in).as("/protocol/web/message-types.js on the classpath").isNotNull();
      String actual = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual)
          .as(
              "protocol/src/main/resources/protocol/web/message-types.js should be:%n%s",
              expected())
          .isEqualTo(expected());
    }
  }
}
