package uk.gov.council.cap.provisioning.selftest;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.net.ssl.SSLSocketFactory;

/**
 * Asks a TURN (or STUN) server for a STUN Binding (RFC 5389) over the transport its URL names, the
 * way a browser's first packet to it would go: if this gets an answer, this kiosk's network lets
 * call media reach the TURN server.
 */
public final class StunProbe {
  private static final int MAGIC_COOKIE = 0x2112A442;
  private final int timeoutMillis;
  private final SecureRandom random = new SecureRandom();

  public StunProbe(int timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * What a TURN URL names: {@code turn:host[:port][?transport=udp|tcp]} or {@code
   * turns:host[:port]}.
   */
  public record Target(String host, int port, String transport) {
    public static Target parse(String url) {
      boolean tls = url.startsWith("turns:") || url.startsWith("stuns:");
      String rest = url.substring(url.indexOf(':') + 1);
      String transport = tls ? "tls" : "udp";
      int q = rest.indexOf('?');
      if (q >= 0) {
        String query = rest.substring(q + 1);
        rest = rest.substring(0, q);
        if (!tls && query.contains("transport=tcp")) {
          transport = "tcp";
        }
      }
      String host = rest;
      int port = tls ? 5349 : 3478;
      int colon = rest.lastIndexOf(':');
      if (colon > 0 && !rest.endsWith("]")) {
        host = rest.substring(0, colon);
        port = Integer.parseInt(rest.substring(colon + 1));
      }
      return new Target(host.replace("[", "").replace("]", ""), port, transport);
    }

    @Override
    public String toString() {
      return host + ":" + port + " over " + transport.toUpperCase();
    }
  }

  /** Round-trip time in milliseconds; throws with the reason when there is no answer. */
  public long probe(Target t) throws IOException {
    byte[] request = bindingRequest();
    long started = System.nanoTime();
    byte[] header =
        switch (t.transport()) {
          case "udp" -> overUdp(t, request);
          case "tcp" -> overStream(new Socket(), t, request);
          default -> overStream(SSLSocketFactory.getDefault().createSocket(), t, request);
        };
    long millis = (System.nanoTime() - started) / 1_000_000;
    ByteBuffer b = ByteBuffer.wrap(header);
    int type = b.getShort() & 0xffff;
    b.getShort();
    if (b.getInt() != MAGIC_COOKIE
        || !Arrays.equals(Arrays.copyOfRange(header, 8, 20), Arrays.copyOfRange(request, 8, 20))) {
      throw new IOException("something answered at " + t + ", but not a STUN/TURN server");
    }
    if (type != 0x0101 && type != 0x0111) {
      throw new IOException(
          "an unexpected STUN message type 0x" + Integer.toHexString(type) + " came back");
    }
    return millis;
  }

  private byte[] bindingRequest() {
    ByteBuffer b = ByteBuffer.allocate(20);
    b.putShort((short) 0x0001).putShort((short) 0).putInt(MAGIC_COOKIE);
    byte[] id = new byte[12];
    random.nextBytes(id);
    b.put(id);
    return b.array();
  }

  private byte[] overUdp(Target t, byte[] request) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(timeoutMillis);
      InetSocketAddress to = new InetSocketAddress(t.host(), t.port());
      byte[] buffer = new byte[1500];
      // UDP may lose a packet: three tries within the timeout.
      for (int attempt = 0; attempt < 3; attempt++) {
        socket.send(new DatagramPacket(request, request.length, to));
        try {
          DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
          socket.setSoTimeout(timeoutMillis / 3);
          socket.receive(reply);
          if (reply.getLength() >= 20) {
            return Arrays.copyOf(reply.getData(), 20);
          }
        } catch (SocketTimeoutException e) {
          // try again
        }
      }
      throw new SocketTimeoutException(
          "no answer from " + t + " within " + timeoutMillis + " ms (UDP may be blocked)");
    }
  }

  private byte[] overStream(Socket socket, Target t, byte[] request) throws IOException {
    try (socket) {
      socket.connect(new InetSocketAddress(t.host(), t.port()), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] header = new byte[20];
      new DataInputStream(in).readFully(header);
      return header;
    }
  }
}
