package uk.gov.council.cap.server.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.documents.badges.Badge;
import uk.gov.council.cap.documents.badges.BadgePdf;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.artefacts.FileStore;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * ID photos inside calls. The advisor asks; the kiosk page shows the live camera with a
 * head-and-shoulders guide and counts down, captures a still from the call's own camera stream at
 * its full resolution and hands it to kiosk-app, which uploads it; the advisor approves or asks for
 * a retake. Approved, the still is cropped to 35:45, kept on the case, and made into a CR80 badge
 * (photo, name, ID number, expiry, council, QR code of the ID) also on the case.
 *
 * <p>Every change to a photo runs on this capability's thread, so two never interleave. The still
 * is decoded (checked on upload; cropped and drawn onto the badge on approval) on the request's own
 * thread, between two short steps on the photos thread, so a large still holds up nobody.
 */
public final class PhotoDesk implements InCallCapability {
  private static final Logger LOG = LoggerFactory.getLogger(PhotoDesk.class);
  private static final String ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  static final int BADGE_YEARS = 3;

  private final PhotoSessionRepository sessions;
  private final FileStore files;
  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final CustomerRepository customers;
  private final CallContexts calls;
  private final AuditLog audit;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final String councilName;
  private final SecureRandom random = new SecureRandom();
  private final JpegUpload images;
  private final SerialThread thread;

  public PhotoDesk(
      PhotoSessionRepository sessions,
      FileStore files,
      CaseDocuments documents,
      CaseRepository cases,
      CustomerRepository customers,
      CallContexts calls,
      AuditLog audit,
      Jdbi jdbi,
      Ids ids,
      Clock clock,
      String councilName,
      JpegUpload images,
      SerialThread thread) {
    this.images = images;
    this.thread = thread;
    this.sessions = sessions;
    this.files = files;
    this.documents = documents;
    this.cases = cases;
    this.customers = customers;
    this.calls = calls;
    this.audit = audit;
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.councilName = councilName;
  }

  public PhotoSession request(String callId, StaffMember advisor) {
    return thread.ask(() -> open(calls.forAdvisor(callId, advisor, "take a photo"), advisor));
  }

  private PhotoSession open(CallContext call, StaffMember advisor) {
    String callId = call.callId();
    sessions.openInCall(callId).forEach(this::cancel);
    String caseId = call.caseId();
    Instant now = clock.now();
    PhotoSession p =
        new PhotoSession(
            ids.newId(),
            caseId,
            callId,
            call.kioskId(),
            PhotoSession.Status.WAITING,
            advisor.id(),
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            now);
    jdbi.useTransaction(
        h -> {
          sessions.insert(h, p);
          cases.addToTimeline(
              h, caseId, "photo.requested", "ID photo asked for", advisor.auditName(), p.id());
        });
    audit.record(advisor.auditName(), "photo.requested", caseId, p.id(), null);
    send(p, MessageType.PHOTO_REQUESTED);
    return p;
  }

  public PhotoSession retake(String photoId, StaffMember advisor) {
    return thread.ask(
        () -> {
          PhotoSession p = advisorsPhoto(photoId, advisor);
          PhotoSession waiting = p.waiting(clock.now());
          if (!sessions.transition(p.status(), waiting)) throw finished();
          files.deleteQuietly(p.stillKey());
          audit.record(advisor.auditName(), "photo.retake", p.caseId(), p.id(), null);
          send(waiting, MessageType.PHOTO_REQUESTED);
          return waiting;
        });
  }

  /**
   * Keeps the still a kiosk uploaded. The image is checked (header, then decoding) on the upload's
   * own thread; only keeping it runs on the photos thread.
   */
  public PhotoSession stillUploaded(String kioskId, String photoId, byte[] jpeg, String sha256) {
    waitingPhoto(kioskId, photoId);
    JpegUpload.Checked image = images.check(jpeg, sha256, "photo", "Take it again");
    return thread.ask(
        () -> {
          // Again: the photo may have been cancelled or retaken while the image was checked.
          PhotoSession p = waitingPhoto(kioskId, photoId);
          String key = "photos/" + photoId + "/still.jpg";
          try {
            files.put(key, jpeg);
          } catch (IOException e) {
            throw new InCallProblem(500, "The photo could not be stored. Take it again.");
          }
          PhotoSession captured = p.captured(key, image.width(), image.height(), clock.now());
          if (!sessions.transition(p.status(), captured))
            throw new InCallProblem(409, "This photo is not waiting to be taken.");
          audit.record(
              "kiosk:" + kioskId,
              "photo.captured",
              p.caseId(),
              p.id(),
              image.width() + "x" + image.height());
          send(captured, MessageType.PHOTO_UPDATED);
          return captured;
        });
  }

  private PhotoSession waitingPhoto(String kioskId, String photoId) {
    PhotoSession p = sessions.find(photoId).orElseThrow(PhotoDesk::noSuchPhoto);
    if (!p.kioskId().equals(kioskId))
      throw new InCallProblem(403, "This photo belongs to another kiosk.");
    if (p.status() != PhotoSession.Status.WAITING)
      throw new InCallProblem(409, "This photo is not waiting to be taken.");
    return p;
  }

  /**
   * Approves the still: crops it to 35:45, keeps it, and makes the badge. {@code holderName} if no
   * customer is linked. The still is decoded, cropped and drawn onto the badge outside the desk's
   * lock, so a large still never holds up another kiosk's upload or another advisor; the photo is
   * checked again under the lock before anything is kept.
   */
  public PhotoSession approve(String photoId, String holderName, StaffMember advisor) {
    Approval a = thread.ask(() -> approval(photoId, holderName, advisor));
    Instant now = clock.now();
    String idNumber = newIdNumber();
    LocalDate expires = LocalDate.ofInstant(now, ZoneId.of("Europe/London")).plusYears(BADGE_YEARS);
    byte[] cropped;
    byte[] badge;
    try {
      BufferedImage still = ImageIO.read(new ByteArrayInputStream(a.still()));
      cropped = GuideCrop.crop(still);
      badge = BadgePdf.compose(new Badge(councilName, a.name(), idNumber, expires, cropped, now));
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not make the badge for photo {}", photoId, e);
      throw notSaved();
    }
    return thread.ask(
        () -> {
          PhotoSession current = advisorsPhoto(photoId, advisor);
          if (current.status() != PhotoSession.Status.CAPTURED
              || !current.updatedAt().equals(a.photo().updatedAt())
              || !sameStill(current, a.still())) {
            throw new InCallProblem(
                409,
                "The photo changed while it was being approved. Look at it again, then approve"
                    + " it.");
          }
          return keep(current, a.name(), idNumber, expires, cropped, badge, now, advisor);
        });
  }

  /** What approving starts from: the photo as it was, the name for the badge, the still's bytes. */
  private record Approval(PhotoSession photo, String name, byte[] still) {}

  private Approval approval(String photoId, String holderName, StaffMember advisor) {
    PhotoSession p = advisorsPhoto(photoId, advisor);
    if (p.status() != PhotoSession.Status.CAPTURED)
      throw new InCallProblem(409, "There is no photo to approve yet.");
    String name =
        holderName != null && !holderName.isBlank() ? holderName.strip() : customerName(p.caseId());
    if (name == null)
      throw new InCallProblem(
          400, "Enter the name to print on the badge, or link the customer first.");
    if (name.length() > 60)
      throw new InCallProblem(400, "The name on the badge must be 60 characters or fewer.");
    try {
      return new Approval(p, name, files.get(p.stillKey()));
    } catch (IOException e) {
      LOG.error("Could not read the still of photo {}", photoId, e);
      throw notSaved();
    }
  }

  private static InCallProblem notSaved() {
    return new InCallProblem(
        500, "The photo and badge could not be saved. Nothing was stored; try approving again.");
  }

  /**
   * Whether the still on file is still the one that was cropped (a retake and a new upload may
   * share an instant).
   */
  private boolean sameStill(PhotoSession p, byte[] still) {
    try {
      return java.util.Arrays.equals(files.get(p.stillKey()), still);
    } catch (IOException e) {
      return false;
    }
  }

  private PhotoSession keep(
      PhotoSession p,
      String name,
      String idNumber,
      LocalDate expires,
      byte[] cropped,
      byte[] badge,
      Instant now,
      StaffMember advisor) {
    CaseDocument photoDoc = null;
    CaseDocument badgeDoc = null;
    try {
      String by = advisor.auditName() + " (taken at kiosk " + p.kioskId() + ")";
      photoDoc =
          documents.store(
              new CaseDocuments.NewDocument(
                  p.caseId(),
                  "photo",
                  "ID photo of " + name,
                  "image/jpeg",
                  cropped,
                  by,
                  now,
                  p.id(),
                  null));
      badgeDoc =
          documents.store(
              new CaseDocuments.NewDocument(
                  p.caseId(),
                  "badge",
                  "ID badge " + idNumber + " for " + name,
                  "application/pdf",
                  badge,
                  by,
                  now,
                  p.id(),
                  photoDoc.id()));
      CaseDocument photoStored = photoDoc;
      CaseDocument badgeStored = badgeDoc;
      PhotoSession approved = p.approved(photoDoc.id(), badgeDoc.id(), idNumber, now);
      jdbi.useTransaction(
          h -> {
            documents.record(h, photoStored);
            documents.record(h, badgeStored);
            if (!sessions.transition(h, p.status(), approved)) throw finished();
            cases.addToTimeline(
                h,
                p.caseId(),
                "photo.approved",
                "ID photo approved; badge " + idNumber + " for " + name + ", expires " + expires,
                advisor.auditName(),
                badgeStored.id());
          });
      audit.record(
          advisor.auditName(),
          "photo.approved",
          p.caseId(),
          p.id(),
          "badge="
              + idNumber
              + " photo="
              + photoStored.id()
              + " badgeDocument="
              + badgeStored.id());
      files.deleteQuietly(p.stillKey());
      send(approved, MessageType.PHOTO_UPDATED);
      return approved;
    } catch (IOException | RuntimeException e) {
      if (photoDoc != null) documents.discard(photoDoc);
      if (badgeDoc != null) documents.discard(badgeDoc);
      if (e instanceof InCallProblem a) throw a;
      LOG.error("Could not keep the photo and badge of photo {}", p.id(), e);
      throw notSaved();
    }
  }

  @Override
  public void onCallEnded(CallContext call) {
    sessions.openInCall(call.callId()).forEach(this::cancel);
  }

  private void cancel(PhotoSession p) {
    PhotoSession cancelled = p.cancelled(clock.now());
    if (!sessions.transition(p.status(), cancelled)) return;
    files.deleteQuietly(p.stillKey());
    send(cancelled, MessageType.PHOTO_UPDATED);
  }

  public Map<String, Object> view(PhotoSession p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("photoId", p.id());
    m.put("status", p.status().name());
    if (p.status() == PhotoSession.Status.CAPTURED) {
      m.put("stillUrl", "/api/photos/" + p.id() + "/still");
      m.put("width", p.stillWidth());
      m.put("height", p.stillHeight());
    }
    if (p.idNumber() != null) m.put("idNumber", p.idNumber());
    if (p.photoDocumentId() != null) m.put("photoDocumentId", p.photoDocumentId());
    if (p.badgeDocumentId() != null) m.put("badgeDocumentId", p.badgeDocumentId());
    m.put("guideHeight", GuideCrop.GUIDE_HEIGHT);
    return m;
  }

  byte[] still(PhotoSession p) throws IOException {
    if (p.stillKey() == null) throw new InCallProblem(404, "There is no photo to show.");
    return files.get(p.stillKey());
  }

  PhotoSession advisorsPhoto(String photoId, StaffMember advisor) {
    PhotoSession p = sessions.find(photoId).orElseThrow(PhotoDesk::noSuchPhoto);
    if (!p.requestedBy().equals(advisor.id()))
      throw new InCallProblem(403, "Only the advisor who asked for this photo can do that.");
    if (p.status().finished()) throw finished();
    return p;
  }

  private String customerName(String caseId) {
    return cases
        .find(caseId)
        .map(CaseRecord::customerId)
        .flatMap(customers::find)
        .map(c -> c.firstName() + " " + c.lastName())
        .orElse(null);
  }

  private String newIdNumber() {
    // Two groups of four, without 0/O or 1/I, so it can be read out and typed back without
    // mistakes.
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) b.append('-');
      b.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return b.toString();
  }

  /** To the kiosk while its call lasts, and to the advisor who asked. */
  private void send(PhotoSession p, MessageType type) {
    calls.toKioskAndStaff(p.callId(), p.requestedBy(), type, view(p));
  }

  static InCallProblem noSuchPhoto() {
    return new InCallProblem(404, "There is no photo with that id.");
  }

  private static InCallProblem finished() {
    return new InCallProblem(409, "This photo has already finished.");
  }

  @Override
  public String name() {
    return "photos";
  }

  @Override
  public SerialThread thread() {
    return thread;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    // The kiosk sends its photo over HTTP (PhotoRoutes); nothing arrives on the socket.
    return Set.of();
  }
}
