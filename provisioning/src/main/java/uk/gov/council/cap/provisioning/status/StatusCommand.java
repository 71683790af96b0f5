package uk.gov.council.cap.provisioning.status;

import static uk.gov.council.cap.provisioning.ProvisioningMain.COMMAND;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.gov.council.cap.kiosk.KioskSettingsFile;
import uk.gov.council.cap.provisioning.KioskFiles;
import uk.gov.council.cap.provisioning.ProvisioningMain.Problem;
import uk.gov.council.cap.provisioning.ServerApi;

/**
 * What this kiosk knows about itself (its settings file, never the secret) and what the server says
 * of it.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show this kiosk's identity, settings and what the server knows of it.")
public final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The kiosk's settings file (default: see README)")
  Path config;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path file = KioskFiles.settingsFile(config, System.getenv());
    if (!Files.exists(file)) {
      out.println("Not enrolled: there is no settings file at " + file.toAbsolutePath() + ".");
      out.println("Enrol with: sudo " + COMMAND + " enrol --server URL --token TOKEN");
      return 1;
    }
    Map<String, String> s = KioskSettingsFile.read(file);
    String perms;
    try {
      perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException e) {
      perms = "(not a POSIX file system)";
    }
    out.println(
        "Kiosk:           "
            + s.getOrDefault("CAP_KIOSK_NAME", "(unnamed)")
            + " (id "
            + s.get("CAP_KIOSK_ID")
            + ")");
    out.println("Server:          " + s.get("CAP_SERVER_URL"));
    out.println(
        "Settings file:   "
            + file.toAbsolutePath()
            + " ("
            + perms
            + (perms.equals("rw-------") ? ", owner only" : ", SHOULD BE rw-------")
            + ")");
    out.println(
        "Secret:          "
            + (s.containsKey("CAP_KIOSK_SECRET") ? "held (not shown)" : "MISSING: enrol again"));
    out.println("Scanner:         " + s.getOrDefault("CAP_SCANNER", "simulated"));
    out.println("Printer:         " + s.getOrDefault("CAP_PRINTER", "simulated"));
    out.println("Document camera: " + s.getOrDefault("CAP_DOCUMENT_CAMERA", "simulated"));
    try {
      ServerApi.Reply r =
          new ServerApi(
                  java.net.URI.create(s.get("CAP_SERVER_URL")),
                  s.get("CAP_KIOSK_ID"),
                  s.get("CAP_KIOSK_SECRET"))
              .get("/api/kiosk/self");
      if (r.status() != 200) {
        out.println("Server says:     credentials refused (" + r.error() + ")");
        return 1;
      }
      JsonNode b = r.body();
      out.println("Site:            " + b.path("siteName").asText());
      out.println("Opening hours:   " + b.path("openingHours").asText());
      out.println("Idle timeout:    " + b.path("idleTimeoutSeconds").asInt() + " seconds");
      if (b.path("deviceSettings").size() > 0) {
        out.println("Set on console:  " + b.path("deviceSettings"));
      }
      JsonNode t = b.path("lastSelfTest");
      out.println(
          "Last self-test:  "
              + (t.isNull() || t.isMissingNode()
                  ? "never"
                  : t.path("ranAt").asText()
                      + (t.path("passed").asBoolean() ? " (all passed)" : " (some failed)")));
    } catch (Problem p) {
      out.println("Server says:     unreachable (" + p.getMessage() + ")");
      return 1;
    }
    return 0;
  }
}
