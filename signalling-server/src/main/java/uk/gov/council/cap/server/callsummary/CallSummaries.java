package uk.gov.council.cap.server.callsummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.forms.FormDefinition;
import uk.gov.council.cap.server.forms.FormLibrary;
import uk.gov.council.cap.server.forms.FormSession;
import uk.gov.council.cap.server.forms.FormSessionRepository;
import uk.gov.council.cap.server.forms.FormTranslation;
import uk.gov.council.cap.server.payments.Payment;
import uk.gov.council.cap.server.payments.PaymentRepository;
import uk.gov.council.cap.server.payments.PaymentStatus;

/**
 * Builds a call's summary from the case, through the read methods of the packages that own each
 * kind of record: forms sent in the call (signed, sealed or being sealed), payments that went
 * through, scanned documents kept and ID photos taken while it lasted.
 */
public final class CallSummaries {
  private static final Set<FormSession.Status> SENT =
      Set.of(FormSession.Status.SIGNING, FormSession.Status.COMPLETED);

  private final CaseRepository cases;
  private final CallRepository calls;
  private final FormSessionRepository forms;
  private final FormLibrary library;
  private final PaymentRepository payments;
  private final CaseDocuments documents;
  private final Clock clock;

  public CallSummaries(
      CaseRepository cases,
      CallRepository calls,
      FormSessionRepository forms,
      FormLibrary library,
      PaymentRepository payments,
      CaseDocuments documents,
      Clock clock) {
    this.cases = cases;
    this.calls = calls;
    this.forms = forms;
    this.library = library;
    this.payments = payments;
    this.documents = documents;
    this.clock = clock;
  }

  /**
   * The summary of call {@code callId}, whose work is on case {@code caseId} (merges followed).
   *
   * @param fallbackReference the reference the call was opened with, if the case cannot be read
   */
  public CallSummary of(String caseId, String callId, String fallbackReference) {
    String reference = cases.find(caseId).map(CaseRecord::reference).orElse(fallbackReference);
    List<CallSummary.Item> done = new ArrayList<>();
    Set<String> nextSteps = new LinkedHashSet<>();
    // A form is named as the resident saw it: in their language where it has been translated.
    String language = calls.find(callId).map(CallRecord::language).orElse(null);
    for (FormSession f : forms.ofCase(caseId)) {
      if (!f.callId().equals(callId) || !SENT.contains(f.status())) continue;
      var form = library.find(f.formId(), f.formVersion());
      String title =
          form.flatMap(d -> d.translation(language))
              .map(FormTranslation::title)
              .or(() -> form.map(FormDefinition::title))
              .orElse(f.formId());
      done.add(new CallSummary.Item("form", title, null));
      form.map(FormDefinition::nextStep)
          .filter(s -> s != null && !s.isBlank())
          .ifPresent(s -> nextSteps.add(s.strip()));
    }
    for (Payment p : payments.ofCase(caseId)) {
      if (callId.equals(p.callId()) && p.status() == PaymentStatus.SUCCEEDED) {
        done.add(new CallSummary.Item("payment", p.description(), p.amount().display()));
      }
    }
    // Scans and photos do not record their call; what was kept while it lasted is this call's.
    Instant from = calls.find(callId).map(CallRecord::answeredAt).orElse(Instant.MIN);
    boolean photo = false;
    for (CaseDocument d : documents.ofCase(caseId)) {
      if (d.createdAt().isBefore(from)) continue;
      if (d.kind().equals("scan")) {
        done.add(new CallSummary.Item("document", d.title(), null));
      } else if (d.kind().equals("photo") && !photo) {
        photo = true;
        done.add(new CallSummary.Item("photo", null, null));
      }
    }
    return new CallSummary(caseId, reference, done, List.copyOf(nextSteps), clock.now());
  }
}
