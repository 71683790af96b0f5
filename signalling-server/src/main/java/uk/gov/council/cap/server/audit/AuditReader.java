package uk.gov.council.cap.server.audit;

import io.javalin.http.Context;

/**
 * Who is reading an audit trail, as the log names them. The staff package knows who is signed in
 * and the composition root says how to ask it, so that {@code audit}, which every feature writes
 * to, depends on none of them.
 */
@FunctionalInterface
public interface AuditReader {
  String auditName(Context ctx);
}
