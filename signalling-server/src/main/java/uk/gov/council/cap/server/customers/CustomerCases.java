package uk.gov.council.cap.server.customers;

import java.time.Instant;
import java.util.List;

/**
 * The cases of one customer, for the customer page. The cases package holds them and implements
 * this, so customers, which cases reads for its page, never imports cases back.
 */
public interface CustomerCases {
  /** Newest first. */
  List<CaseLine> casesOfCustomer(String customerId);

  /** What the customer page shows of each case; {@code status} is the case status's name. */
  record CaseLine(String id, String reference, Instant openedAt, String status) {}
}
