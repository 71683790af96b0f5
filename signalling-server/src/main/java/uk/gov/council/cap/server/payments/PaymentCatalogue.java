package uk.gov.council.cap.server.payments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the advisor can charge for, with the council's fund and VAT codes. The council's own file
 * replaces the sample.
 */
public final class PaymentCatalogue {
  public record Item(String id, String label, long pence, String fundCode, String vatCode) {}

  private final List<Item> items;

  private PaymentCatalogue(List<Item> items) {
    this.items = List.copyOf(items);
  }

  public static PaymentCatalogue load(Optional<Path> councilFile, PaymentRules rules) {
    try (InputStream in =
        councilFile.isPresent()
            ? Files.newInputStream(councilFile.get())
            : PaymentCatalogue.class.getResourceAsStream("/payments/catalogue.json")) {
      List<Item> items = new ObjectMapper().readValue(in, new TypeReference<List<Item>>() {});
      for (Item item : items) {
        if (item.id() == null || item.label() == null)
          throw new IllegalStateException("A catalogue item needs an id and a label");
        try {
          rules.check(item.pence(), Money.CURRENCY);
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "Payment catalogue item \"" + item.id() + "\": " + e.getMessage());
        }
      }
      return new PaymentCatalogue(items);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the payment catalogue", e);
    }
  }

  public List<Item> items() {
    return items;
  }

  public Optional<Item> find(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
