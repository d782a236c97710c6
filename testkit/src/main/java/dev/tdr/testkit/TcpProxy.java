package dev.tdr.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port that can drop every connection through it at once, the way a
 * network failure does (a TCP reset): for testing a client whose connection to the cluster is
 * lost in the middle of a statement. Point the JDBC URL at {@link #port()}.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start("127.0.0.1", emulator.port())) {
 *   String url = "jdbc:redshift://127.0.0.1:" + proxy.port() + "/dev?ssl=false";
 *   ... start a query ...
 *   proxy.cut(); // the client's connection is reset; the server side sees its client go
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String host;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;

  private TcpProxy(ServerSocket server, String host, int targetPort) {
    this.server = server;
    this.host = host;
    this.targetPort = targetPort;
  }

  /** A proxy on a free loopback port, forwarding to {@code host:port}. */
  public static TcpProxy start(String host, int port) {
    try {
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpProxy p = new TcpProxy(s, host, port);
      Thread t = new Thread(p::accept, "tcp-proxy-" + s.getLocalPort());
      t.setDaemon(true);
      t.start();
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a TCP proxy", e);
    }
  }

  /** The proxy's port on the loopback address. */
  public int port() {
    return server.getLocalPort();
  }

  /** Connections through the proxy now. */
  public int connections() {
    return open.size() / 2;
  }

  /** Resets every connection through the proxy (both sides); new connections are still accepted. */
  public void cut() {
    for (Socket s : open) {
      reset(s);
    }
    open.clear();
  }

  /** While true, new connections are reset at once (the cluster is unreachable). */
  public void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        reset(client);
        continue;
      }
      Socket target = new Socket();
      try {
        target.connect(new InetSocketAddress(host, targetPort), 10_000);
      } catch (IOException e) {
        reset(client);
        continue;
      }
      open.add(client);
      open.add(target);
      pump(client, target);
      pump(target, client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 << 10];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // one side went away: so does the other
      } finally {
        // a cut has reset both already; a side that closed normally closes the other normally
        open.remove(from);
        open.remove(to);
        try {
          to.close();
        } catch (IOException ignored) {
          // gone
        }
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    cut();
  }
}
