package uk.gov.council.cap.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of strings kept as JSON text in one column (a form's answers, a receipt's fields), in the
 * order it was written. A column that does not read back is a corrupt row, said with its table.
 */
public final class JsonText {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  private JsonText() {}

  public static String of(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The map in {@code json}; {@code where} names the column for the error ("answers in
   * form_sessions").
   */
  public static Map<String, String> map(String json, String where) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt " + where, e);
    }
  }
}
