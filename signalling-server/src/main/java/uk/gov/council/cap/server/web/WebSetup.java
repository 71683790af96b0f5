package uk.gov.council.cap.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Static files, security headers and error bodies: the HTTP conventions every route shares. */
public final class WebSetup {
    private static final Logger LOG = LoggerFactory.getLogger(WebSetup.class);

    /** No inline script or style anywhere; media from the camera and the peer only. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:;"
                    + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");

    private WebSetup() {
    }

    public static void configure(JavalinConfig config) {
        config.showJavalinBanner = false;
        config.http.maxRequestSize = 1_000_000L;
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = SECURITY_HEADERS;
        });
        config.staticFiles.enableWebjars();
    }

    public static void registerErrorHandling(Javalin app) {
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
        app.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
        app.exception(ApiError.class, (e, ctx) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (!e.details().isEmpty()) {
                body.put("details", e.details());
            }
            ctx.status(e.status()).json(body);
        });
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            if (isBadJson(e)) {
                ctx.status(400).json(Map.of("error", "The request body is not valid for this request: " + shortReason(e)));
                return;
            }
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "Something went wrong on the server. Nothing was changed. Try again, and tell IT if it keeps happening."));
        });
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
