package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A form as data: JSON Schema for the answers, plus the pages that ask for them. Definitions are
 * versioned; a case records the id and version it used, and old versions stay loadable so old
 * drafts still make sense. {@code nextStep} (optional) tells the resident, on the call summary,
 * what happens once the form is sent ("We will write to you within 6 weeks").
 */
public record FormDefinition(
    String id,
    int version,
    String title,
    String summary,
    List<String> keywords,
    Map<String, String> prefill,
    JsonNode schema,
    List<FormPage> pages,
    Map<String, FormTranslation> translations,
    String nextStep) {

  public FormDefinition {
    translations = translations == null ? Map.of() : translations;
  }

  /** The form's words in {@code language}, if it has been translated into it. */
  public Optional<FormTranslation> translation(String language) {
    return Optional.ofNullable(language == null ? null : translations.get(language));
  }

  public Optional<FormPage> page(String field) {
    return pages.stream().filter(p -> p.field().equals(field)).findFirst();
  }

  /** The pages the resident is shown, given the answers so far. */
  public List<FormPage> visiblePages(Map<String, String> answers) {
    return pages.stream().filter(p -> p.visibleWith(answers)).toList();
  }

  /**
   * The answers that count: those of visible pages, without blanks (a blank optional answer is no
   * answer).
   */
  public Map<String, String> effectiveAnswers(Map<String, String> answers) {
    return visiblePages(answers).stream()
        .filter(p -> answers.get(p.field()) != null && !answers.get(p.field()).isBlank())
        .collect(
            Collectors.toMap(
                FormPage::field,
                p -> answers.get(p.field()).strip(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  @JsonIgnore
  public String key() {
    return id + "@" + version;
  }

  /**
   * What the kiosk and console need to show the form: no schema, no prefill rules. The translations
   * go too: the kiosk shows the resident's language, the console the English.
   */
  public Map<String, Object> forScreens() {
    return Map.of(
        "id", id, "version", version, "title", title, "pages", pages, "translations", translations);
  }
}
