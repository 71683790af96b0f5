package uk.gov.council.cap.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import uk.gov.council.cap.server.demo.DemoData;

/**
 * Starts the server from {@code CAP_*} environment variables (see ServerConfig), or runs one of its
 * commands ({@code create-admin}) against the database those variables name.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws IOException {
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    if (args.length > 0 && args[0].equals(CreateAdminCommand.NAME)) {
      BufferedReader stdin =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      int status =
          new CreateAdminCommand(config, Clock.system(), System.out, System.err)
              .run(
                  Arrays.asList(args).subList(1, args.length),
                  CreateAdminCommand.PasswordSource.of(System.console(), stdin),
                  System.getProperty("user.name"));
      System.exit(status);
    }
    if (args.length > 0) {
      System.err.println(
          "Unknown command "
              + args[0]
              + ". Run with no arguments to start the server, or: "
              + CreateAdminCommand.NAME
              + " <username> \"<full name>\"");
      System.exit(2);
    }
    CapServer server = CapServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cap-shutdown"));
    System.out.println("Customer Access Point server listening on " + server.baseUrl());
    // Nothing secret is printed or logged (ServerConfig hides its secrets); only the demo prints
    // its own demo staff's passwords, which it made, and says they are demo ones.
    if (config.demo()) {
      DemoData.Demo demo = DemoData.ensure(server.repositories(), config.dataDir());
      demo.print(server.baseUrl(), System.out);
    }
  }
}
