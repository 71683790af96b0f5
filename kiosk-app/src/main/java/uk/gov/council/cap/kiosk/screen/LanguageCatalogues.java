package uk.gov.council.cap.kiosk.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's words in every language it offers: the built-in catalogues ({@code
 * kiosk-ui/lang/<code>.json} in this jar), with a council's own files ({@code
 * CAP_KIOSK_LANGUAGES_DIR}/{@code <code>.json}) merged over them key by key. A council file adds a
 * language or corrects strings of a built-in one, without code (docs/languages.md).
 *
 * <p>Read once at start: a kiosk is restarted to take new files, and a bad file is logged and
 * skipped, so a typo in one council file never stops the kiosk from showing its words.
 */
public final class LanguageCatalogues {
  private static final Logger LOG = LoggerFactory.getLogger(LanguageCatalogues.class);

  /** The built-in languages, English first, in the order the choice shows them. */
  public static final List<String> BUILT_IN = List.of("en", "cy", "pl", "ro", "ur", "pa", "bn");

  /** A BCP 47 language with an optional region or script: "pl", "pt-BR", "zh-Hant". */
  static final Pattern CODE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$");

  /** A whole catalogue is a few tens of kilobytes; anything far larger is not one. */
  static final long MAX_FILE_BYTES = 256 * 1024;

  private static final int MAX_STRING_CHARS = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ObjectNode> catalogues;

  private LanguageCatalogues(Map<String, ObjectNode> catalogues) {
    this.catalogues = catalogues;
  }

  /** The built-in catalogues with the council's files from {@code councilDir} (null: none). */
  public static LanguageCatalogues load(Path councilDir) {
    Map<String, ObjectNode> all = new LinkedHashMap<>();
    for (String code : BUILT_IN) {
      all.put(code, builtIn(code));
    }
    if (councilDir != null && Files.isDirectory(councilDir)) {
      for (Path file : councilFiles(councilDir)) {
        String name = file.getFileName().toString();
        String code = name.substring(0, name.length() - ".json".length());
        try {
          ObjectNode own = readCouncilFile(file, code);
          ObjectNode merged = all.containsKey(code) ? all.get(code).deepCopy() : newCatalogue(code);
          mergeInto(merged, own);
          all.put(code, merged);
          LOG.info("Council language file {} read ({} entries)", file, own.size());
        } catch (IOException | IllegalArgumentException e) {
          LOG.warn("Council language file {} skipped: {}", file, e.getMessage());
        }
      }
    } else if (councilDir != null) {
      LOG.info("No council language folder at {}; the built-in languages only", councilDir);
    }
    return new LanguageCatalogues(all);
  }

  /** The languages offered, for the choice: code, own name, English name, direction, status. */
  public List<Map<String, String>> index() {
    List<Map<String, String>> list = new ArrayList<>();
    catalogues.forEach(
        (code, catalogue) -> {
          JsonNode meta = catalogue.path("_meta");
          Map<String, String> entry = new LinkedHashMap<>();
          entry.put("code", code);
          entry.put("name", meta.path("name").asText(code));
          entry.put("englishName", meta.path("englishName").asText(code));
          entry.put("dir", "rtl".equals(meta.path("dir").asText()) ? "rtl" : "ltr");
          entry.put("status", meta.path("status").asText(""));
          list.add(entry);
        });
    return list;
  }

  /** One language's catalogue, built-in words with the council's merged over them. */
  public Optional<JsonNode> catalogue(String code) {
    return Optional.ofNullable(catalogues.get(code));
  }

  private static List<Path> councilFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      LOG.warn("Council language folder {} could not be read: {}", dir, e.getMessage());
      return List.of();
    }
  }

  /**
   * A council file: a JSON object of strings, with an optional {@code _meta} object of strings; the
   * size is checked before the file is read.
   */
  static ObjectNode readCouncilFile(Path file, String code) throws IOException {
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "the file name must be a language code such as pl.json or pt-BR.json");
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "it is " + size + " bytes; a language file may be at most " + MAX_FILE_BYTES);
    }
    JsonNode root = JSON.readTree(Files.readAllBytes(file));
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("it must be one JSON object of \"key\": \"words\" pairs");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("_meta")) {
        if (!e.getValue().isObject()) {
          throw new IllegalArgumentException("_meta must be an object of strings");
        }
        e.getValue().fields().forEachRemaining(m -> requireString("_meta." + m.getKey(), m));
      } else {
        requireString(e.getKey(), e);
      }
    }
    return (ObjectNode) root;
  }

  private static void requireString(String key, Map.Entry<String, JsonNode> e) {
    if (!e.getValue().isTextual()) {
      throw new IllegalArgumentException("\"" + key + "\" must be text in quotes");
    }
    if (e.getValue().asText().length() > MAX_STRING_CHARS) {
      throw new IllegalArgumentException("\"" + key + "\" is longer than " + MAX_STRING_CHARS);
    }
  }

  private static void mergeInto(ObjectNode base, ObjectNode own) {
    own.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().equals("_meta")) {
                ObjectNode meta =
                    base.get("_meta") instanceof ObjectNode m ? m : base.putObject("_meta");
                e.getValue().fields().forEachRemaining(m -> meta.set(m.getKey(), m.getValue()));
              } else {
                base.set(e.getKey(), e.getValue());
              }
            });
  }

  private static ObjectNode newCatalogue(String code) {
    ObjectNode c = JSON.createObjectNode();
    c.putObject("_meta").put("name", code).put("englishName", code).put("dir", "ltr");
    return c;
  }

  private static ObjectNode builtIn(String code) {
    String resource = "/kiosk-ui/lang/" + code + ".json";
    try (InputStream in = LanguageCatalogues.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "The kiosk's built-in catalogue " + resource + " is missing");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The kiosk's built-in catalogue " + resource + " is broken", e);
    }
  }
}
