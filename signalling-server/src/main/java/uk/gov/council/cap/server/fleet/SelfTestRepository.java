package uk.gov.council.cap.server.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.db.Ids;

/** Owns kiosk_self_tests: what `provisioning self-test` found on each kiosk, kept as a history. */
public final class SelfTestRepository {
  private final Jdbi jdbi;
  private final Ids ids;
  private final ObjectMapper json;

  public SelfTestRepository(Jdbi jdbi, Ids ids, ObjectMapper json) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.json = json;
  }

  /** One check: a device, the network or TURN. */
  public record Check(String check, boolean passed, String detail, String fix) {}

  public record Report(String kioskId, Instant ranAt, boolean passed, List<Check> checks) {}

  public Report save(String kioskId, List<Check> checks, Instant at) {
    boolean passed = checks.stream().allMatch(Check::passed);
    String results;
    try {
      results = json.writeValueAsString(checks);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
        insert into kiosk_self_tests (id, kiosk_id, ran_at, passed, results) values (:id, :k, :at, :p, :r)""")
                .bind("id", ids.newId())
                .bind("k", kioskId)
                .bind("at", at.toEpochMilli())
                .bind("p", passed)
                .bind("r", results)
                .execute());
    return new Report(kioskId, at, passed, checks);
  }

  public Optional<Report> latest(String kioskId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
        select * from kiosk_self_tests where kiosk_id = :k order by ran_at desc limit 1""")
                .bind("k", kioskId)
                .map((rs, ctx) -> report(rs))
                .findOne());
  }

  /** The latest report of every kiosk that has one. */
  public Map<String, Report> latestOfEach() {
    Map<String, Report> latest = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    """
        select t.* from kiosk_self_tests t
        where t.ran_at = (select max(ran_at) from kiosk_self_tests l where l.kiosk_id = t.kiosk_id)""")
                .map((rs, ctx) -> report(rs))
                .forEach(r -> latest.put(r.kioskId(), r)));
    return latest;
  }

  private Report report(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return new Report(
          rs.getString("kiosk_id"),
          Instant.ofEpochMilli(rs.getLong("ran_at")),
          rs.getBoolean("passed"),
          json.readValue(rs.getString("results"), new TypeReference<List<Check>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored self-test is not JSON", e);
    }
  }
}
