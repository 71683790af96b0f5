package uk.gov.council.cap.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a socket bound to a chosen local address. The server sees the peer
 * address of the connection (it trusts no X-Forwarded-For), and on loopback every client would be
 * 127.0.0.1; binding the socket to another address of 127.0.0.0/8 lets one machine play a second
 * desk or an attacker elsewhere. The JDK's HttpClient cannot choose its local address on Java 17.
 */
final class RawHttp implements AutoCloseable {
  record Response(int status, Map<String, String> headers, String body) {}

  private final InetAddress local;
  private final int port;
  private final boolean keepAlive;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttp(InetAddress local, int port, boolean keepAlive) {
    this.local = local;
    this.port = port;
    this.keepAlive = keepAlive;
  }

  Response postJson(String path, String json) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + body.length
            + "\r\nConnection: "
            + (keepAlive ? "keep-alive" : "close")
            + "\r\n\r\n";
    try {
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      Response r = read();
      if (!keepAlive || "close".equalsIgnoreCase(r.headers().get("connection"))) {
        close();
      }
      return r;
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.merge(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          h.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
      close();
    }
    return new Response(code, headers, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("Connection closed mid-response");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
      socket = null;
    }
  }
}
