package uk.gov.council.cap.provisioning.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.gov.council.cap.devices.SelfTest;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.camera.SimulatedCamera;
import uk.gov.council.cap.devices.camera.WebcamCaptureCamera;
import uk.gov.council.cap.kiosk.KioskConfig;
import uk.gov.council.cap.kiosk.KioskSettingsFile;
import uk.gov.council.cap.kiosk.devices.KioskDevices;
import uk.gov.council.cap.provisioning.KioskFiles;
import uk.gov.council.cap.provisioning.Progress;
import uk.gov.council.cap.provisioning.ProvisioningMain.Problem;
import uk.gov.council.cap.provisioning.ServerApi;

/**
 * Checks everything a call needs at this kiosk: the network to the server, its credentials, TURN,
 * the devices, the call's camera, microphone and speaker, and the card reader (asked through the
 * server). Shows pass or fail with the fix for each failure, and sends the results to the server
 * for the fleet page.
 */
@Command(
    name = "self-test",
    mixinStandardHelpOptions = true,
    description =
        "Test this kiosk's network, devices and card reader, and report the results to the server.")
public final class SelfTestCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The kiosk's settings file (default: see README)")
  Path config;

  @Option(names = "--no-send", description = "Do not send the results to the server")
  boolean noSend;

  /** One line of the report. */
  public record Check(String check, boolean passed, String detail, String fix) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path file = KioskFiles.settingsFile(config, System.getenv());
    Map<String, String> settings = KioskSettingsFile.read(file);
    KioskConfig kiosk = KioskConfig.from(Map.of("CAP_KIOSK_CONFIG", file.toString()), List.of());
    ServerApi api = new ServerApi(kiosk.serverUrl(), kiosk.kioskId(), kiosk.kioskSecret());
    KioskDevices devices = new KioskDevices(kiosk);
    String callCamera = settings.getOrDefault("CAP_CALL_CAMERA", "simulated");
    boolean simulatedAudio = "simulated".equals(settings.getOrDefault("CAP_AUDIO", "simulated"));

    List<Supplier<Check>> plan = new ArrayList<>();
    plan.add(() -> network(api));
    plan.add(() -> credentials(api));
    plan.add(() -> turn(api));
    Map<String, SelfTest> deviceTests = new java.util.LinkedHashMap<>();
    plan.add(() -> device(deviceTests, devices, "scanner"));
    plan.add(() -> device(deviceTests, devices, "printer"));
    plan.add(() -> device(deviceTests, devices, "document_camera"));
    plan.add(() -> callCamera(callCamera));
    plan.add(
        () ->
            simulatedAudio
                ? new Check("Microphone", true, "Simulated (demo and training kiosk)", "")
                : AudioCheck.microphone());
    plan.add(
        () ->
            simulatedAudio
                ? new Check("Speaker", true, "Simulated (demo and training kiosk)", "")
                : AudioCheck.speaker());
    plan.add(() -> cardReader(api));

    Progress progress = new Progress(out, plan.size() + (noSend ? 0 : 1));
    String[] names = {
      "the network to the server",
      "this kiosk's credentials",
      "TURN (call media relay)",
      "the scanner",
      "the printer",
      "the document camera",
      "the call camera",
      "the microphone",
      "the speaker",
      "the card reader"
    };
    List<Check> results = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      progress.step("Checking " + names[i]);
      Check c;
      try {
        c = plan.get(i).get();
      } catch (Problem p) {
        c = new Check(capitalised(names[i]), false, p.getMessage(), "");
      }
      results.add(c);
      progress.note((c.passed() ? "PASS  " : "FAIL  ") + c.detail());
      if (!c.passed() && !c.fix().isBlank()) {
        progress.note("      Fix: " + c.fix());
      }
    }
    if (!noSend) {
      progress.step("Sending the results to the server");
      try {
        ServerApi.Reply sent = api.post("/api/kiosk/self-test", Map.of("checks", results));
        progress.note(
            sent.status() == 201 ? "Sent: the Fleet page shows them" : "Not sent: " + sent.error());
      } catch (Problem p) {
        progress.note("Not sent: " + p.getMessage());
      }
    }
    long failed = results.stream().filter(c -> !c.passed()).count();
    out.println();
    out.println(
        failed == 0
            ? "All " + results.size() + " checks passed."
            : failed
                + " of "
                + results.size()
                + " checks failed: "
                + String.join(
                    ", ", results.stream().filter(c -> !c.passed()).map(Check::check).toList())
                + ".");
    return failed == 0 ? 0 : 1;
  }

  private static Check network(ServerApi api) {
    long started = System.nanoTime();
    ServerApi.Reply r = api.get("/api/health");
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (r.status() != 200) {
      return new Check(
          "Network", false, "The server answered " + r.status(), "Check the server is running.");
    }
    return new Check("Network", true, "Server " + api.server() + " answered in " + ms + " ms", "");
  }

  private static Check credentials(ServerApi api) {
    ServerApi.Reply r = api.get("/api/kiosk/self");
    if (r.status() != 200) {
      return new Check(
          "Credentials",
          false,
          "The server refused this kiosk's credentials: " + r.error(),
          "If the kiosk was revoked, make a new token on the Fleet page and run sudo cap-provisioning enrol --force.");
    }
    JsonNode b = r.body();
    return new Check(
        "Credentials",
        true,
        "Accepted: \"" + b.path("kioskName").asText() + "\" at " + b.path("siteName").asText(),
        "");
  }

  private static Check turn(ServerApi api) {
    ServerApi.Reply r = api.get("/api/kiosk/ice-servers");
    if (r.status() != 200) {
      return new Check(
          "TURN", false, "Could not ask the server for its TURN servers: " + r.error(), "");
    }
    List<String> urls = new ArrayList<>();
    for (JsonNode server : r.body().path("iceServers")) {
      for (JsonNode url : server.path("urls")) {
        if (url.asText().startsWith("turn")) {
          urls.add(url.asText());
        }
      }
    }
    if (urls.isEmpty()) {
      return new Check(
          "TURN",
          true,
          "No TURN server is configured on the server: calls need a network that allows"
              + " direct connections (fine on the council's own network)",
          "");
    }
    StunProbe probe = new StunProbe(3000);
    List<String> reached = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String url : urls) {
      StunProbe.Target t = StunProbe.Target.parse(url);
      try {
        reached.add(t + " (" + probe.probe(t) + " ms)");
      } catch (Exception e) {
        failed.add(t + ": " + e.getMessage());
      }
    }
    if (reached.isEmpty()) {
      return new Check(
          "TURN",
          false,
          "No TURN server could be reached: " + String.join("; ", failed),
          "Ask the network team to allow this kiosk out to the TURN server (UDP 3478, TCP 3478 and 5349).");
    }
    return new Check(
        "TURN",
        true,
        "Reached "
            + String.join(", ", reached)
            + (failed.isEmpty() ? "" : "; not " + String.join("; ", failed)),
        "");
  }

  private static Check device(Map<String, SelfTest> cache, KioskDevices devices, String device) {
    if (cache.isEmpty()) {
      cache.putAll(devices.selfTests());
    }
    SelfTest t = cache.get(device);
    String label =
        switch (device) {
          case "scanner" -> "Scanner";
          case "printer" -> "Printer";
          default -> "Document camera";
        };
    String detail =
        devices.simulatedDevice(device)
            ? simulatedLabel(true, t.detail())
            : t.device() + ": " + t.detail();
    return new Check(label, t.passed(), detail, t.fix());
  }

  private static Check callCamera(String name) {
    Camera camera =
        "simulated".equals(name)
            ? new SimulatedCamera(Camera.Role.FACE, Optional.empty())
            : new WebcamCaptureCamera(Camera.Role.FACE, "any".equals(name) ? "" : name);
    SelfTest t = camera.selfTest();
    return new Check(
        "Call camera", t.passed(), simulatedLabel(camera.simulated(), t.detail()), t.fix());
  }

  private static Check cardReader(ServerApi api) {
    ServerApi.Reply r = api.get("/api/kiosk/card-reader");
    if (r.status() != 200) {
      return new Check(
          "Card reader", false, "The server could not check the card reader: " + r.error(), "");
    }
    return new Check(
        "Card reader",
        r.body().path("passed").asBoolean(),
        r.body().path("detail").asText(),
        r.body().path("fix").asText(""));
  }

  /** A simulated device is always labelled so, once. */
  private static String simulatedLabel(boolean simulated, String detail) {
    if (!simulated) {
      return detail;
    }
    String rest =
        detail.startsWith("Simulated: ") ? detail.substring("Simulated: ".length()) : detail;
    return "Simulated (demo and training): " + rest;
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
