package uk.gov.council.cap.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2 trigger that makes the database refuse any UPDATE or DELETE of the audit log. */
public class AppendOnlyTrigger implements Trigger {
  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("audit_log is append-only");
  }
}
