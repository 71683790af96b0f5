package uk.gov.council.cap.kiosk.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in catalogue has exactly English's keys, the same {placeholders} in each string, and
 * says what it is (its own name, English name, direction, review status). A new English key without
 * its translations fails here, so the lead knows what to have translated.
 */
class CatalogueCompletenessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private static JsonNode catalogue(String code) throws IOException {
    try (InputStream in =
        CatalogueCompletenessTest.class.getResourceAsStream("/kiosk-ui/lang/" + code + ".json")) {
      assertThat(in).as("lang/%s.json", code).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static Set<String> keys(JsonNode c) {
    Set<String> keys = new TreeSet<>();
    c.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cy", "pl", "ro", "ur", "pa", "bn"})
  void hasEveryEnglishKeyWithTheSamePlaceholdersAndNoOthers(String code) throws IOException {
    JsonNode english = catalogue("en");
    JsonNode own = catalogue(code);

    assertThat(keys(own)).as("keys of lang/%s.json", code).isEqualTo(keys(english));
    for (String key : keys(english)) {
      if (key.equals("_meta")) {
        continue;
      }
      assertThat(own.get(key).isTextual()).as("%s in %s is text", key, code).isTrue();
      // Only a key English leaves empty may be empty (keyboard.extraLetters: a language's own
      // letters, if any).
      if (!english.get(key).asText().isEmpty()) {
        assertThat(own.get(key).asText()).as("%s in %s", key, code).isNotBlank();
      }
      assertThat(placeholders(own.get(key).asText()))
          .as("placeholders of %s in %s", key, code)
          .isEqualTo(placeholders(english.get(key).asText()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "cy", "pl", "ro", "ur", "pa", "bn"})
  void saysWhatItIsAndHowFarItWasReviewed(String code) throws IOException {
    JsonNode meta = catalogue(code).path("_meta");

    assertThat(meta.path("name").asText()).isNotBlank();
    assertThat(meta.path("englishName").asText()).isNotBlank();
    assertThat(meta.path("dir").asText()).isIn("ltr", "rtl");
    assertThat(meta.path("status").asText()).isNotBlank();
    assertThat(meta.has("reviewedBy")).isTrue();
    assertThat(meta.has("reviewedOn")).isTrue();
    assertThat(LanguageCatalogues.BUILT_IN).contains(code);
  }
}
