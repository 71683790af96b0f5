package uk.gov.council.cap.server.staff;

import io.javalin.Javalin;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsHandlerType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The server's own list of its routes with who may use each, read from Javalin's router after every
 * route is registered. The server refuses to start with a route that declares nobody (or mixes
 * {@link Access#PUBLIC} with anyone else, which would mean nothing), and the route × role matrix
 * test calls every route listed here as every kind of caller.
 */
public final class RouteDeclarations {
  private RouteDeclarations() {}

  /**
   * One route: an HTTP method (or {@code WS} for a WebSocket endpoint), its path, and who may use
   * it.
   */
  public record Route(String method, String path, Set<RouteRole> roles) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  public static List<Route> of(Javalin app) {
    var router = app.unsafeConfig().pvt.internalRouter;
    Stream<Route> http =
        router.allHttpHandlers().stream()
            .map(p -> p.getEndpoint())
            .filter(e -> e.getMethod().isHttpMethod())
            .map(e -> new Route(e.getMethod().name(), e.getPath(), Set.copyOf(e.getRoles())));
    Stream<Route> ws =
        router.allWsHandlers().stream()
            .filter(w -> w.getType() == WsHandlerType.WEBSOCKET)
            .map(w -> new Route("WS", w.getPath(), Set.copyOf(w.getRoles())));
    List<Route> all = new ArrayList<>(Stream.concat(http, ws).toList());
    all.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
    return List.copyOf(all);
  }

  /**
   * Fails (naming each offender) when a route declares nobody, or declares PUBLIC alongside someone
   * else.
   */
  public static void requireAll(Javalin app) {
    List<String> problems = new ArrayList<>();
    for (Route r : of(app)) {
      if (r.roles().isEmpty()) {
        problems.add(
            r
                + " declares nobody: pass Access.PUBLIC, Access.KIOSK or the staff roles that may use it");
      } else if (r.roles().contains(Access.PUBLIC) && r.roles().size() > 1) {
        problems.add(r + " declares Access.PUBLIC with others: public already means everyone");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Every route must declare who may use it:\n  " + String.join("\n  ", problems));
    }
  }
}
