package uk.gov.council.cap.server.callbacks;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;

/**
 * Books a call back a resident asked for at a kiosk: checks every answer on the server (the kiosk
 * is not trusted), then opens a case for it, puts the request on the case's timeline and in the
 * audit, all in one transaction. The phone number goes only into the callbacks table: never into
 * the timeline, the audit detail or a log.
 */
final class CallbackBooking {
  static final int MAX_NAME = 60;
  // Letters in any script, with the marks, spaces, hyphens, apostrophes and full stops names use.
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'\u2019-]*");
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final Jdbi jdbi;
  private final Ids ids;
  private final CaseRepository cases;
  private final CallbackRepository callbacks;
  private final AuditLog audit;
  private final Clock clock;
  private final int daysAhead;
  private final int perKioskHour;
  private final SecureRandom random = new SecureRandom();

  CallbackBooking(
      Jdbi jdbi,
      Ids ids,
      CaseRepository cases,
      CallbackRepository callbacks,
      AuditLog audit,
      Clock clock,
      int daysAhead,
      int perKioskHour) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.cases = cases;
    this.callbacks = callbacks;
    this.audit = audit;
    this.clock = clock;
    this.daysAhead = daysAhead;
    this.perKioskHour = perKioskHour;
  }

  record Request(String name, String phone, String slot, String theme, String language) {}

  sealed interface Result permits Booked, Refused {}

  record Booked(Callback callback, CallbackSlot slot, String phoneShown) implements Result {}

  record Refused(String reason, String message) implements Result {}

  List<CallbackSlot> slots(Site site) {
    return CallbackSlots.offered(site, clock.now(), daysAhead);
  }

  /** The themes a resident may choose: the site's choice, or its default theme alone. */
  static List<String> themes(Site site) {
    return site.enquiryThemes().isEmpty() ? List.of(site.defaultTheme()) : site.enquiryThemes();
  }

  Result book(Kiosk kiosk, Site site, Request in) {
    Instant now = clock.now();
    // The limit first: a flooding kiosk costs one count query, nothing more.
    if (callbacks.bookedByKioskSince(kiosk.id(), now.minus(Duration.ofHours(1))) >= perKioskHour) {
      audit.record(kiosk.auditName(), "callback.limit_reached", null, kiosk.id(), null);
      return new Refused(
          "limit", "This kiosk has taken as many call backs as it may this hour. Please phone us.");
    }
    Optional<String> name = cleanName(in.name());
    if (name.isEmpty()) {
      return new Refused("name", "Enter your name, using letters only");
    }
    Optional<String> phone = UkPhoneNumbers.normalise(in.phone());
    if (phone.isEmpty()) {
      return new Refused("phone", "Enter a UK phone number, like 07700 900123 or 01632 960001");
    }
    Optional<CallbackSlot> slot =
        slots(site).stream().filter(s -> s.id().equals(in.slot())).findFirst();
    if (slot.isEmpty()) {
      return new Refused("slot", "That time is no longer available. Choose another time.");
    }
    String theme = in.theme() == null || in.theme().isBlank() ? themes(site).get(0) : in.theme();
    if (!themes(site).contains(theme)) {
      return new Refused("theme", "Choose what your enquiry is about");
    }
    String id = ids.newId();
    Callback c =
        jdbi.inTransaction(
            h -> {
              CaseRecord opened = cases.open(h);
              String reference = newReference();
              while (callbacks.referenceTaken(h, reference)) {
                reference = newReference();
              }
              Callback booked =
                  new Callback(
                      id,
                      reference,
                      opened.id(),
                      opened.reference(),
                      kiosk.id(),
                      kiosk.name(),
                      site.id(),
                      site.name(),
                      name.get(),
                      phone.get(),
                      slot.get().start().toInstant(),
                      slot.get().end().toInstant(),
                      slot.get().text(),
                      theme,
                      in.language(),
                      CallbackStatus.REQUESTED,
                      null,
                      null,
                      0,
                      null,
                      now);
              callbacks.insert(h, booked);
              cases.addToTimeline(
                  h,
                  opened.id(),
                  "callback.requested",
                  "Resident asked for a call back at "
                      + kiosk.name()
                      + " ("
                      + site.name()
                      + "), enquiry: "
                      + theme
                      + (in.language() == null ? "" : ", language: " + in.language())
                      + ". Call back "
                      + booked.reference()
                      + ": "
                      + booked.slotText(),
                  kiosk.auditName(),
                  id);
              return booked;
            });
    audit.record(
        kiosk.auditName(),
        "callback.requested",
        c.caseId(),
        "callback:" + c.id(),
        "reference=" + c.reference() + "; theme=" + theme);
    return new Booked(c, slot.get(), UkPhoneNumbers.display(c.phone()));
  }

  static Optional<String> cleanName(String typed) {
    if (typed == null || typed.length() > 200) {
      return Optional.empty();
    }
    String n = typed.strip().replaceAll("\\s+", " ");
    if (n.isEmpty() || n.length() > MAX_NAME || !NAME.matcher(n).matches()) {
      return Optional.empty();
    }
    return Optional.of(n);
  }

  /** Like a case reference, but says what it is: {@code CB-7K3M-9QXD} (40 random bits). */
  private String newReference() {
    StringBuilder sb = new StringBuilder("CB-");
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        sb.append('-');
      }
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
