package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.gov.council.cap.server.Clock;

/**
 * Checks answers against a form's JSON Schema and its date rules, and turns each failure into the
 * page's plain-English message. The same message goes to the kiosk and to the advisor.
 */
public final class AnswerCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final Clock clock;

  /**
   * Checks "must be in the past" against today by {@code clock}, in the server's time zone as
   * before.
   */
  public AnswerCheck(Clock clock) {
    this.clock = clock;
  }

  /**
   * A failed check: {@code key} names the page's message ("required", "pattern"…) so a screen
   * showing the form in another language can show that language's message; {@code message} is the
   * English.
   */
  public record Failure(String key, String message) {}

  /** Errors by field for the whole form, in page order; empty when the answers may be signed. */
  public Map<String, String> errors(FormDefinition form, Map<String, String> answers) {
    Map<String, String> messages = new LinkedHashMap<>();
    failures(form, answers).forEach((field, failure) -> messages.put(field, failure.message()));
    return messages;
  }

  /** As {@link #errors}, with each message's key. */
  public Map<String, Failure> failures(FormDefinition form, Map<String, String> answers) {
    Map<String, String> effective = form.effectiveAnswers(answers);
    ObjectNode document = JSON.createObjectNode();
    effective.forEach(document::put);
    Map<String, Failure> byField = new LinkedHashMap<>();
    for (ValidationMessage m : schemaOf(form).validate(document)) {
      String field = "required".equals(m.getType()) ? m.getProperty() : fieldOf(m);
      String check = "minLength".equals(m.getType()) ? "required" : m.getType();
      form.page(field).ifPresent(page -> byField.putIfAbsent(field, failure(page, check)));
    }
    LocalDate today = LocalDate.ofInstant(clock.now(), ZoneId.systemDefault());
    for (FormPage page : form.visiblePages(answers)) {
      String value = effective.get(page.field());
      if ("date".equals(page.input()) && value != null && !byField.containsKey(page.field())) {
        Optional<LocalDate> date = FormDates.parse(value);
        if (date.isEmpty()) byField.put(page.field(), failure(page, "date"));
        else if (Boolean.TRUE.equals(page.past()) && !date.get().isBefore(today)) {
          byField.put(page.field(), failure(page, "past"));
        }
      }
    }
    Map<String, Failure> ordered = new LinkedHashMap<>();
    form.pages()
        .forEach(
            p -> {
              if (byField.containsKey(p.field())) ordered.put(p.field(), byField.get(p.field()));
            });
    return ordered;
  }

  /** The error for one answer, as the resident moves on from its page. */
  public Optional<String> errorFor(FormDefinition form, Map<String, String> answers, String field) {
    return failureFor(form, answers, field).map(Failure::message);
  }

  /** As {@link #errorFor}, with the message's key. */
  public Optional<Failure> failureFor(
      FormDefinition form, Map<String, String> answers, String field) {
    return Optional.ofNullable(failures(form, answers).get(field));
  }

  private static Failure failure(FormPage page, String check) {
    return new Failure(page.errorKey(check), page.errorFor(check));
  }

  /** Mistakes in a definition, found when it is loaded. */
  List<String> problemsWith(FormDefinition form) {
    List<String> problems = new ArrayList<>();
    if (form.id() == null || !form.id().matches("[a-z0-9-]{1,64}"))
      problems.add("id must be lower-case letters, digits and dashes");
    if (form.version() < 1) problems.add("version must be 1 or more");
    if (form.title() == null || form.title().isBlank()) problems.add("title is missing");
    if (form.pages() == null || form.pages().isEmpty())
      return addTo(problems, "there are no pages");
    JsonNode properties = form.schema() == null ? null : form.schema().get("properties");
    if (properties == null) return addTo(problems, "schema has no properties");
    try {
      schemaOf(form);
    } catch (RuntimeException e) {
      problems.add("schema does not compile: " + e.getMessage());
    }
    Set<String> ids = new HashSet<>();
    Set<String> fieldsSoFar = new HashSet<>();
    for (FormPage page : form.pages()) {
      String where = "page " + page.id() + ": ";
      if (!ids.add(page.id())) problems.add(where + "page id used twice");
      if (page.field() == null || !properties.has(page.field()))
        problems.add(where + "field is not in the schema");
      if (!fieldsSoFar.add(page.field())) problems.add(where + "field asked twice");
      if (page.question() == null || page.label() == null)
        problems.add(where + "question and label are needed");
      if (!FormPage.INPUTS.contains(page.input()))
        problems.add(where + "input must be one of " + FormPage.INPUTS);
      if ("radios".equals(page.input()) && (page.options() == null || page.options().isEmpty()))
        problems.add(where + "radios need options");
      if (page.when() != null && !fieldsSoFar.contains(page.when().field()))
        problems.add(where + "condition must refer to an earlier page");
    }
    properties
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!fieldsSoFar.contains(f)) problems.add("schema field " + f + " has no page");
            });
    form.translations()
        .forEach(
            (language, words) -> {
              if (words == null) problems.add("translation " + language + ": no words given");
              else problems.addAll(words.problemsWith(language, form));
            });
    if (form.prefill() != null) {
      form.prefill()
          .forEach(
              (field, source) -> {
                if (!fieldsSoFar.contains(field))
                  problems.add("prefill names unknown field " + field);
                if (!Prefill.SOURCES.contains(source))
                  problems.add("prefill source " + source + " is not one of " + Prefill.SOURCES);
              });
    }
    return problems;
  }

  private static List<String> addTo(List<String> problems, String problem) {
    problems.add(problem);
    return problems;
  }

  private JsonSchema schemaOf(FormDefinition form) {
    return schemas.computeIfAbsent(form.key(), k -> factory.getSchema(form.schema()));
  }

  private static String fieldOf(ValidationMessage m) {
    String path = m.getInstanceLocation().toString();
    if (path.startsWith("$.")) return path.substring(2);
    if (m.getProperty() != null) return m.getProperty();
    return path;
  }
}
