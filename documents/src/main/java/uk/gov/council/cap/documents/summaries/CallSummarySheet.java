package uk.gov.council.cap.documents.summaries;

import java.time.Instant;
import java.util.List;

/**
 * What a resident takes away from a call, already in words: the case reference, what was done (one
 * line each: a form sent, a document kept, a payment and its amount, an ID photo) and what happens
 * next. This module only lays it out.
 */
public record CallSummarySheet(
    String councilName,
    String caseReference,
    List<String> done,
    List<String> nextSteps,
    String contact,
    Instant endedAt) {
  public CallSummarySheet {
    done = List.copyOf(done);
    nextSteps = List.copyOf(nextSteps);
  }
}
