package uk.gov.council.cap.server.routing;

import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;

/**
 * Builds the desk's ledger from the repositories it writes to; keeps CallLedger package-private.
 */
public record CallLedgerFactory(
    Jdbi jdbi, Ids ids, CaseRepository cases, CallRepository calls, AuditLog audit) {
  CallLedger ledger() {
    return new CallLedger(jdbi, ids, cases, calls, audit);
  }
}
