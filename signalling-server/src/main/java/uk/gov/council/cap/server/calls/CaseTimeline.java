package uk.gov.council.cap.server.calls;

import org.jdbi.v3.core.Handle;

/**
 * Where a call's wrap-up is written on its case. The cases package holds the timeline and
 * implements this, so calls, which cases reads for its page, never imports cases back.
 */
public interface CaseTimeline {
  void addToTimeline(
      Handle h, String caseId, String kind, String summary, String actor, String refId);
}
