package uk.gov.council.cap.kiosk.screen;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.WriteCallback;
import uk.gov.council.cap.kiosk.speech.SpeechEngine;
import uk.gov.council.cap.kiosk.speech.SpeechRefused;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.protocol.ProtocolException;
import uk.gov.council.cap.protocol.Sender;

/**
 * Serves the kiosk UI on loopback and the {@code /bridge} WebSocket its page talks through. Every
 * message from the page is validated here (the kiosk-side edge) before it goes to the server.
 */
public final class ScreenServer implements AutoCloseable {
  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
              "default-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*;"
                  + " img-src 'self' data:; media-src 'self' blob: mediastream:; frame-ancestors 'none'; base-uri 'none'",
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "Cache-Control", "no-store");

  /**
   * Where valid messages from the page go, decoded once here and with their text as the page sent
   * it; false when they cannot be delivered (kiosk offline).
   */
  public interface Outbound {
    boolean send(Envelope msg, String text);
  }

  private final ProtocolCodec codec;
  private final Javalin app;
  private final Set<WsContext> screens = ConcurrentHashMap.newKeySet();
  private volatile java.util.function.Supplier<String> greeting = () -> null;
  private volatile Runnable onScreenConnected = () -> {};
  private volatile Runnable onScreenGone = () -> {};
  private final java.util.concurrent.ScheduledExecutorService beat =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "screen-beat");
            t.setDaemon(true);
            return t;
          });

  public ScreenServer(ProtocolCodec codec, Outbound toServer) {
    this.codec = codec;
    this.app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/kiosk-ui";
                    files.location = Location.CLASSPATH;
                    files.headers = SECURITY_HEADERS;
                  });
              // The protocol module both browsers share, from the protocol jar.
              c.staticFiles.add(
                  files -> {
                    files.hostedPath = "/protocol";
                    files.directory = "/protocol/web";
                    files.location = Location.CLASSPATH;
                    files.headers = SECURITY_HEADERS;
                  });
              c.staticFiles.enableWebjars();
              // A finger-drawn signature is sent as strokes; long signatures exceed Jetty's 64 KB
              // default.
              c.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(4L * 1024 * 1024));
            });
    app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
    app.wsBeforeUpgrade("/bridge", ctx -> requireOwnPage(ctx.header("Origin")));
    app.ws(
        "/bridge",
        ws -> {
          ws.onConnect(
              ctx -> {
                screens.add(ctx);
                // kiosk-app learns of the screen before the screen is greeted: once a screen has
                // seen kiosk.link,
                // nothing about its arrival is still to happen (a call that starts later is not
                // "rejoined").
                onScreenConnected.run();
                String hello = greeting.get();
                if (hello != null) {
                  send(ctx, hello);
                }
              });
          ws.onMessage(
              ctx -> {
                try {
                  Envelope msg = codec.decode(ctx.message());
                  if (!msg.type().maySend(Sender.KIOSK)) {
                    send(
                        ctx,
                        codec.error(
                            ErrorCode.FORBIDDEN,
                            "The kiosk screen may not send " + msg.type().wireName() + ".",
                            msg.id()));
                  } else if (!toServer.send(msg, ctx.message())) {
                    send(
                        ctx,
                        codec.error(
                            ErrorCode.CONFLICT,
                            "This kiosk is offline at the moment; try again shortly.",
                            msg.id()));
                  }
                } catch (ProtocolException e) {
                  send(ctx, codec.error(e));
                }
              });
          ws.onClose(ctx -> gone(ctx));
          ws.onError(ctx -> gone(ctx));
        });
  }

  private void gone(WsContext ctx) {
    if (screens.remove(ctx)) {
      onScreenGone.run();
    }
  }

  /**
   * Told when a screen connects (a page load, a reload) and when one goes (a reload, a renderer
   * crash).
   */
  public ScreenServer onScreens(Runnable connected, Runnable gone) {
    this.onScreenConnected = connected;
    this.onScreenGone = gone;
    return this;
  }

  /**
   * Repeats the greeting ({@code kiosk.link}) to every screen this often. A call where nobody
   * touches anything still has traffic on the loopback socket, so nothing in between counts it
   * idle, and the screen can tell kiosk-app has stopped when the beats stop.
   */
  public ScreenServer beatEvery(java.time.Duration every) {
    beat.scheduleAtFixedRate(
        () -> {
          String hello = greeting.get();
          if (hello != null) {
            broadcast(hello);
          }
        },
        every.toMillis(),
        every.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return this;
  }

  private void requireOwnPage(String origin) {
    if (origin == null
        || !(origin.equals("http://127.0.0.1:" + app.port())
            || origin.equals("http://localhost:" + app.port()))) {
      throw new io.javalin.http.ForbiddenResponse("Only the kiosk's own page may use the bridge.");
    }
  }

  /**
   * Sends a photo the page captured on to the server; returns null when it was acknowledged, or
   * words for people.
   */
  public interface PhotoRelay {
    String send(String photoId, byte[] jpeg) throws InterruptedException;
  }

  /**
   * {@code POST /devices/photos/{id}} (the kiosk's own page only): the page captured an ID photo
   * from the call's camera; kiosk-app uploads it with the kiosk's credentials, which the page never
   * holds.
   */
  public ScreenServer relayPhotos(PhotoRelay relay) {
    app.post(
        "/devices/photos/{id}",
        ctx -> {
          requireOwnPage(ctx.header("Origin"));
          byte[] jpeg = ctx.bodyInputStream().readNBytes(15 * 1024 * 1024 + 1);
          if (jpeg.length > 15 * 1024 * 1024) {
            ctx.status(413).json(java.util.Map.of("error", "The photo is too large."));
            return;
          }
          String problem = relay.send(ctx.pathParam("id"), jpeg);
          if (problem == null) {
            ctx.status(202).json(java.util.Map.of("sent", true));
          } else {
            ctx.status(502).json(java.util.Map.of("error", problem));
          }
        });
    return this;
  }

  /**
   * {@code POST /speech} (the kiosk's own page only): the page asks for its screen's words read
   * aloud, {@code {"text": "...", "language": "pl"}}, and gets a WAV to play; {@code DELETE
   * /speech} stops speech still being made. Local to the kiosk: nothing of it goes to the server
   * (ADR 0041).
   */
  public ScreenServer serveSpeech(SpeechEngine speech) {
    // Room for the longest text allowed in UTF-8 (up to 4 bytes a character) and the JSON around
    // it; anything longer is refused before it is read into memory.
    int maxBody = speech.maxChars() * 4 + 1024;
    app.post(
        "/speech",
        ctx -> {
          requireOwnPage(ctx.header("Origin"));
          byte[] body = ctx.bodyInputStream().readNBytes(maxBody + 1);
          try {
            if (body.length > maxBody) {
              throw new SpeechRefused(
                  SpeechRefused.Why.TOO_LONG,
                  "The text to read aloud is too long; at most "
                      + speech.maxChars()
                      + " characters can be read at once.");
            }
            com.fasterxml.jackson.databind.JsonNode request = speechRequest(body);
            byte[] wav =
                speech.speak(request.get("text").asText(), request.get("language").asText());
            ctx.contentType("audio/wav").result(wav);
          } catch (SpeechRefused e) {
            ctx.status(e.why().status()).json(Map.of("error", e.getMessage()));
          }
        });
    app.delete(
        "/speech",
        ctx -> {
          requireOwnPage(ctx.header("Origin"));
          speech.stop();
          ctx.status(204);
        });
    return this;
  }

  private com.fasterxml.jackson.databind.JsonNode speechRequest(byte[] body) throws SpeechRefused {
    com.fasterxml.jackson.databind.JsonNode request;
    try {
      request = codec.json().readTree(body);
    } catch (java.io.IOException e) {
      request = null;
    }
    if (request == null
        || !request.isObject()
        || !request.path("text").isTextual()
        || !request.path("language").isTextual()) {
      throw new SpeechRefused(
          SpeechRefused.Why.BAD_REQUEST,
          "Ask for speech with {\"text\": \"...\", \"language\": \"en\"}.");
    }
    return request;
  }

  /**
   * {@code GET /lang/index.json} (the languages offered) and {@code GET /lang/{code}.json} (one
   * language's words, the council's corrections merged in): routes win over the static files, so
   * the page never sees a built-in catalogue without its council's corrections.
   */
  public ScreenServer serveLanguages(LanguageCatalogues languages) {
    app.get("/lang/index.json", ctx -> ctx.json(languages.index()));
    app.get(
        "/lang/{file}",
        ctx -> {
          String file = ctx.pathParam("file");
          String code = file.endsWith(".json") ? file.substring(0, file.length() - 5) : "";
          var catalogue = languages.catalogue(code);
          if (catalogue.isEmpty()) {
            ctx.status(404).json(java.util.Map.of("error", "This kiosk has no such language."));
          } else {
            ctx.json(catalogue.get());
          }
        });
    return this;
  }

  /** {@code GET /council-logo}: the council's logo, once kiosk-app has it from the server. */
  public ScreenServer serveLogo(CouncilLogo logo) {
    app.get(
        "/council-logo",
        ctx -> {
          var image = logo.image();
          if (image.isEmpty()) {
            ctx.status(404);
            return;
          }
          ctx.contentType(image.get().type()).result(image.get().bytes());
        });
    return this;
  }

  public ScreenServer start(int port) {
    app.start("127.0.0.1", port);
    return this;
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** How many pages are connected to the bridge (the JCEF window, or a test's browser). */
  public int connectedScreens() {
    return screens.size();
  }

  /**
   * Where the {@code kiosk.link} message comes from: each screen gets it on connecting and on every
   * beat.
   */
  public void greetWith(java.util.function.Supplier<String> kioskLinkMessage) {
    greeting = kioskLinkMessage;
  }

  /** Sends the greeting to every screen now (the link came up or went down). */
  public void greetAll() {
    String hello = greeting.get();
    if (hello != null) {
      broadcast(hello);
    }
  }

  public void broadcast(String text) {
    for (WsContext ctx : screens) {
      send(ctx, text);
    }
  }

  private static void send(WsContext ctx, String text) {
    if (ctx.session.isOpen()) {
      ctx.session.getRemote().sendString(text, WriteCallback.NOOP);
    }
  }

  @Override
  public void close() {
    beat.shutdownNow();
    app.stop();
  }
}
