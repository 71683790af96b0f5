package uk.gov.council.cap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import uk.gov.council.cap.documents.PdfAConformance;
import uk.gov.council.cap.documents.seal.SealCheck;
import uk.gov.council.cap.documents.seal.SealVerdict;

/**
 * Checks a downloaded PDF with two independent validators: veraPDF (the PDF Association's reference
 * PDF/A validator) and the EU DSS validation library. Nothing is trusted, so a self-signed demo
 * seal shows as intact but with no trusted chain, which is the honest answer.
 */
final class CheckPdf {
  private CheckPdf() {}

  static int run(Path file) throws Exception {
    byte[] pdf = Files.readAllBytes(file);
    List<String> failures = PdfAConformance.failuresOf(pdf);
    System.out.println("File: " + file.toAbsolutePath() + " (" + pdf.length + " bytes)");
    System.out.println(
        "veraPDF, PDF/A-2b: " + (failures.isEmpty() ? "COMPLIANT" : "NOT compliant"));
    failures.forEach(f -> System.out.println("  " + f));
    SealVerdict v = SealCheck.verify(pdf, List.of());
    if (!v.sealed()) {
      System.out.println("DSS: no signature found");
      return 1;
    }
    System.out.println(
        "DSS: signature "
            + (v.intact() ? "INTACT" : "BROKEN")
            + ", level "
            + v.level()
            + ", signed by "
            + v.signedBy()
            + " at "
            + v.signedAt());
    System.out.println(
        "DSS overall: "
            + v.indication()
            + (v.subIndication().isEmpty() ? "" : " / " + v.subIndication())
            + " (without a trusted list; a self-signed demo seal cannot chain to one)");
    return failures.isEmpty() && v.intact() ? 0 : 1;
  }
}
