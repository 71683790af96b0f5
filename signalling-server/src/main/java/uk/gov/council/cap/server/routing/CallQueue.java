package uk.gov.council.cap.server.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Residents waiting for an advisor, oldest first, and the places kept for kiosks that dropped while
 * waiting (or were waiting when the server restarted). Touched only on the desk's thread.
 */
final class CallQueue {
  private final List<QueueEntry> waiting = new ArrayList<>();
  private final Map<String, Suspended> suspended = new LinkedHashMap<>();

  private record Suspended(QueueEntry entry, Instant since) {}

  /** The waiting calls in queue order; the router walks this list. */
  List<QueueEntry> entries() {
    return waiting;
  }

  void insertInOrder(QueueEntry entry) {
    int i = 0;
    while (i < waiting.size() && !waiting.get(i).queuedAt.isAfter(entry.queuedAt)) {
      i++;
    }
    waiting.add(i, entry);
  }

  void remove(QueueEntry entry) {
    waiting.remove(entry);
  }

  Optional<QueueEntry> byId(String callId) {
    return waiting.stream().filter(e -> e.callId.equals(callId)).findFirst();
  }

  Optional<QueueEntry> ofKiosk(String kioskId) {
    return waiting.stream().filter(e -> e.kioskId.equals(kioskId)).findFirst();
  }

  /** 1 for the first resident waiting on this entry's theme. */
  int positionOf(QueueEntry entry) {
    int position = 1;
    for (QueueEntry other : waiting) {
      if (other == entry) {
        break;
      }
      if (other.theme.equals(entry.theme)) {
        position++;
      }
    }
    return position;
  }

  /** Keeps the call's place for a while: kiosk-app resumes it when its network comes back. */
  void suspend(QueueEntry entry, Instant now) {
    suspended.put(entry.callId, new Suspended(entry, now));
  }

  /** The kept call, if this kiosk's; it leaves the kept places. */
  Optional<QueueEntry> takeSuspended(String callId, String kioskId) {
    Suspended s = suspended.get(callId);
    if (s == null || !s.entry().kioskId.equals(kioskId)) {
      return Optional.empty();
    }
    suspended.remove(callId);
    return Optional.of(s.entry());
  }

  int suspendedCount() {
    return suspended.size();
  }

  /** The kept calls whose kiosk did not come back within {@code grace}; they leave the places. */
  List<QueueEntry> takeAbandoned(Instant now, Duration grace) {
    List<QueueEntry> gone = new ArrayList<>();
    for (Iterator<Suspended> it = suspended.values().iterator(); it.hasNext(); ) {
      Suspended s = it.next();
      if (Duration.between(s.since(), now).compareTo(grace) >= 0) {
        it.remove();
        gone.add(s.entry());
      }
    }
    return gone;
  }

  /** The queue as the console shows it. */
  ObjectNode snapshot(ObjectMapper json, Instant now) {
    ObjectNode root = json.createObjectNode();
    var entries = root.putArray("entries");
    waiting.stream()
        .sorted(Comparator.comparing(e -> e.queuedAt))
        .forEach(
            e -> {
              ObjectNode n = entries.addObject();
              n.put("callId", e.callId);
              n.put("kioskName", e.kioskName);
              n.put("siteName", e.siteName);
              n.put("theme", e.theme);
              n.put("language", e.language);
              n.put("queuedAt", e.queuedAt.toString());
              n.put("offered", e.isOffered());
            });
    root.put("serverTime", now.toString());
    return root;
  }
}
