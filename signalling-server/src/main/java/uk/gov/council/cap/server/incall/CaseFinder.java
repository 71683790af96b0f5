package uk.gov.council.cap.server.incall;

import java.util.Optional;

/**
 * The case a call's work belongs to now: a call opened on a case that was since merged into another
 * stores its artefacts on the surviving case. The composition root answers it from the cases
 * package, so capabilities need not follow merges themselves.
 */
@FunctionalInterface
public interface CaseFinder {
  /** The id of the case that {@code caseId} is, or was merged into; empty if there is none. */
  Optional<String> currentCaseId(String caseId);
}
