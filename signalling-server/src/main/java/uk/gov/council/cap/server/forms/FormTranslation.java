package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A form's words in one more language: the title and, per page id, the question, label, hint,
 * option labels (by option value) and error messages (by check). Anything left out shows in
 * English, so a council can translate a form a page at a time. {@code status} says honestly how far
 * the words can be trusted (who translated, whether a native speaker reviewed them). See
 * docs/forms.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormTranslation(
    String status, String reviewedBy, String reviewedOn, String title, Map<String, Page> pages) {

  /** The same language codes the kiosk's catalogues use ("cy", "pl", "pa", "pt-BR"). */
  static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$");

  /** The checks a page's error messages are keyed by. */
  static final List<String> CHECKS = List.of("required", "maxLength", "pattern", "date", "past");

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Page(
      String question,
      String label,
      String hint,
      Map<String, String> options,
      Map<String, String> errors) {}

  Optional<Page> page(String pageId) {
    return Optional.ofNullable(pages == null ? null : pages.get(pageId));
  }

  /** Mistakes in this translation of {@code form}, each naming the language and page. */
  List<String> problemsWith(String language, FormDefinition form) {
    List<String> problems = new ArrayList<>();
    String where = "translation " + language + ": ";
    if (!LANGUAGE.matcher(language).matches())
      problems.add(where + "the language code must look like cy, pl or pt-BR");
    if (status == null || status.isBlank())
      problems.add(where + "status is missing (say who translated it and whether it was reviewed)");
    if (blank(title)) problems.add(where + "title is missing");
    if (pages == null) return problems;
    pages.forEach(
        (pageId, words) -> {
          String at = where + "page " + pageId + ": ";
          FormPage page =
              form.pages().stream().filter(p -> p.id().equals(pageId)).findFirst().orElse(null);
          if (page == null) {
            problems.add(at + "the form has no page with that id");
            return;
          }
          if (words == null) {
            problems.add(at + "no words given");
            return;
          }
          if (words.hint() != null && page.hint() == null)
            problems.add(at + "a hint is translated but the English page has none");
          for (String text : new String[] {words.question(), words.label(), words.hint()}) {
            if (text != null && text.isBlank()) problems.add(at + "a translated text is empty");
          }
          if (words.options() != null) {
            words
                .options()
                .forEach(
                    (value, label) -> {
                      boolean known =
                          page.options() != null
                              && page.options().stream().anyMatch(o -> o.value().equals(value));
                      if (!known)
                        problems.add(at + "option " + value + " is not one of the page's options");
                      else if (blank(label)) problems.add(at + "option " + value + " has no words");
                    });
          }
          if (words.errors() != null) {
            words
                .errors()
                .forEach(
                    (check, message) -> {
                      if (!CHECKS.contains(check))
                        problems.add(at + "error " + check + " must be one of " + CHECKS);
                      else if (blank(message))
                        problems.add(at + "error " + check + " has no words");
                    });
          }
        });
    return problems;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
