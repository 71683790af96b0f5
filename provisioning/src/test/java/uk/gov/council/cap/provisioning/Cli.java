package uk.gov.council.cap.provisioning;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the tool as a technician would, keeping what it printed on each stream. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ProvisioningMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(exit, out.toString(), err.toString());
  }
}
