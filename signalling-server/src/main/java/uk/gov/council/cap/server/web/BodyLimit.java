package uk.gov.council.cap.server.web;

import io.javalin.http.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Counts every request body as it streams in and refuses it the moment it passes its route's limit,
 * so a body sent in chunks (no Content-Length to check up front) can never make the server hold
 * more than the limit. Every body may be {@code defaultBytes}; an upload route raises its own
 * request's limit with {@link #allow} before reading. A body that declares more than the largest
 * limit of any route is refused before routing.
 */
public final class BodyLimit implements Filter {
  private static final String ATTRIBUTE = BodyLimit.class.getName();

  private final int defaultBytes;
  private final int largestBytes;

  public BodyLimit(int defaultBytes, int largestBytes) {
    this.defaultBytes = defaultBytes;
    this.largestBytes = largestBytes;
  }

  /**
   * Read past its limit: answered 413 by {@link WebSetup}'s error handling, and the connection is
   * not reused.
   */
  public static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("The request is too large. Send at most " + human(limit) + ".");
    }
  }

  /**
   * Lets this request's body be up to {@code bytes} (an upload route, before it reads the body).
   */
  public static void allow(Context ctx, int bytes) {
    if (ctx.req().getAttribute(ATTRIBUTE) instanceof Limited limited) {
      limited.limit = bytes;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    long declared = http.getContentLengthLong();
    boolean chunked = http.getHeader("Transfer-Encoding") != null;
    if (declared > largestBytes) {
      answer((HttpServletResponse) res, new TooLarge(largestBytes));
      return;
    }
    if (declared <= 0 && !chunked) {
      chain.doFilter(req, res);
      return;
    }
    Limited limited = new Limited(http, defaultBytes);
    http.setAttribute(ATTRIBUTE, limited);
    chain.doFilter(limited, res);
  }

  /**
   * Answers 413 and sends it at once: Jetty then discards whatever of the body is still arriving
   * before it closes the connection, and a client that reads the answer stops sending sooner.
   */
  static void answer(HttpServletResponse res, TooLarge e) throws IOException {
    res.setStatus(413);
    res.setHeader("Connection", "close");
    res.setContentType("application/json");
    byte[] body = ("{\"error\":\"" + e.getMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    res.flushBuffer();
  }

  static String human(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1_000_000) {
      return Math.round(bytes / 1_000_000.0) + " MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " bytes";
  }

  /** The request as the routes see it: its body stops at the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long declared;
    private volatile long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.declared = request.getContentLengthLong();
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private final class Counting extends ServletInputStream {
      private final ServletInputStream in;
      private long read;

      Counting(ServletInputStream in) {
        this.in = in;
      }

      private void check(long more) throws TooLarge {
        if (declared > limit) {
          throw new TooLarge(limit);
        }
        read += more;
        if (read > limit) {
          throw new TooLarge(limit);
        }
      }

      @Override
      public int read() throws IOException {
        check(0);
        int b = in.read();
        if (b >= 0) {
          check(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check(0);
        // Never ask for more than one byte past the limit: that byte is enough to know it was
        // passed.
        int n = in.read(b, off, (int) Math.min(len, Math.max(1, limit - read + 1)));
        if (n > 0) {
          check(n);
        }
        return n;
      }

      @Override
      public boolean isFinished() {
        return in.isFinished();
      }

      @Override
      public boolean isReady() {
        return in.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
      }
    }
  }
}
