package uk.gov.council.cap.kiosk.shell;

import java.util.List;
import java.util.Map;
import org.cef.CefApp;
import org.cef.callback.CefCommandLine;
import org.cef.handler.CefAppHandlerAdapter;

/**
 * Applies the shell's Chromium switches (as jcefmaven's own handler does) and, when the sandbox can
 * run, removes the {@code --no-sandbox} that JCEF's native code adds to every launch: Chromium's
 * child processes copy the browser process's switches, so without it they start inside the sandbox.
 */
final class SandboxedAppHandler extends CefAppHandlerAdapter {
  static final String NO_SANDBOX = "no-sandbox";

  private final boolean sandbox;

  SandboxedAppHandler(boolean sandbox) {
    super(null);
    this.sandbox = sandbox;
  }

  @Override
  public void onBeforeCommandLineProcessing(String processType, CefCommandLine commandLine) {
    CefApp.getInstance().onBeforeCommandLineProcessing(processType, commandLine);
    if (sandbox && commandLine.hasSwitch(NO_SANDBOX)) {
      withoutSwitch(commandLine, NO_SANDBOX);
    }
  }

  /** CEF's command line cannot drop one switch, so it is emptied and given back all the others. */
  static void withoutSwitch(CefCommandLine commandLine, String unwanted) {
    Map<String, String> switches = new java.util.LinkedHashMap<>(commandLine.getSwitches());
    List<String> arguments = List.copyOf(commandLine.getArguments());
    commandLine.reset();
    switches.forEach(
        (name, value) -> {
          if (!name.equals(unwanted)) {
            if (value == null || value.isEmpty()) {
              commandLine.appendSwitch(name);
            } else {
              commandLine.appendSwitchWithValue(name, value);
            }
          }
        });
    arguments.forEach(commandLine::appendArgument);
  }
}
