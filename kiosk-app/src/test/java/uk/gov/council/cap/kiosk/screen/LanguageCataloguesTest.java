package uk.gov.council.cap.kiosk.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A council's language files add languages and correct words; a bad file is skipped, not fatal. */
class LanguageCataloguesTest {
  @TempDir Path councilDir;

  private void write(String name, String json) throws IOException {
    Files.writeString(councilDir.resolve(name), json, StandardCharsets.UTF_8);
  }

  @Test
  void withoutACouncilFolderTheBuiltInLanguagesAreOfferedEnglishFirst() {
    LanguageCatalogues languages = LanguageCatalogues.load(null);

    assertThat(languages.index())
        .extracting(l -> l.get("code"))
        .containsExactly("en", "cy", "pl", "ro", "ur", "pa", "bn");
    assertThat(languages.index())
        .filteredOn(l -> l.get("code").equals("ur"))
        .first()
        .isEqualTo(
            Map.of(
                "code",
                "ur",
                "name",
                "اردو",
                "englishName",
                "Urdu",
                "dir",
                "rtl",
                "status",
                languages.catalogue("ur").orElseThrow().path("_meta").path("status").asText()));
    assertThat(languages.catalogue("pl").orElseThrow().path("attract.talk").asText())
        .isNotBlank()
        .isNotEqualTo("Talk to an advisor");
    assertThat(LanguageCatalogues.load(councilDir.resolve("missing")).index()).hasSize(7);
  }

  @Test
  void aCouncilFileCorrectsOneStringOfABuiltInLanguageAndKeepsTheRest() throws IOException {
    String before =
        LanguageCatalogues.load(null).catalogue("cy").orElseThrow().path("call.end").asText();
    write(
        "cy.json",
        "{\"_meta\":{\"reviewedBy\":\"Cyngor Sir Enghraifft\",\"reviewedOn\":\"2026-11-30\"},"
            + "\"attract.talk\":\"Siarad â chynghorydd nawr\"}");

    JsonNode welsh = LanguageCatalogues.load(councilDir).catalogue("cy").orElseThrow();

    assertThat(welsh.path("attract.talk").asText()).isEqualTo("Siarad â chynghorydd nawr");
    assertThat(welsh.path("call.end").asText()).isEqualTo(before);
    assertThat(welsh.path("_meta").path("name").asText()).isEqualTo("Cymraeg");
    assertThat(welsh.path("_meta").path("reviewedBy").asText()).isEqualTo("Cyngor Sir Enghraifft");
  }

  @Test
  void aCouncilFileAddsALanguageListedAfterTheBuiltInOnes() throws IOException {
    write(
        "lt.json",
        "{\"_meta\":{\"name\":\"Lietuvių\",\"englishName\":\"Lithuanian\",\"dir\":\"ltr\","
            + "\"status\":\"written by the council\"},\"attract.talk\":\"Kalbėti su konsultantu\"}");

    LanguageCatalogues languages = LanguageCatalogues.load(councilDir);

    assertThat(languages.index()).last().extracting(l -> l.get("name")).isEqualTo("Lietuvių");
    assertThat(languages.catalogue("lt").orElseThrow().path("attract.talk").asText())
        .isEqualTo("Kalbėti su konsultantu");
  }

  @Test
  void badFilesAreSkippedAndTheKioskKeepsItsWords() throws IOException {
    write("pl.json", "{\"attract.talk\": 42}"); // not text
    write("ro.json", "{\"attract.talk\": \"Vorbiți"); // not JSON
    write("../evil.json".replace("../", "Evil_"), "{}"); // not a language code
    write("de.json", "[\"Sprechen\"]"); // not an object
    write("fr.json", "{\"_meta\": \"French\"}"); // _meta not an object
    write("it.json", "{\"a\":\"" + "x".repeat((int) LanguageCatalogues.MAX_FILE_BYTES) + "\"}");
    write("notes.txt", "not a language file");

    LanguageCatalogues languages = LanguageCatalogues.load(councilDir);

    assertThat(languages.index())
        .extracting(l -> l.get("code"))
        .containsExactly("en", "cy", "pl", "ro", "ur", "pa", "bn");
    assertThat(languages.catalogue("pl").orElseThrow().path("attract.talk").isTextual()).isTrue();
    assertThat(languages.catalogue("ro").orElseThrow().path("attract.talk").asText())
        .isEqualTo(
            LanguageCatalogues.load(null)
                .catalogue("ro")
                .orElseThrow()
                .path("attract.talk")
                .asText());
  }

  @Test
  void onlyLanguageCodesAreAccepted() {
    assertThat(LanguageCatalogues.CODE.matcher("pl").matches()).isTrue();
    assertThat(LanguageCatalogues.CODE.matcher("pt-BR").matches()).isTrue();
    assertThat(LanguageCatalogues.CODE.matcher("bfi").matches()).isTrue();
    assertThat(LanguageCatalogues.CODE.matcher("PL").matches()).isFalse();
    assertThat(LanguageCatalogues.CODE.matcher("../pl").matches()).isFalse();
    assertThat(LanguageCatalogues.CODE.matcher("pl-").matches()).isFalse();
  }
}
