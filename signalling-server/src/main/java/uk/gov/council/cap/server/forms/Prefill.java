package uk.gov.council.cap.server.forms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.gov.council.cap.server.customers.Customer;

/**
 * Fills a new form from what the case already knows about the customer, as the definition's prefill
 * says.
 */
final class Prefill {
  static final List<String> SOURCES =
      List.of(
          "customer.fullName",
          "customer.firstName",
          "customer.lastName",
          "customer.dateOfBirth",
          "customer.address",
          "customer.postcode",
          "customer.phone",
          "customer.email");

  private Prefill() {}

  static Map<String, String> answersFor(FormDefinition form, Customer customer) {
    Map<String, String> answers = new LinkedHashMap<>();
    if (customer == null || form.prefill() == null) return answers;
    form.prefill()
        .forEach(
            (field, source) -> {
              String value = valueOf(customer, source);
              if (value != null && !value.isBlank()) answers.put(field, value);
            });
    return answers;
  }

  private static String valueOf(Customer c, String source) {
    return switch (source) {
      case "customer.fullName" -> c.firstName() + " " + c.lastName();
      case "customer.firstName" -> c.firstName();
      case "customer.lastName" -> c.lastName();
      case "customer.dateOfBirth" -> c.dateOfBirth();
      case "customer.address" ->
          Stream.of(c.addressLine1(), c.addressLine2(), c.town())
              .filter(s -> s != null && !s.isBlank())
              .collect(Collectors.joining("\n"));
      case "customer.postcode" -> c.postcode();
      case "customer.phone" -> c.phone();
      case "customer.email" -> c.email();
      default -> null;
    };
  }
}
