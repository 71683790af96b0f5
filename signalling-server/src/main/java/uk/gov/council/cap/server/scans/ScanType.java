package uk.gov.council.cap.server.scans;

/** What the advisor says a scanned document is; it names the document on the case. */
public enum ScanType {
  PROOF_OF_ADDRESS("Proof of address"),
  PROOF_OF_IDENTITY("Proof of identity"),
  OTHER("Other document");

  private final String words;

  ScanType(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
