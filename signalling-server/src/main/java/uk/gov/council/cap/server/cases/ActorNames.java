package uk.gov.council.cap.server.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.StaffRepository;

/**
 * Turns the actor a timeline row stores ("staff:advisor", "kiosk:80f9…", "card-reader:simulated-…")
 * into the name a person reads. Rows keep the stable id, so a kiosk or advisor renamed later shows
 * under the new name; names are looked up when the page is served, once per actor per page.
 */
final class ActorNames {
  private final StaffRepository staff;
  private final KioskRepository kiosks;

  ActorNames(StaffRepository staff, KioskRepository kiosks) {
    this.staff = staff;
    this.kiosks = kiosks;
  }

  /** A lookup for one page: each actor is resolved once however many rows name it. */
  Lookup forOnePage() {
    return new Lookup();
  }

  final class Lookup {
    private final Map<String, String> known = new LinkedHashMap<>();

    String nameOf(String actor) {
      return actor == null ? null : known.computeIfAbsent(actor, ActorNames.this::resolve);
    }

    /** Every actor named so far with its name, for the page's other lists to use. */
    Map<String, String> named() {
      return Map.copyOf(known);
    }
  }

  private String resolve(String actor) {
    int colon = actor.indexOf(':');
    String kind = colon < 0 ? actor : actor.substring(0, colon);
    String id = colon < 0 ? "" : actor.substring(colon + 1);
    return switch (kind) {
      case "staff" -> staff.displayNameOf(id).orElse(id);
      case "kiosk" -> kiosks.find(id).map(Kiosk::name).orElse("A kiosk no longer on record");
      case "card-reader" ->
          id.startsWith("simulated-") ? "Simulated card reader" : "Card reader " + id;
      case "system" -> "Customer Access Point (automatic)";
      default -> actor;
    };
  }
}
