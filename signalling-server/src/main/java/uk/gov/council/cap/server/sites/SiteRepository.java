package uk.gov.council.cap.server.sites;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.db.Ids;

/** Owns the {@code sites} table. */
public final class SiteRepository {
  private final Jdbi jdbi;
  private final Ids ids;

  public SiteRepository(Jdbi jdbi, Ids ids) {
    this.jdbi = jdbi;
    this.ids = ids;
  }

  public Site create(
      String name,
      String phone,
      ZoneId zone,
      OpeningHours hours,
      List<String> themes,
      List<String> enquiryThemes,
      int idleTimeoutSeconds) {
    return create(name, phone, zone, hours, themes, enquiryThemes, idleTimeoutSeconds, "");
  }

  public Site create(
      String name,
      String phone,
      ZoneId zone,
      OpeningHours hours,
      List<String> themes,
      List<String> enquiryThemes,
      int idleTimeoutSeconds,
      String address) {
    Site site =
        new Site(
            ids.newId(),
            name,
            phone,
            zone,
            hours,
            themes,
            enquiryThemes,
            idleTimeoutSeconds,
            address);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into sites (id, name, phone, time_zone, opening_hours, themes, enquiry_themes, idle_timeout_seconds, address)"
                        + " values (:id, :name, :phone, :tz, :hours, :themes, :enquiry, :idle, :address)")
                .bind("address", address)
                .bind("id", site.id())
                .bind("name", name)
                .bind("phone", phone)
                .bind("tz", zone.getId())
                .bind("hours", hours.text())
                .bind("themes", String.join(",", themes))
                .bind("enquiry", String.join(",", enquiryThemes))
                .bind("idle", idleTimeoutSeconds)
                .execute());
    return site;
  }

  public Optional<Site> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from sites where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  public List<Site> all() {
    return jdbi.withHandle(
        h -> h.createQuery("select * from sites order by name").map((rs, ctx) -> map(rs)).list());
  }

  public void update(Site site) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update sites set name = :name, phone = :phone, time_zone = :tz,"
                        + " opening_hours = :hours, themes = :themes, enquiry_themes = :enquiry, idle_timeout_seconds = :idle,"
                        + " address = :address where id = :id")
                .bind("address", site.address())
                .bind("id", site.id())
                .bind("name", site.name())
                .bind("phone", site.phone())
                .bind("tz", site.timeZone().getId())
                .bind("hours", site.openingHours().text())
                .bind("themes", String.join(",", site.themes()))
                .bind("enquiry", String.join(",", site.enquiryThemes()))
                .bind("idle", site.idleTimeoutSeconds())
                .execute());
  }

  private static Site map(ResultSet rs) throws SQLException {
    return new Site(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("phone"),
        ZoneId.of(rs.getString("time_zone")),
        OpeningHours.parse(rs.getString("opening_hours")),
        split(rs.getString("themes")),
        split(rs.getString("enquiry_themes")),
        rs.getInt("idle_timeout_seconds"),
        rs.getString("address"));
  }

  private static List<String> split(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
