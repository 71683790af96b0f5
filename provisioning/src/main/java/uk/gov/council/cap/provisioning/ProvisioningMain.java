package uk.gov.council.cap.provisioning;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.gov.council.cap.provisioning.enrol.EnrolCommand;
import uk.gov.council.cap.provisioning.selftest.SelfTestCommand;
import uk.gov.council.cap.provisioning.status.StatusCommand;

/**
 * {@code cap-provisioning enrol | self-test | status}: what a technician runs at a kiosk (the
 * installed package's command, run with sudo; docs/fleet.md). Every failure is a sentence saying
 * what to do, never a stack trace; the exit status is 0 on success, 1 when a check or step failed,
 * 2 for a mistake in the command.
 */
@Command(
    name = ProvisioningMain.COMMAND,
    mixinStandardHelpOptions = true,
    versionProvider = ProvisioningMain.Version.class,
    description =
        "Set up a Customer Access Point kiosk: enrol it with the council's server, test its devices, show its status.",
    subcommands = {EnrolCommand.class, SelfTestCommand.class, StatusCommand.class})
public final class ProvisioningMain implements Runnable {
  /** What the technician types: the name the kiosk package installs in /usr/bin. */
  public static final String COMMAND = "cap-provisioning";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // Library logging goes to stderr, warnings only; named so it never clashes with kiosk-app's
    // settings.
    System.getProperties().putIfAbsent("logback.configurationFile", "provisioning-logback.xml");
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the tool with its output on these writers; returns the exit status. Tests call this. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new ProvisioningMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          // One line saying what is wrong and where the help is, not the whole usage page.
          err.println(e.getMessage());
          err.println(
              "See the options with: "
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof Problem p) {
            err.println(p.getMessage());
            return 1;
          }
          err.println("Something went wrong: " + e);
          return 1;
        });
    return cli.execute(args);
  }

  /** A failure the technician can act on: printed as it is, without a stack trace. */
  public static final class Problem extends RuntimeException {
    public Problem(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ProvisioningMain.class.getPackage().getImplementationVersion();
      return new String[] {COMMAND + " " + (v == null ? "development" : v)};
    }
  }
}
