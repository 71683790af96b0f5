package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One question page of a form: one answer field, shown with a GOV.UK pattern chosen by {@code
 * input} (text, textarea, number, tel, email, date, radios). {@code when} hides the page unless an
 * earlier answer matches. {@code errors} holds the plain-English message per failed check
 * (required, maxLength, pattern, date, past).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record FormPage(
    String id,
    String field,
    String label,
    String question,
    String hint,
    String input,
    String autocomplete,
    Integer width,
    Boolean past,
    List<Option> options,
    Condition when,
    Map<String, String> errors) {
  public static final List<String> INPUTS =
      List.of("text", "textarea", "number", "tel", "email", "date", "radios");

  public record Option(String value, String label) {}

  /** Shown only when the answer to {@code field} is one of {@code in}. */
  public record Condition(String field, List<String> in) {}

  boolean visibleWith(Map<String, String> answers) {
    return when == null || when.in().contains(answers.get(when.field()));
  }

  /**
   * Which of the page's messages a failed check shows: an answer that is not one of the options
   * reads as no option chosen ("required").
   */
  String errorKey(String check) {
    if (("enum".equals(check) || "const".equals(check))
        && (errors == null || !errors.containsKey(check))) return "required";
    return check;
  }

  String errorFor(String check) {
    if (errors != null && errors.containsKey(check)) return errors.get(check);
    // An answer that is not one of the options reads, to a person, as no option chosen.
    if (("enum".equals(check) || "const".equals(check))
        && errors != null
        && errors.containsKey("required")) {
      return errors.get("required");
    }
    return switch (check) {
      case "required" -> "Enter " + label.toLowerCase();
      case "maxLength" -> label + " is too long";
      case "date" -> label + " must be a real date";
      case "past" -> label + " must be in the past";
      case "enum", "const" -> "Select one of the options for " + label.toLowerCase();
      default -> "Check " + label.toLowerCase();
    };
  }

  /**
   * How an answer reads on "Check your answers" and in the PDF: the option's label for radios,
   * dates in words.
   */
  String display(String value) {
    if (value == null || value.isEmpty()) return "";
    if (options != null) {
      return options.stream()
          .filter(o -> o.value().equals(value))
          .map(Option::label)
          .findFirst()
          .orElse(value);
    }
    if ("date".equals(input)) return FormDates.inWords(value);
    return value;
  }
}
