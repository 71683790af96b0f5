package uk.gov.council.cap.server.cases;

public enum CaseStatus {
  OPEN,
  /** Its contacts moved to the customer's existing case; see {@code mergedInto}. */
  MERGED
}
