package uk.gov.council.cap.server.customers;

/**
 * A resident known to the council. Dates are ISO {@code YYYY-MM-DD}; postcodes upper-case with one
 * space.
 */
public record Customer(
    String id,
    String firstName,
    String lastName,
    String dateOfBirth,
    String addressLine1,
    String addressLine2,
    String town,
    String postcode,
    String phone,
    String email) {}
