package uk.gov.council.cap.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.DataDirectory;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * Demo and training data: one library site, one kiosk and four members of staff (advisor,
 * supervisor, technician, admin). Passwords and the kiosk secret are random per installation (never
 * a known default that could leak into production) and are kept in {@code <data
 * dir>/demo.properties} so later runs reuse them.
 */
public final class DemoData {
  private static final String FILE = "demo.properties";

  /** What the demo created: enough to start the demo kiosk and to sign in. */
  public record Demo(
      String kioskId,
      String kioskSecret,
      String advisorUsername,
      String advisorPassword,
      String supervisorUsername,
      String supervisorPassword,
      String technicianUsername,
      String technicianPassword,
      String adminUsername,
      String adminPassword,
      String siteName) {

    /**
     * The demo's sign-ins, on the console of whoever started the demo. The only place the server
     * prints a password: these are the demo's own (random for each demo installation, kept in
     * demo.properties), never a real member of staff's, and they say so.
     */
    public void print(String serverUrl, PrintStream out) {
      out.println();
      out.println(
          "  Demo mode: simulated devices, demo site \""
              + siteName
              + "\" (open every day, all day).");
      out.println("  Advisor console:  " + serverUrl + "/");
      out.println(
          "  DEMO passwords below (made for this demo installation, kept in demo.properties; not for real use):");
      out.println("  Sign in as advisor:    " + advisorUsername + " / " + advisorPassword);
      out.println("  Sign in as supervisor: " + supervisorUsername + " / " + supervisorPassword);
      out.println(
          "  Sign in as technician: "
              + technicianUsername
              + " / "
              + technicianPassword
              + "   (Fleet page)");
      out.println(
          "  Sign in as admin:      " + adminUsername + " / " + adminPassword + "   (Staff page)");
      out.println();
    }
  }

  private DemoData() {}

  public static Demo ensure(CapServer.Repositories repos, Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Properties saved = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file)) {
        saved.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (repos.kiosks().find(saved.getProperty("kiosk.id", "")).isPresent()) {
        if (saved.getProperty("technician.username") == null) {
          // A demo made before the fleet page had no technician: add one.
          saved.setProperty("technician.username", "technician");
          saved.setProperty("technician.password", randomWord(12));
          repos
              .staff()
              .create(
                  "technician",
                  "Tess Technician",
                  Role.TECHNICIAN,
                  Set.of(),
                  saved.getProperty("technician.password"));
          store(saved, file);
        }
        if (saved.getProperty("admin.username") == null) {
          // A demo made before the staff page had no admin: add one.
          saved.setProperty("admin.username", "admin");
          saved.setProperty("admin.password", randomWord(12));
          repos
              .staff()
              .create(
                  "admin", "Ada Admin", Role.ADMIN, Set.of(), saved.getProperty("admin.password"));
          store(saved, file);
        }
        return fromProperties(saved);
      }
    }
    Site site =
        repos
            .sites()
            .create(
                "Ampthill Library",
                "01632 960 000",
                ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Sun 00:00-24:00"),
                List.of("general", "housing", "council-tax"),
                List.of(),
                120);
    Set<String> themes = Set.of("general", "housing", "council-tax");
    Demo demo =
        new Demo(
            UUID.randomUUID().toString(),
            randomWord(32),
            "advisor",
            randomWord(12),
            "supervisor",
            randomWord(12),
            "technician",
            randomWord(12),
            "admin",
            randomWord(12),
            site.name());
    repos
        .kiosks()
        .createWithSecret(demo.kioskId(), "Ampthill Library kiosk", site.id(), demo.kioskSecret());
    repos
        .staff()
        .create(
            demo.advisorUsername(), "Alex Advisor", Role.ADVISOR, themes, demo.advisorPassword());
    repos
        .staff()
        .create(
            demo.supervisorUsername(),
            "Sam Supervisor",
            Role.SUPERVISOR,
            themes,
            demo.supervisorPassword());
    repos
        .staff()
        .create(
            demo.technicianUsername(),
            "Tess Technician",
            Role.TECHNICIAN,
            Set.of(),
            demo.technicianPassword());
    repos
        .staff()
        .create(demo.adminUsername(), "Ada Admin", Role.ADMIN, Set.of(), demo.adminPassword());
    Properties p = new Properties();
    p.setProperty("kiosk.id", demo.kioskId());
    p.setProperty("kiosk.secret", demo.kioskSecret());
    p.setProperty("advisor.username", demo.advisorUsername());
    p.setProperty("advisor.password", demo.advisorPassword());
    p.setProperty("supervisor.username", demo.supervisorUsername());
    p.setProperty("supervisor.password", demo.supervisorPassword());
    p.setProperty("technician.username", demo.technicianUsername());
    p.setProperty("technician.password", demo.technicianPassword());
    p.setProperty("admin.username", demo.adminUsername());
    p.setProperty("admin.password", demo.adminPassword());
    p.setProperty("site.name", demo.siteName());
    store(p, file);
    return demo;
  }

  private static void store(Properties p, Path file) {
    // It holds the demo's passwords and kiosk secret: readable by the server's user alone (0600).
    try (Writer w =
        new java.io.OutputStreamWriter(
            DataDirectory.newPrivateFile(file), java.nio.charset.StandardCharsets.UTF_8)) {
      p.store(
          w, "Demo credentials, created on first run. Delete the data directory to start afresh.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Demo fromProperties(Properties p) {
    return new Demo(
        p.getProperty("kiosk.id"),
        p.getProperty("kiosk.secret"),
        p.getProperty("advisor.username"),
        p.getProperty("advisor.password"),
        p.getProperty("supervisor.username"),
        p.getProperty("supervisor.password"),
        p.getProperty("technician.username"),
        p.getProperty("technician.password"),
        p.getProperty("admin.username"),
        p.getProperty("admin.password"),
        p.getProperty("site.name"));
  }

  private static String randomWord(int length) {
    String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    SecureRandom r = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
