package uk.gov.council.cap.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.ServerConfig;

/** Static files, security headers and error bodies: the HTTP conventions every route shares. */
public final class WebSetup {
  private static final Logger LOG = LoggerFactory.getLogger(WebSetup.class);

  /** No inline script or style anywhere; media from the camera and the peer only. */
  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:;"
                  + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "X-Frame-Options", "DENY",
          "Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");

  private WebSetup() {}

  /**
   * The security headers this server sends: {@link #SECURITY_HEADERS}, and
   * Strict-Transport-Security when the server speaks TLS itself or sits behind a proxy that does.
   */
  public static Map<String, String> securityHeaders(ServerConfig server) {
    Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
    if (server.tls().isPresent() || server.hsts().behindTlsProxy()) {
      headers.put("Strict-Transport-Security", "max-age=" + server.hsts().maxAge().toSeconds());
    }
    return Map.copyOf(headers);
  }

  public static void configure(JavalinConfig config, ServerConfig server) {
    ServerConfig.Limits limits = server.limits();
    config.showJavalinBanner = false;
    // Javalin checks only a declared Content-Length; BodyLimit counts every body as it streams in
    // and answers
    // in our words, so Javalin's own check is set to the largest body any route takes.
    config.http.maxRequestSize = limits.largestBody();
    config.jetty.modifyServletContextHandler(
        handler ->
            handler.addFilter(
                new FilterHolder(new BodyLimit(limits.bodyBytes(), limits.largestBody())),
                "/*",
                EnumSet.of(DispatcherType.REQUEST)));
    // Messages between the limit and twice it are read and answered with too_large (the socket
    // stays open);
    // past twice the limit Jetty stops reading and closes the socket with 1009 (docs/protocol.md).
    config.jetty.modifyWebSocketServletFactory(
        f -> f.setMaxTextMessageSize(2L * limits.socketMessageBytes()));
    Map<String, String> headers = securityHeaders(server);
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/console";
          files.location = Location.CLASSPATH;
          files.headers = headers;
        });
    // The browsers' protocol module (constants, envelope, socket, el()), from the protocol jar.
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/protocol";
          files.directory = "/protocol/web";
          files.location = Location.CLASSPATH;
          files.headers = headers;
        });
    config.staticFiles.enableWebjars();
  }

  public static void registerErrorHandling(Javalin app, ServerConfig server) {
    Map<String, String> headers = securityHeaders(server);
    app.before(ctx -> headers.forEach(ctx::header));
    app.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
    app.exception(
        ApiError.class,
        (e, ctx) -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("error", e.getMessage());
          if (!e.details().isEmpty()) {
            body.put("details", e.details());
          }
          ctx.status(e.status()).json(body);
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          BodyLimit.TooLarge tooLarge = causeOfType(e, BodyLimit.TooLarge.class);
          if (tooLarge != null) {
            try {
              BodyLimit.answer(ctx.res(), tooLarge);
            } catch (java.io.IOException gone) {
              LOG.debug("Could not answer a body that was too large: {}", gone.toString());
            }
            return;
          }
          if (isBadJson(e)) {
            ctx.status(400)
                .json(
                    Map.of(
                        "error",
                        "The request body is not valid for this request: " + shortReason(e)));
            return;
          }
          LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
          ctx.status(500)
              .json(
                  Map.of(
                      "error",
                      "Something went wrong on the server. Nothing was changed. Try again, and tell IT if it keeps happening."));
        });
  }

  private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean isBadJson(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException) {
        return true;
      }
    }
    return false;
  }

  private static String shortReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException j) {
        String m = j.getOriginalMessage();
        return m.length() > 200 ? m.substring(0, 200) : m;
      }
    }
    return "unreadable JSON";
  }
}
