package uk.gov.council.cap.server.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.db.Ids;

/** Owns the {@code customers} table. */
public final class CustomerRepository {
  private static final int CANDIDATE_LIMIT = 200;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public CustomerRepository(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  public Customer create(CustomerInput in, String createdBy) {
    Customer c =
        new Customer(
            ids.newId(),
            in.firstName(),
            in.lastName(),
            in.dateOfBirth(),
            in.addressLine1(),
            in.addressLine2(),
            in.town(),
            in.postcode(),
            in.phone(),
            in.email());
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into customers (id, first_name, last_name, date_of_birth, address_line1,"
                        + " address_line2, town, postcode, phone, email, created_at, created_by) values (:id, :firstName,"
                        + " :lastName, :dateOfBirth, :addressLine1, :addressLine2, :town, :postcode, :phone, :email, :at, :by)")
                .bindMethods(c)
                .bind("at", clock.now().toEpochMilli())
                .bind("by", createdBy)
                .execute());
    return c;
  }

  public Optional<Customer> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from customers where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  /**
   * Customers sharing any searchable detail with the given words: a name prefix, a postcode, an
   * email, a phone number or a date of birth. Ranking is done by {@link DuplicateFinder}.
   */
  public List<Customer> candidates(List<String> words) {
    if (words.isEmpty()) {
      return List.of();
    }
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        where.append(" or ");
      }
      where
          .append("lower(last_name) like :p")
          .append(i)
          .append(" or lower(first_name) like :p")
          .append(i)
          .append(" or replace(postcode, ' ', '') = :n")
          .append(i)
          .append(" or lower(email) = :w")
          .append(i)
          .append(" or replace(phone, ' ', '') = :n")
          .append(i)
          .append(" or date_of_birth = :w")
          .append(i);
    }
    return jdbi.withHandle(
        h -> {
          var q =
              h.createQuery("select * from customers where " + where + " limit " + CANDIDATE_LIMIT);
          for (int i = 0; i < words.size(); i++) {
            String w = words.get(i).toLowerCase(Locale.ROOT);
            q.bind("p" + i, w.replace("%", "").replace("_", "") + "%");
            q.bind("w" + i, w);
            q.bind("n" + i, words.get(i).toUpperCase(Locale.ROOT).replace(" ", ""));
          }
          return q.map((rs, ctx) -> map(rs)).list();
        });
  }

  static Customer map(ResultSet rs) throws SQLException {
    return new Customer(
        rs.getString("id"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("date_of_birth"),
        rs.getString("address_line1"),
        rs.getString("address_line2"),
        rs.getString("town"),
        rs.getString("postcode"),
        rs.getString("phone"),
        rs.getString("email"));
  }
}
