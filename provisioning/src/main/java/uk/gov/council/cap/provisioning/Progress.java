package uk.gov.council.cap.provisioning;

import java.io.PrintWriter;

/**
 * Numbered steps, so a technician can see a long step is under way and how far along the whole job
 * is.
 */
public final class Progress {
  private final PrintWriter out;
  private final int steps;
  private int step;

  public Progress(PrintWriter out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  public void step(String what) {
    step++;
    out.println("[" + step + "/" + steps + "] " + what + "…");
    out.flush();
  }

  public void note(String text) {
    out.println("      " + text);
    out.flush();
  }
}
