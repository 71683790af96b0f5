package uk.gov.council.cap.server.payments;

import java.io.IOException;
import java.time.Duration;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.mail.Email;
import uk.gov.council.cap.server.mail.EmailAddresses;
import uk.gov.council.cap.server.mail.Mailer;
import uk.gov.council.cap.server.web.SlidingWindow;

/**
 * Emails a payment's receipt (the same sealed PDF that is on the case) to the address the resident
 * typed. The address is used once and not kept: the case timeline and the audit record it only in
 * part (m•••@example.com).
 */
public final class ReceiptEmailer {

  private final Mailer mailer;
  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final String councilName;
  private final SlidingWindow perPayment;
  private final SlidingWindow perKiosk;

  /**
   * @param limits how often one payment's receipt may be emailed (in a day) and how many receipts
   *     one kiosk may have emailed in any hour: a kiosk must not be a way to send the council's
   *     mail to anyone, without end
   */
  public ReceiptEmailer(
      Mailer mailer,
      CaseDocuments documents,
      CaseRepository cases,
      AuditLog audit,
      String councilName,
      ServerConfig.Limits limits,
      Clock clock) {
    this.perPayment =
        new SlidingWindow(limits.receiptEmailsPerPayment(), Duration.ofDays(1), clock);
    this.perKiosk =
        new SlidingWindow(limits.receiptEmailsPerKioskHour(), Duration.ofHours(1), clock);
    this.mailer = mailer;
    this.documents = documents;
    this.cases = cases;
    this.audit = audit;
    this.councilName = councilName;
  }

  /** A plain-words reason the address cannot be used, or null if it looks right. */
  static String problemWith(String address) {
    return EmailAddresses.problemWith(address);
  }

  /**
   * Counts one email of this payment's receipt asked for by {@code actor}, or returns the
   * plain-words reason it may not be sent (nothing counted). Every attempt counts, sent or not: the
   * limit bounds what the mail relay is asked.
   */
  String allowance(Payment p, String actor) {
    // Called only on the payments thread, so checking and counting need no lock.
    // Both are checked before either is counted: a refusal for one limit does not use up the other.
    if (!perPayment.hasRoom(p.id())) {
      audit.record(actor, "payment.receipt_email_refused", p.caseId(), p.id(), "per-payment limit");
      return "This receipt has been emailed as many times as it can be. Please ask your advisor for a printed copy.";
    }
    if (!perKiosk.hasRoom(actor)) {
      audit.record(
          actor, "payment.receipt_email_refused", p.caseId(), p.id(), "per-kiosk hourly limit");
      return "This kiosk has sent as many receipt emails as it can this hour. Please ask your advisor for a printed copy.";
    }
    perPayment.tryTake(p.id());
    perKiosk.tryTake(actor);
    return null;
  }

  void send(Payment p, String address, String caseReference, String actor)
      throws Mailer.MailProblem {
    CaseDocument receipt =
        documents
            .find(p.receiptDocumentId())
            .orElseThrow(
                () ->
                    new IllegalStateException("Receipt " + p.receiptDocumentId() + " is missing"));
    byte[] pdf;
    try {
      pdf = documents.bytesOf(receipt);
    } catch (IOException e) {
      throw new Mailer.MailProblem(
          "The receipt could not be read. Please ask your advisor for a printed copy.", e);
    }
    String to = address.strip();
    mailer.send(
        new Email(
            to,
            "Your receipt from " + councilName + ": " + p.amount().display(),
            "Thank you for your payment of "
                + p.amount().display()
                + " for "
                + p.description()
                + ".\n\n"
                + "Your receipt is attached. Your case reference is "
                + caseReference
                + ".\n\n"
                + councilName
                + "\n",
            "receipt-" + caseReference + ".pdf",
            "application/pdf",
            pdf));
    String masked = masked(to);
    cases.addToTimeline(
        p.caseId(), "payment.receipt_emailed", "Receipt emailed to " + masked, actor, p.id());
    audit.record(
        actor,
        "payment.receipt_emailed",
        p.caseId(),
        p.id(),
        "to=" + masked + " document=" + receipt.id());
  }

  static String masked(String address) {
    return EmailAddresses.masked(address);
  }
}
