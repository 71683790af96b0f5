package uk.gov.council.cap.kiosk.screen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Plays the kiosk's page on the bridge in tests. */
public final class ScreenClient implements AutoCloseable {
  private final LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
  private final java.util.List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final WebSocket socket;

  public ScreenClient(String uiUrl) {
    String origin = uiUrl.replaceFirst("/$", "");
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Origin", origin)
            .buildAsync(
                URI.create(origin.replace("http", "ws") + "/bridge"),
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      inbox.add(partial.toString());
                      all.add(partial.toString());
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .join();
  }

  /** Whether any message so far contained the fragment. */
  public boolean seenAny(String fragment) {
    return all.stream().anyMatch(m -> m.contains(fragment));
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message whose text contains the given fragment (others are skipped). */
  public String await(String fragment, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String m = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("No message containing " + fragment + " within " + timeout);
      }
      if (m.contains(fragment)) {
        return m;
      }
    }
  }

  @Override
  public void close() {
    socket.abort();
  }
}
