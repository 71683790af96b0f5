package uk.gov.council.cap.server.payments;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import uk.gov.council.cap.documents.receipts.PaymentReceipt;
import uk.gov.council.cap.documents.receipts.PaymentReceiptPdf;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;

/**
 * Makes a succeeded payment's receipt: a PDF/A sealed by the council, stored on the case.
 * Thread-safe.
 */
public final class ReceiptMaker {
  private final CouncilSeal seal;
  private final String councilName;
  private final CaseDocuments documents;

  public ReceiptMaker(CouncilSeal seal, String councilName, CaseDocuments documents) {
    this.seal = seal;
    this.councilName = councilName;
    this.documents = documents;
  }

  /** Composes, seals and writes the file; the caller records it in its own transaction. */
  CaseDocument make(Payment p, String caseReference, boolean simulatedReader, Instant paidAt)
      throws IOException {
    List<PaymentReceipt.Line> lines =
        p.receiptFields().entrySet().stream()
            .map(e -> new PaymentReceipt.Line(e.getKey(), e.getValue()))
            .toList();
    String description =
        simulatedReader ? p.description() + " (SIMULATED: demo, no money taken)" : p.description();
    PaymentReceipt receipt =
        new PaymentReceipt(
            councilName,
            caseReference,
            p.paymentIntentId(),
            description,
            p.fundCode(),
            p.vatCode(),
            p.amount().display(),
            p.cardBrand(),
            p.cardLast4(),
            lines,
            paidAt,
            null);
    byte[] pdf =
        seal.seal(
            PaymentReceiptPdf.compose(receipt),
            "Receipt for a card payment at a Customer Access Point",
            paidAt);
    return documents.store(
        new CaseDocuments.NewDocument(
            p.caseId(),
            "receipt",
            "Payment receipt: " + p.description() + ", " + p.amount().display(),
            "application/pdf",
            pdf,
            "system:payments",
            paidAt,
            p.id(),
            null));
  }

  void record(org.jdbi.v3.core.Handle h, CaseDocument d) {
    documents.record(h, d);
  }

  void discard(CaseDocument d) {
    documents.discard(d);
  }
}
