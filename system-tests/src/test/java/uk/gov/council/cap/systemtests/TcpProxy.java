package uk.gov.council.cap.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network between kiosk-app and the server, on loopback, with a hand on the cable. Everything
 * sent to {@link #port()} is passed on to the target port, byte for byte, until the test breaks it:
 *
 * <ul>
 *   <li>{@link #cut()}: every live connection is reset (RST, no FIN) and new ones are reset as they
 *       arrive, as when a router restarts. Both ends notice at once.
 *   <li>{@link #blackhole()}: connections stay open but no byte moves in either direction, and no
 *       FIN or RST is ever seen, as when a cable is pulled or a switch dies. Only a peer that
 *       listens for silence notices. Connections opened during the outage never get through: they
 *       are reset when it ends (their opener has given up by then, or will retry), so no stale
 *       handshake arrives at the server late.
 *   <li>{@link #refuse(String)}: only connections whose first request contains a marker (say, the
 *       WebSocket's {@code GET /ws/kiosk}) are reset, now and as they are opened again, while the
 *       rest carry on: a firewall or proxy that drops long-lived connections.
 *   <li>{@link #restore()}: bytes flow again; held bytes of connections that survived a blackhole
 *       are delivered.
 * </ul>
 *
 * A {@link Trap} breaks the network at an exact moment: when a request is seen, or when the answer
 * to it comes back (the server has done the work but the client never hears so: the case that needs
 * idempotent retries).
 */
public final class TcpProxy implements AutoCloseable {
  /** What a trap does when it springs. */
  public enum Fault {
    /** Resets only the connection the trap saw; the rest of the network carries on. */
    RESET_CONNECTION,
    /** {@link #cut()}: the whole network. */
    CUT,
    /** {@link #blackhole()}: the whole network. */
    BLACKHOLE
  }

  private enum State {
    OPEN,
    CUT,
    BLACKHOLE
  }

  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private final List<Trap> traps = new CopyOnWriteArrayList<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private State state = State.OPEN;
  private volatile boolean closed;
  private int accepted;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot open the proxy's port", e);
    }
    Thread t = new Thread(this::acceptLoop, "tcp-proxy-accept-" + port());
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}, for a client that should go through the proxy. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Resets every live connection and every new one until {@link #restore()}. */
  public void cut() {
    synchronized (lock) {
      state = State.CUT;
      lock.notifyAll();
    }
    live.forEach(Connection::reset);
  }

  /** Stops every byte, in both directions, without closing anything, until {@link #restore()}. */
  public void blackhole() {
    synchronized (lock) {
      if (state == State.OPEN) {
        state = State.BLACKHOLE;
      }
    }
  }

  /**
   * Resets every connection whose first request contains {@code marker}, and each new one, until
   * {@link #restore()}.
   */
  public void refuse(String marker) {
    refused.add(marker);
    live.stream()
        .filter(c -> c.opening != null && c.opening.contains(marker))
        .forEach(Connection::reset);
  }

  /** The network works again. */
  public void restore() {
    refused.clear();
    synchronized (lock) {
      state = State.OPEN;
      lock.notifyAll();
    }
  }

  /** Connections passing through now (both ends open). */
  public int liveConnections() {
    return live.size();
  }

  /** Connections accepted since the proxy started. */
  public int acceptedConnections() {
    synchronized (lock) {
      return accepted;
    }
  }

  /**
   * Springs {@code fault} when a client sends bytes containing {@code marker} (the chunk is not
   * passed on).
   */
  public Trap onRequest(String marker, Fault fault) {
    Trap t = new Trap(marker, fault, false);
    traps.add(t);
    return t;
  }

  /**
   * Springs {@code fault} when the server's first bytes come back on a connection that carried
   * {@code marker}: the server has handled the request, but its answer is lost (or, for a
   * blackhole, held).
   */
  public Trap onAnswer(String marker, Fault fault) {
    Trap t = new Trap(marker, fault, true);
    traps.add(t);
    return t;
  }

  /** A one-shot fault armed on the proxy. */
  public final class Trap {
    private final String marker;
    private final Fault fault;
    private final boolean onAnswer;
    private final AtomicBoolean sprung = new AtomicBoolean();
    private final CountDownLatch fired = new CountDownLatch(1);

    private Trap(String marker, Fault fault, boolean onAnswer) {
      this.marker = marker;
      this.fault = fault;
      this.onAnswer = onAnswer;
    }

    /** Waits until the trap has sprung; false if it did not within {@code timeout}. */
    public boolean awaitSprung(Duration timeout) throws InterruptedException {
      return fired.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean sprung() {
      return fired.getCount() == 0;
    }

    private boolean claim() {
      return sprung.compareAndSet(false, true);
    }

    private void spring(Connection c) {
      traps.remove(this);
      switch (fault) {
        case RESET_CONNECTION -> c.reset();
        case CUT -> cut();
        case BLACKHOLE -> blackhole();
      }
      fired.countDown();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      Connection c = new Connection(client);
      synchronized (lock) {
        accepted++;
      }
      Thread t = new Thread(c::open, "tcp-proxy-conn-" + client.getPort());
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * Blocks while the network is blackholed; false when the connection must not carry on (cut, reset
   * or closed).
   */
  private boolean mayForward(Connection c) {
    synchronized (lock) {
      while (state == State.BLACKHOLE && !c.dead && !closed) {
        try {
          lock.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return state == State.OPEN && !c.dead && !closed;
    }
  }

  /** One client connection and its connection to the target. */
  private final class Connection {
    private final Socket client;
    private volatile Socket upstream;
    private volatile boolean dead;
    private volatile Trap answerTrap;

    /**
     * The first bytes the client sent (its request line and headers), to tell connections apart.
     */
    private volatile String opening;

    private int pumpsLeft = 2;

    Connection(Socket client) {
      this.client = client;
    }

    void open() {
      State at;
      synchronized (lock) {
        at = state;
      }
      // Opened during an outage: wait for it to end, then refuse it (see the class comment).
      if (at != State.OPEN) {
        mayForward(this);
        reset();
        return;
      }
      try {
        Socket up = new Socket();
        up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
        up.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        upstream = up;
      } catch (IOException e) {
        // Nothing listens there (the server is down): the client sees its connection reset.
        reset();
        return;
      }
      live.add(this);
      synchronized (lock) {
        if (state == State.CUT) {
          reset();
          return;
        }
      }
      Thread back =
          new Thread(() -> pump(upstream, client, true), "tcp-proxy-down-" + client.getPort());
      back.setDaemon(true);
      back.start();
      pump(client, upstream, false);
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
      byte[] buffer = new byte[64 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        while (true) {
          int n = in.read(buffer);
          if (n < 0) {
            if (mayForward(this)) {
              to.shutdownOutput();
            }
            break;
          }
          // A trap that springs on this chunk decides its fate: lost (reset, cut) or held
          // (blackhole).
          springTraps(buffer, n, fromServer);
          if (!mayForward(this)) {
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side went away, or the test reset the connection: the other side goes too.
        reset();
      } finally {
        finishPump();
      }
    }

    private void springTraps(byte[] buffer, int n, boolean fromServer) {
      if (!fromServer && opening == null) {
        opening = new String(buffer, 0, Math.min(n, 2048), StandardCharsets.ISO_8859_1);
        if (refused.stream().anyMatch(opening::contains)) {
          reset();
          return;
        }
      }
      if (fromServer) {
        Trap t = answerTrap;
        if (t != null) {
          answerTrap = null;
          t.spring(this);
        }
        return;
      }
      if (traps.isEmpty()) {
        return;
      }
      String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
      for (Trap t : traps) {
        if (text.contains(t.marker) && t.claim()) {
          if (t.onAnswer) {
            traps.remove(t);
            answerTrap = t;
          } else {
            t.spring(this);
            return;
          }
        }
      }
    }

    private void finishPump() {
      boolean last;
      synchronized (this) {
        last = --pumpsLeft == 0;
      }
      if (last) {
        closeQuietly(client);
        closeQuietly(upstream);
        live.remove(this);
      }
    }

    /** Drops both ends with RST, not FIN: what a peer sees when the network breaks under it. */
    void reset() {
      dead = true;
      abort(client);
      abort(upstream);
      live.remove(this);
    }
  }

  private static void abort(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // already closed
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    live.forEach(Connection::reset);
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
