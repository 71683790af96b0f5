package uk.gov.council.cap.server.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forms are data: the built-in ones load, a council adds versions without code, and a broken file
 * is refused.
 */
class FormLibraryTest {
  @TempDir Path dir;

  @Test
  void theThreeBuiltInCouncilFormsLoad() {
    FormLibrary library = FormLibrary.load(Optional.empty());
    assertThat(library.search(""))
        .extracting(FormDefinition::title)
        .containsExactly(
            "Apply for a Blue Badge",
            "Join the library",
            "Tell us you are moving home (Council Tax)");
  }

  @Test
  void aCouncilAddsANewVersionByDroppingAFileAndOldVersionsStayLoadable() throws Exception {
    String v2 =
        new String(
                FormLibrary.class
                    .getResourceAsStream("/forms/library-membership.json")
                    .readAllBytes())
            .replace("\"version\": 1", "\"version\": 2")
            .replace("Join the library", "Join the library service");
    Files.writeString(dir.resolve("library-v2.json"), v2);
    FormLibrary library = FormLibrary.load(Optional.of(dir));
    assertThat(library.latest("library-membership").orElseThrow().title())
        .isEqualTo("Join the library service");
    assertThat(library.find("library-membership", 1).orElseThrow().title())
        .isEqualTo("Join the library");
  }

  @Test
  void aDefinitionWithAPageForAnUnknownFieldIsRefusedNamingTheFile() throws Exception {
    String broken =
        new String(
                FormLibrary.class
                    .getResourceAsStream("/forms/library-membership.json")
                    .readAllBytes())
            .replace("\"field\": \"postcode\"", "\"field\": \"postCode\"");
    Files.writeString(dir.resolve("broken.json"), broken);
    assertThatThrownBy(() -> FormLibrary.load(Optional.of(dir)))
        .hasMessageContaining("broken.json")
        .hasMessageContaining("page postcode: field is not in the schema");
  }

  @Test
  void theBuiltInFormsCarryTheirWordsInEveryKioskLanguageWithAnHonestReviewStatus() {
    FormLibrary library = FormLibrary.load(Optional.empty());
    for (String id : List.of("blue-badge", "council-tax-move", "library-membership")) {
      FormDefinition form = library.latest(id).orElseThrow();
      assertThat(form.translations()).containsOnlyKeys("cy", "pl", "ro", "ur", "pa", "bn");
      form.translations()
          .forEach(
              (language, words) -> {
                assertThat(words.status()).as(id + " " + language).contains("not yet reviewed");
                // Every page, every option and every English error has its words.
                for (FormPage page : form.pages()) {
                  FormTranslation.Page p = words.page(page.id()).orElseThrow();
                  assertThat(p.question()).as(id + " " + language + " " + page.id()).isNotBlank();
                  assertThat(p.label()).isNotBlank();
                  if (page.options() != null) assertThat(p.options()).hasSameSizeAs(page.options());
                  if (page.errors() != null)
                    assertThat(p.errors()).containsOnlyKeys(page.errors().keySet());
                }
              });
    }
  }

  @Test
  void aTranslationOfAPageOrOptionTheFormDoesNotHaveIsRefusedAtStartUp() throws Exception {
    String library =
        new String(
            FormLibrary.class.getResourceAsStream("/forms/library-membership.json").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("page.json"),
        library
            .replace("\"version\": 1", "\"version\": 2")
            .replace("\"reminders\": {\"question\": \"Jak", "\"remindres\": {\"question\": \"Jak"));
    assertThatThrownBy(() -> FormLibrary.load(Optional.of(dir)))
        .hasMessageContaining("page.json")
        .hasMessageContaining("translation pl: page remindres: the form has no page with that id");

    Files.delete(dir.resolve("page.json"));
    Files.writeString(
        dir.resolve("option.json"),
        library
            .replace("\"version\": 1", "\"version\": 2")
            .replace("\"post\": \"Pocztą\"", "\"letter\": \"Pocztą\""));
    assertThatThrownBy(() -> FormLibrary.load(Optional.of(dir)))
        .hasMessageContaining("option.json")
        .hasMessageContaining(
            "translation pl: page reminders: option letter is not one of the page's options");
  }

  @Test
  void answersOnPagesHiddenByAConditionAreNotKeptOrChecked() {
    FormLibrary library = FormLibrary.load(Optional.empty());
    FormDefinition form = library.latest("library-membership").orElseThrow();
    Map<String, String> answers =
        Map.of(
            "fullName",
            "Ann Lee",
            "dateOfBirth",
            "1990-01-02",
            "address",
            "1 High St",
            "postcode",
            "LU5 4PP",
            "reminders",
            "post",
            "email",
            "not an email");
    assertThat(form.effectiveAnswers(answers)).doesNotContainKey("email");
    assertThat(library.checks().errors(form, answers)).isEmpty();
    Map<String, String> wantsEmail = new java.util.HashMap<>(answers);
    wantsEmail.put("reminders", "email");
    assertThat(library.checks().errors(form, wantsEmail))
        .containsEntry(
            "email", "Enter an email address in the correct format, like name@example.com");
    wantsEmail.remove("email");
    assertThat(library.checks().errors(form, wantsEmail))
        .containsEntry("email", "Enter your email address");
  }

  @Test
  void aDateThatMustBeInThePastIsCheckedAgainstTodayByTheServersClock() {
    // The clock says what today is, so the boundary (today is not in the past) is tested on any day
    // the test runs.
    Instant midday =
        LocalDate.of(2026, 11, 23).atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant();
    FormLibrary library = FormLibrary.load(Optional.empty(), () -> midday);
    FormDefinition form = library.latest("library-membership").orElseThrow();
    Map<String, String> answers =
        new java.util.HashMap<>(
            Map.of(
                "fullName",
                "Ann Lee",
                "address",
                "1 High St",
                "postcode",
                "LU5 4PP",
                "reminders",
                "post"));
    answers.put("dateOfBirth", "2026-11-22");
    assertThat(library.checks().errors(form, answers)).doesNotContainKey("dateOfBirth");
    answers.put("dateOfBirth", "2026-11-23");
    assertThat(library.checks().errors(form, answers))
        .containsEntry("dateOfBirth", "Date of birth must be in the past");
  }
}
