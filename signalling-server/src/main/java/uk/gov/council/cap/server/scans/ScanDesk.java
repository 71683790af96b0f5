package uk.gov.council.cap.server.scans;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.documents.scans.ScanPdf;
import uk.gov.council.cap.documents.scans.ScannedPage;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.artefacts.FileStore;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Scanning inside calls. The advisor asks; the kiosk captures with its scanner or camera and
 * uploads each page (checksummed; a repeated upload of the same page is acknowledged, not stored
 * twice); the advisor sees every page at full resolution, rotates, removes or adds pages, and
 * accepts: the pages become one PDF/A on the case, the JPEGs inside it byte for byte. Nothing
 * partial is kept: pages of a scan that is not accepted are deleted.
 *
 * <p>Every change to a scan runs on this capability's thread, so two never interleave; an uploaded
 * page is decoded and checked before it is handed to the thread, so a large page holds up nobody.
 */
public final class ScanDesk implements InCallCapability {
  private static final Logger LOG = LoggerFactory.getLogger(ScanDesk.class);
  static final int MAX_PAGES = 50;

  private final ScanSessionRepository sessions;
  private final FileStore files;
  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final CallContexts calls;
  private final AuditLog audit;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final String councilName;
  private final JpegUpload images;
  private final SerialThread thread;

  public ScanDesk(
      ScanSessionRepository sessions,
      FileStore files,
      CaseDocuments documents,
      CaseRepository cases,
      CallContexts calls,
      AuditLog audit,
      Jdbi jdbi,
      Ids ids,
      Clock clock,
      String councilName,
      JpegUpload images,
      SerialThread thread) {
    this.sessions = sessions;
    this.files = files;
    this.documents = documents;
    this.cases = cases;
    this.calls = calls;
    this.audit = audit;
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.councilName = councilName;
    this.images = images;
    this.thread = thread;
  }

  // ---- the advisor ----

  public ScanSession request(
      String callId, ScanType type, ScanSession.Source source, StaffMember advisor) {
    return thread.ask(() -> open(calls.forAdvisor(callId, advisor, "scan"), type, source, advisor));
  }

  private ScanSession open(
      CallContext call, ScanType type, ScanSession.Source source, StaffMember advisor) {
    sessions.openInCall(call.callId()).forEach(open -> cancel(open, "A new scan was asked for."));
    Instant now = clock.now();
    String caseId = call.caseId();
    ScanSession s =
        new ScanSession(
            ids.newId(),
            caseId,
            call.callId(),
            call.kioskId(),
            type,
            source,
            ScanSession.Status.WAITING,
            null,
            advisor.id(),
            null,
            null,
            now,
            now);
    jdbi.useTransaction(
        h -> {
          sessions.insert(h, s);
          cases.addToTimeline(
              h,
              caseId,
              "scan.requested",
              type.words() + ": scan asked for",
              advisor.auditName(),
              s.id());
        });
    audit.record(
        advisor.auditName(), "scan.requested", caseId, s.id(), type.name() + " " + source.name());
    send(s, MessageType.SCAN_REQUESTED);
    return s;
  }

  public ScanSession rotate(String scanId, int pageNo, int degrees, StaffMember advisor) {
    return thread.ask(
        () -> {
          ScanSession s = advisorsScan(scanId, advisor);
          if (degrees % 90 != 0)
            throw new InCallProblem(400, "Turn a page by a quarter turn at a time.");
          ScanPage page = pageOf(s, pageNo);
          sessions.rotate(scanId, pageNo, Math.floorMod(page.rotation() + degrees, 360));
          send(s, MessageType.SCAN_UPDATED);
          return s;
        });
  }

  public ScanSession removePage(String scanId, int pageNo, StaffMember advisor) {
    return thread.ask(
        () -> {
          ScanSession s = advisorsScan(scanId, advisor);
          ScanPage page = pageOf(s, pageNo);
          sessions.deletePage(scanId, pageNo);
          files.deleteQuietly(page.storageKey());
          send(s, MessageType.SCAN_UPDATED);
          return s;
        });
  }

  /** Asks the kiosk to capture again: more pages are added after those already there. */
  public ScanSession captureMore(String scanId, StaffMember advisor) {
    return thread.ask(
        () -> {
          ScanSession s = advisorsScan(scanId, advisor);
          ScanSession waiting = s.moved(ScanSession.Status.WAITING, null, clock.now());
          if (!sessions.transition(s.status(), waiting)) throw finished();
          send(waiting, MessageType.SCAN_REQUESTED);
          return waiting;
        });
  }

  public CaseDocument accept(String scanId, StaffMember advisor) {
    return thread.ask(() -> keep(advisorsScan(scanId, advisor), advisor));
  }

  private CaseDocument keep(ScanSession s, StaffMember advisor) {
    List<ScanPage> pages = sessions.pages(s.id());
    if (pages.isEmpty())
      throw new InCallProblem(409, "There are no pages to keep. Scan the document first.");
    Instant now = clock.now();
    CaseDocument stored = null;
    try {
      List<ScannedPage> scanned = new ArrayList<>();
      for (ScanPage p : pages)
        scanned.add(ScannedPage.jpeg(files.get(p.storageKey()), p.dpi()).rotated(p.rotation()));
      String title =
          s.type().words() + " (" + pages.size() + (pages.size() == 1 ? " page)" : " pages)");
      byte[] pdf = ScanPdf.compose(scanned, title, councilName, now);
      stored =
          documents.store(
              new CaseDocuments.NewDocument(
                  s.caseId(),
                  "scan",
                  title,
                  "application/pdf",
                  pdf,
                  advisor.auditName() + " (captured at kiosk " + s.kioskId() + ")",
                  now,
                  s.id(),
                  null));
      CaseDocument doc = stored;
      ScanSession accepted = s.kept(doc.id(), pages.size(), now);
      jdbi.useTransaction(
          h -> {
            if (!sessions.transition(h, s.status(), accepted)) throw finished();
            documents.record(h, doc);
            cases.addToTimeline(
                h,
                s.caseId(),
                "scan.accepted",
                title + " stored (SHA-256 " + doc.sha256().substring(0, 12) + "…)",
                advisor.auditName(),
                doc.id());
          });
      audit.record(
          advisor.auditName(),
          "scan.accepted",
          s.caseId(),
          s.id(),
          "document=" + doc.id() + " pages=" + pages.size() + " sha256=" + doc.sha256());
      deletePages(s.id());
      send(accepted, MessageType.SCAN_UPDATED);
      return doc;
    } catch (IOException | RuntimeException e) {
      if (stored != null) documents.discard(stored);
      if (e instanceof InCallProblem p) throw p;
      LOG.error("Could not store scan {}", s.id(), e);
      throw new InCallProblem(
          500,
          "The scan could not be saved. Nothing was stored; the pages are still here, try again.");
    }
  }

  // ---- kiosk-app: page uploads over HTTP, then messages on its socket ----

  /**
   * Stores one page. The same page sent again (a retry after a lost answer) is acknowledged and not
   * stored twice. The image is checked (header, then decoding) on the uploading request's own
   * thread; only storing it runs on the scans thread.
   */
  public ScanPage pageUploaded(
      String kioskId, String scanId, int pageNo, byte[] jpeg, String sha256, int dpi) {
    waitingScan(kioskId, scanId, pageNo, dpi);
    String actual = Digests.sha256Hex(jpeg);
    if (sha256 != null && actual.equalsIgnoreCase(sha256)) {
      for (ScanPage existing : sessions.pages(scanId)) {
        if (existing.pageNo() == pageNo && existing.sha256().equals(actual)) return existing;
      }
    }
    JpegUpload.Checked image = images.check(jpeg, sha256, "page", "Scan it again");
    return thread.ask(
        () -> {
          // Again: the scan may have been cancelled or accepted while the image was checked.
          ScanSession s = waitingScan(kioskId, scanId, pageNo, dpi);
          String key = "scans/" + scanId + "/" + pageNo + "-" + actual.substring(0, 16) + ".jpg";
          try {
            files.put(key, jpeg);
          } catch (IOException e) {
            throw new InCallProblem(500, "The page could not be stored. Send it again.");
          }
          ScanPage page =
              new ScanPage(
                  scanId,
                  pageNo,
                  actual,
                  jpeg.length,
                  image.width(),
                  image.height(),
                  dpi,
                  0,
                  key,
                  clock.now());
          sessions.putPage(page);
          audit.record(
              "kiosk:" + kioskId,
              "scan.page",
              s.caseId(),
              scanId,
              "page=" + pageNo + " sha256=" + actual);
          return page;
        });
  }

  private ScanSession waitingScan(String kioskId, String scanId, int pageNo, int dpi) {
    ScanSession s = sessions.find(scanId).orElseThrow(ScanDesk::noSuchScan);
    if (!s.kioskId().equals(kioskId))
      throw new InCallProblem(403, "This scan belongs to another kiosk.");
    if (s.status() != ScanSession.Status.WAITING)
      throw new InCallProblem(409, "This scan is not waiting for pages.");
    if (pageNo < 1 || pageNo > MAX_PAGES)
      throw new InCallProblem(400, "A scan has at most " + MAX_PAGES + " pages.");
    if (dpi < 50 || dpi > 1200)
      throw new InCallProblem(400, "The resolution must be 50 to 1200 dpi.");
    return s;
  }

  @Override
  public void onKiosk(CallContext call, Envelope msg) {
    ScanSession s =
        sessions
            .find(msg.text("scanId"))
            .filter(x -> x.callId().equals(call.callId()))
            .orElse(null);
    if (s == null) return;
    switch (msg.type()) {
      case SCAN_CAPTURED -> {
        ScanSession captured = s.moved(ScanSession.Status.CAPTURED, null, clock.now());
        // A scan already kept or cancelled stays so; the kiosk's late word changes nothing.
        if (sessions.transition(s.status(), captured)) send(captured, MessageType.SCAN_UPDATED);
      }
      case SCAN_FAILED -> {
        if (s.status().finished()) return;
        sessions.note(s.id(), msg.text("message"), clock.now());
        audit.record(
            "kiosk:" + call.kioskId(), "scan.failed", s.caseId(), s.id(), msg.text("state"));
        send(s.moved(s.status(), msg.text("message"), clock.now()), MessageType.SCAN_UPDATED);
      }
      default -> {}
    }
  }

  @Override
  public void onCallEnded(CallContext call) {
    sessions
        .openInCall(call.callId())
        .forEach(s -> cancel(s, "The call ended before the scan was kept."));
  }

  // ---- helpers ----

  private void cancel(ScanSession s, String reason) {
    Instant now = clock.now();
    ScanSession cancelled = s.moved(ScanSession.Status.CANCELLED, reason, now);
    if (!sessions.transition(s.status(), cancelled)) return;
    deletePages(s.id());
    // The case shows the scan was asked for; it must also show it was never kept, and why.
    cases.addToTimeline(
        s.caseId(),
        "scan.cancelled",
        s.type().words() + ": scan not finished. " + reason,
        "system",
        s.id());
    send(cancelled, MessageType.SCAN_UPDATED);
  }

  private void deletePages(String scanId) {
    for (ScanPage p : sessions.pages(scanId)) {
      sessions.deletePage(scanId, p.pageNo());
      files.deleteQuietly(p.storageKey());
    }
  }

  /** The scan as both screens see it. */
  public Map<String, Object> view(ScanSession s) {
    List<ScanPage> pages = sessions.pages(s.id());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scanId", s.id());
    m.put("status", s.status().name());
    m.put("type", s.type().name());
    m.put("typeText", s.type().words());
    m.put("source", s.source().name());
    if (s.message() != null) m.put("message", s.message());
    if (s.documentId() != null) m.put("documentId", s.documentId());
    m.put("pageCount", s.pageCount() != null ? s.pageCount() : pages.size());
    m.put(
        "pages",
        pages.stream()
            .map(
                p ->
                    Map.of(
                        "pageNo",
                        p.pageNo(),
                        "width",
                        p.width(),
                        "height",
                        p.height(),
                        "dpi",
                        p.dpi(),
                        "rotation",
                        p.rotation(),
                        "sizeBytes",
                        p.sizeBytes(),
                        "url",
                        "/api/scans/" + s.id() + "/pages/" + p.pageNo()))
            .toList());
    return m;
  }

  byte[] pageBytes(ScanSession s, int pageNo) throws IOException {
    return files.get(pageOf(s, pageNo).storageKey());
  }

  /**
   * To the kiosk while its call lasts, and to the advisor who asked (also when the call has just
   * ended).
   */
  private void send(ScanSession s, MessageType type) {
    calls.toKioskAndStaff(s.callId(), s.requestedBy(), type, view(s));
  }

  private ScanPage pageOf(ScanSession s, int pageNo) {
    return sessions.pages(s.id()).stream()
        .filter(p -> p.pageNo() == pageNo)
        .findFirst()
        .orElseThrow(() -> new InCallProblem(404, "There is no page " + pageNo + " in this scan."));
  }

  ScanSession advisorsScan(String scanId, StaffMember advisor) {
    ScanSession s = sessions.find(scanId).orElseThrow(ScanDesk::noSuchScan);
    if (!s.requestedBy().equals(advisor.id()))
      throw new InCallProblem(403, "Only the advisor who asked for this scan can do that.");
    if (s.status().finished()) throw finished();
    return s;
  }

  static InCallProblem noSuchScan() {
    return new InCallProblem(404, "There is no scan with that id.");
  }

  private static InCallProblem finished() {
    return new InCallProblem(409, "This scan has already finished.");
  }

  @Override
  public String name() {
    return "scans";
  }

  @Override
  public SerialThread thread() {
    return thread;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of(MessageType.SCAN_CAPTURED, MessageType.SCAN_FAILED);
  }
}
