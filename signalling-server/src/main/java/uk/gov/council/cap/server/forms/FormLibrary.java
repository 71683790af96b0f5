package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;

/**
 * Every form definition the council offers, all versions. The built-in forms ship in the jar; a
 * council adds or changes forms by dropping JSON files in the forms directory (CAP_FORMS_DIR),
 * without code. A definition that does not make sense is refused at start-up with a message naming
 * the file, rather than failing mid-call.
 */
public final class FormLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(FormLibrary.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final Map<String, FormDefinition> byKey = new TreeMap<>();
  private final AnswerCheck checks;

  private FormLibrary(Clock clock) {
    this.checks = new AnswerCheck(clock);
  }

  public static FormLibrary load(Optional<Path> councilForms) {
    return load(councilForms, Clock.system());
  }

  /** The library, checking date answers ("must be in the past") against today by {@code clock}. */
  public static FormLibrary load(Optional<Path> councilForms, Clock clock) {
    FormLibrary library = new FormLibrary(clock);
    library.loadBuiltIn();
    councilForms.ifPresent(library::loadDirectory);
    return library;
  }

  private void loadBuiltIn() {
    try (InputStream index = FormLibrary.class.getResourceAsStream("/forms/index.txt")) {
      if (index == null)
        throw new IllegalStateException("The built-in form index /forms/index.txt is missing");
      for (String name :
          new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))
              .lines()
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .toList()) {
        try (InputStream in = FormLibrary.class.getResourceAsStream("/forms/" + name)) {
          add(JSON.readValue(in, FormDefinition.class), "built-in " + name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the built-in forms", e);
    }
  }

  private void loadDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      LOG.warn(
          "The forms directory {} does not exist; only the built-in forms are offered",
          dir.toAbsolutePath());
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try {
          add(JSON.readValue(file.toFile(), FormDefinition.class), file.toString());
        } catch (IOException e) {
          throw new IllegalStateException(
              "The form definition " + file + " is not valid JSON: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the forms directory " + dir, e);
    }
  }

  void add(FormDefinition form, String source) {
    List<String> problems = checks.problemsWith(form);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The form definition " + source + " has problems: " + String.join("; ", problems));
    }
    // A council file may replace a built-in version, on purpose: theirs is the one that counts.
    if (byKey.put(form.key(), form) != null)
      LOG.info("Form {} from {} replaces an earlier definition", form.key(), source);
  }

  public Optional<FormDefinition> find(String id, int version) {
    return Optional.ofNullable(byKey.get(id + "@" + version));
  }

  /** The version a session was started on: kept forms stay loadable, so its absence is a bug. */
  FormDefinition definitionOf(FormSession session) {
    return find(session.formId(), session.formVersion())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Form "
                        + session.formId()
                        + " version "
                        + session.formVersion()
                        + " is no longer in the library"));
  }

  public Optional<FormDefinition> latest(String id) {
    return byKey.values().stream()
        .filter(f -> f.id().equals(id))
        .max(Comparator.comparingInt(FormDefinition::version));
  }

  /**
   * The newest version of each form whose title, summary or keywords contain every word of the
   * query.
   */
  public List<FormDefinition> search(String query) {
    String[] words =
        query == null ? new String[0] : query.toLowerCase(Locale.UK).trim().split("\\s+");
    List<FormDefinition> found = new ArrayList<>();
    for (FormDefinition form : latestOfEach()) {
      String haystack =
          (form.title() + " " + form.summary() + " " + String.join(" ", form.keywords()))
              .toLowerCase(Locale.UK);
      boolean all = true;
      for (String w : words) all &= w.isEmpty() || haystack.contains(w);
      if (all) found.add(form);
    }
    found.sort(Comparator.comparing(FormDefinition::title));
    return found;
  }

  private List<FormDefinition> latestOfEach() {
    return byKey.values().stream()
        .map(FormDefinition::id)
        .distinct()
        .map(id -> latest(id).orElseThrow())
        .toList();
  }

  public AnswerCheck checks() {
    return checks;
  }
}
