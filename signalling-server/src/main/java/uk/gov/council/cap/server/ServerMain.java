package uk.gov.council.cap.server;

import uk.gov.council.cap.server.demo.DemoData;

/** Starts the server from {@code CAP_*} environment variables (see ServerConfig). */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) {
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    CapServer server = CapServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cap-shutdown"));
    System.out.println("Customer Access Point server listening on " + server.baseUrl());
    // Nothing secret is printed or logged (ServerConfig hides its secrets); only the demo prints
    // its own demo
    // staff's passwords, which it made, and says they are demo ones.
    if (config.demo()) {
      DemoData.Demo demo = DemoData.ensure(server.repositories(), config.dataDir());
      demo.print(server.baseUrl(), System.out);
    }
  }
}
