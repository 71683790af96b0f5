package uk.gov.council.cap.provisioning.enrol;

import static uk.gov.council.cap.provisioning.ProvisioningMain.COMMAND;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.camera.SimulatedCamera;
import uk.gov.council.cap.devices.camera.WebcamCaptureCamera;
import uk.gov.council.cap.kiosk.KioskSettingsFile;
import uk.gov.council.cap.provisioning.KioskFiles;
import uk.gov.council.cap.provisioning.Progress;
import uk.gov.council.cap.provisioning.ProvisioningMain.Problem;
import uk.gov.council.cap.provisioning.ServerApi;

/**
 * Trades a one-time enrolment token for this kiosk's own credentials and writes its settings file
 * (0600).
 */
@Command(
    name = "enrol",
    mixinStandardHelpOptions = true,
    description =
        "Enrol this kiosk with the council's server, using the one-time token made on the console's Fleet page.")
public final class EnrolCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "The server, like https://cap.council.example")
  URI server;

  @CommandLine.ArgGroup(multiplicity = "1")
  TokenSource tokenSource;

  static final class TokenSource {
    @Option(
        names = "--token",
        paramLabel = "TOKEN",
        description = "The token shown on the Fleet page, like ABCDE-FGHJK-LMNPQ-RSTUV")
    String token;

    @Option(
        names = "--token-from-camera",
        paramLabel = "CAMERA",
        arity = "0..1",
        fallbackValue = "",
        description =
            "Read the token's QR code with the kiosk's camera (optionally: part of the camera's name)")
    String camera;
  }

  @Option(
      names = "--camera-pictures",
      paramLabel = "FOLDER",
      hidden = true,
      description = "Training: a simulated camera that 'sees' the pictures in this folder")
  Path cameraPictures;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Where to write the kiosk's settings (default: see README)")
  Path config;

  @Option(
      names = "--force",
      description =
          "Enrol again even though this kiosk is already enrolled (its old identity is dropped)")
  boolean force;

  @Option(
      names = "--scanner",
      paramLabel = "DEVICE",
      description = "simulated, or the scanner's SANE name (scanimage -L)")
  String scanner;

  @Option(
      names = "--printer",
      paramLabel = "QUEUE",
      description = "simulated, or the CUPS queue (lpstat -p)")
  String printer;

  @Option(
      names = "--document-camera",
      paramLabel = "NAME",
      description = "simulated, or part of the document camera's name")
  String documentCamera;

  @Option(
      names = "--call-camera",
      paramLabel = "NAME",
      description = "simulated, any, or part of the call camera's name")
  String callCamera;

  @Option(
      names = "--audio",
      paramLabel = "MODE",
      description = "simulated, or real (the kiosk's microphone and speaker)")
  String audio;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    checkServerAddress();
    Path file = KioskFiles.settingsFile(config, System.getenv());
    Map<String, String> existing = Files.exists(file) ? KioskSettingsFile.read(file) : Map.of();
    if (existing.containsKey("CAP_KIOSK_ID") && !force) {
      throw new Problem(
          "This kiosk is already enrolled as \""
              + existing.getOrDefault("CAP_KIOSK_NAME", existing.get("CAP_KIOSK_ID"))
              + "\" ("
              + file
              + "). To enrol it again, add --force; revoke the old identity on the Fleet page.");
    }
    boolean fromCamera = tokenSource.camera != null;
    Progress progress = new Progress(out, fromCamera ? 5 : 4);

    progress.step("Checking the server at " + server);
    ServerApi anonymous = new ServerApi(server, null, null);
    ServerApi.Reply health = anonymous.get("/api/health");
    if (health.status() != 200 || !"ok".equals(health.body().path("status").asText())) {
      throw new Problem(
          "The server at "
              + server
              + " is not ready ("
              + health.status()
              + "). Try again in a minute.");
    }
    progress.note("Server version " + health.body().path("version").asText());

    String token = tokenSource.token;
    if (fromCamera) {
      progress.step(
          "Reading the token's QR code: hold the Fleet page's QR code about 20 cm from the camera");
      token = new QrTokenReader(camera(), java.time.Duration.ofSeconds(30)).read(progress);
    }

    progress.step("Enrolling with the token");
    ServerApi.Reply enrolled = anonymous.post("/api/enrol", Map.of("token", token.strip()));
    if (enrolled.status() != 201) {
      throw new Problem("Not enrolled: " + enrolled.error());
    }
    JsonNode e = enrolled.body();

    progress.step(
        "Saving this kiosk's credentials to "
            + file.toAbsolutePath()
            + " (readable by this user only)");
    Map<String, String> settings = new LinkedHashMap<>(existing);
    settings.put("CAP_SERVER_URL", server.toString());
    settings.put("CAP_KIOSK_ID", e.path("kioskId").asText());
    settings.put("CAP_KIOSK_SECRET", e.path("kioskSecret").asText());
    settings.put("CAP_KIOSK_NAME", e.path("kioskName").asText());
    putIfGiven(settings, "CAP_SCANNER", scanner);
    putIfGiven(settings, "CAP_PRINTER", printer);
    putIfGiven(settings, "CAP_DOCUMENT_CAMERA", documentCamera);
    putIfGiven(settings, "CAP_CALL_CAMERA", callCamera);
    putIfGiven(settings, "CAP_AUDIO", audio);
    KioskSettingsFile.write(
        file,
        settings,
        "Customer Access Point kiosk: written by " + COMMAND + " enrol. Keep secret.");
    handToServiceUser(file, progress);

    progress.step("Checking the new credentials");
    ServerApi.Reply self =
        new ServerApi(server, e.path("kioskId").asText(), e.path("kioskSecret").asText())
            .get("/api/kiosk/self");
    if (self.status() != 200) {
      throw new Problem(
          "The server did not accept the new credentials ("
              + self.error()
              + "). Make a new token and try again.");
    }
    out.println();
    out.println(
        "Enrolled: \""
            + e.path("kioskName").asText()
            + "\" at "
            + self.body().path("siteName").asText()
            + " (kiosk id "
            + e.path("kioskId").asText()
            + ").");
    out.println(
        "Next: run \"sudo "
            + COMMAND
            + " self-test\", then start the kiosk (sudo systemctl restart cap-kiosk).");
    return 0;
  }

  /** Caught here, before any network call, so the technician is told what to type. */
  private void checkServerAddress() {
    String scheme = server.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
        || server.getHost() == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--server needs the server's full address, starting with https://, like"
              + " https://cap.council.example (it was \""
              + server
              + "\").");
    }
  }

  /**
   * Run as root on an installed kiosk, the file is handed to the service's own user (still 0600),
   * so kiosk-app can read its secret and no one else can.
   */
  private static void handToServiceUser(Path file, Progress progress) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))
        || !file.toAbsolutePath().startsWith(Path.of("/etc/cap-kiosk"))) {
      return;
    }
    try {
      var user =
          file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
      Files.setOwner(file, user);
      progress.note("Owned by " + SERVICE_USER + ", the kiosk's service user");
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException notInstalled) {
      // Not an installed kiosk (a developer's machine): root keeps it.
    }
  }

  static final String SERVICE_USER = "cap-kiosk";

  private Camera camera() {
    if (cameraPictures != null) {
      return new SimulatedCamera(Camera.Role.FACE, Optional.of(cameraPictures));
    }
    return new WebcamCaptureCamera(Camera.Role.FACE, tokenSource.camera);
  }

  private static void putIfGiven(Map<String, String> settings, String key, String value) {
    if (value != null && !value.isBlank()) {
      settings.put(key, value.strip());
    } else {
      settings.putIfAbsent(key, "simulated");
    }
  }
}
