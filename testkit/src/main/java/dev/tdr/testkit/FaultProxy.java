package dev.tdr.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of an HTTP endpoint (the emulator's S3, say) that resets connections in the
 * middle of a response body, as a flaky network does: the client sees {@code Connection reset}
 * after some bytes of the body arrived. Requests are matched by their request line's path.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(emu.s3Endpoint())) {
 *   proxy.resetAfter("_part_00", 48 << 10, 1);     // the next matching response: reset 48 KB in
 *   // point the client's S3 endpoint at proxy.endpoint()
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  private static final class Rule {
    final Pattern path;
    final long afterBodyBytes;
    int remaining;

    Rule(Pattern path, long afterBodyBytes, int remaining) {
      this.path = path;
      this.afterBodyBytes = afterBodyBytes;
      this.remaining = remaining;
    }
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Rule> rules = new ArrayList<>();
  private final AtomicInteger resets = new AtomicInteger();
  private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port forwarding to {@code endpoint} ({@code http://host:port}). */
  public static FaultProxy start(URI endpoint) {
    try {
      return new FaultProxy(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fault proxy: " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:PORT} of the proxy. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * The next {@code times} responses to requests whose path matches {@code pathRegex} (found
   * anywhere in it) are cut by a TCP reset after {@code afterBodyBytes} bytes of their body.
   */
  public synchronized FaultProxy resetAfter(String pathRegex, long afterBodyBytes, int times) {
    if (times <= 0 || afterBodyBytes < 0) {
      throw new IllegalArgumentException("times must be > 0 and afterBodyBytes >= 0: " + times + ", " + afterBodyBytes);
    }
    rules.add(new Rule(Pattern.compile(pathRegex), afterBodyBytes, times));
    return this;
  }

  /** Connections reset so far. */
  public int resets() {
    return resets.get();
  }

  /** Disarms every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  private synchronized long take(String path) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if (r.path.matcher(path).find()) {
        if (--r.remaining == 0) {
          it.remove();
        }
        return r.afterBodyBytes;
      }
    }
    return -1;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        Connection c = new Connection(client, upstream);
        start("fault-proxy-up", c::clientToServer);
        start("fault-proxy-down", c::serverToClient);
      } catch (IOException e) {
        if (!closed) {
          continue; // one failed connection does not stop the proxy
        }
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** One proxied connection; a request matched by a rule dooms the next response on it. */
  private final class Connection {
    final Socket client;
    final Socket upstream;
    volatile long doomAfter = -1;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void clientToServer() {
      StringBuilder line = new StringBuilder();
      byte[] buf = new byte[16384];
      try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          for (int i = 0; i < n; i++) {
            char ch = (char) (buf[i] & 0xff);
            if (ch == '\n') {
              String l = line.toString();
              if (l.startsWith("GET ") || l.startsWith("HEAD ")) {
                long after = take(l.split(" ")[1]);
                if (after >= 0) {
                  doomAfter = after;
                }
              }
              line.setLength(0);
            } else if (line.length() < 8192) {
              line.append(ch);
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the other side went away
      } finally {
        closeBoth(false);
      }
    }

    void serverToClient() {
      byte[] buf = new byte[16384];
      int headerMatch = 0; // progress through "\r\n\r\n"
      boolean inBody = false;
      long body = 0;
      try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          long doom = doomAfter;
          if (doom < 0) {
            out.write(buf, 0, n);
            out.flush();
            continue;
          }
          int i = 0;
          while (!inBody && i < n) {
            byte b = buf[i++];
            headerMatch = b == "\r\n\r\n".charAt(headerMatch) ? headerMatch + 1 : (b == '\r' ? 1 : 0);
            if (headerMatch == 4) {
              inBody = true;
            }
          }
          long room = doom - body;
          int bodyHere = n - i;
          if (inBody && bodyHere >= room) {
            out.write(buf, 0, (int) (i + room));
            out.flush();
            resets.incrementAndGet();
            closeBoth(true);
            return;
          }
          body += inBody ? bodyHere : 0;
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the other side went away
      } finally {
        closeBoth(false);
      }
    }

    void closeBoth(boolean reset) {
      for (Socket s : new Socket[] {client, upstream}) {
        try {
          if (reset) {
            s.setSoLinger(true, 0); // RST instead of FIN
          }
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
        open.remove(s);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[" + endpoint() + " -> " + target + "]";
  }
}
