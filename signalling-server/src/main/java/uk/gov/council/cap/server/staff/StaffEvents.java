package uk.gov.council.cap.server.staff;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between where staff sign-in state changes (sign-out, an account turned off, a new role)
 * and whatever holds something open on behalf of that person: today the console sockets. Listeners
 * run on the thread that made the change, after the database has it, so a socket is closed before
 * the change's request has even been answered.
 */
public final class StaffEvents {
  private static final Logger LOG = LoggerFactory.getLogger(StaffEvents.class);

  public interface Listener {
    /** One session ended: the one whose token hashes to {@code tokenHash}. */
    void sessionEnded(String tokenHash, SessionEnd why);

    /** Every session of one member of staff ended. */
    void allSessionsEnded(String staffId, SessionEnd why);
  }

  /**
   * Someone's details changed without their sessions ending (their themes, sites or languages):
   * told the member as they are now, so whatever routes calls uses the new skills from the next
   * offer.
   */
  public interface ChangeListener {
    void staffChanged(StaffMember now);
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final List<ChangeListener> changeListeners = new CopyOnWriteArrayList<>();

  public void subscribe(Listener listener) {
    listeners.add(listener);
  }

  public void subscribeChanges(ChangeListener listener) {
    changeListeners.add(listener);
  }

  void staffChanged(StaffMember now) {
    for (ChangeListener l : changeListeners) {
      try {
        l.staffChanged(now);
      } catch (RuntimeException e) {
        LOG.warn("Passing on a change of staff details failed", e);
      }
    }
  }

  void sessionEnded(String tokenHash, SessionEnd why) {
    for (Listener l : listeners) {
      try {
        l.sessionEnded(tokenHash, why);
      } catch (RuntimeException e) {
        LOG.warn("Ending a session's connections failed", e);
      }
    }
  }

  void allSessionsEnded(String staffId, SessionEnd why) {
    for (Listener l : listeners) {
      try {
        l.allSessionsEnded(staffId, why);
      } catch (RuntimeException e) {
        LOG.warn("Ending a person's connections failed", e);
      }
    }
  }
}
