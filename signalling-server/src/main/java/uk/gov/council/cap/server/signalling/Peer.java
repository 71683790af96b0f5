package uk.gov.council.cap.server.signalling;

/** One live WebSocket connection, as the call desk sees it: something to send text to. */
public interface Peer {
  /** Queues a text frame without blocking the caller; a slow peer never stalls the desk. */
  void send(String text);

  /** Closes the connection with a WebSocket close code and a reason people can read in logs. */
  void close(int code, String reason);

  /** Drops the connection without a closing handshake: for a peer that no longer answers. */
  default void abort() {
    close(1001, "Gone");
  }
}
