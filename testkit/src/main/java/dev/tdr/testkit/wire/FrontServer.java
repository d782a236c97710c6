package dev.tdr.testkit.wire;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redshift front: a PostgreSQL-wire proxy on a loopback port. It answers SSL and GSS
 * encryption requests with "no", strips the startup parameters that Redshift drivers send and
 * PostgreSQL rejects, forwards cancel requests, hands intercepted statements (UNLOAD) to a {@link
 * StatementInterceptor} and passes every other message through unchanged.
 */
public final class FrontServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(FrontServer.class);

  static final int SSL_REQUEST = 80877103;
  static final int GSSENC_REQUEST = 80877104;
  static final int CANCEL_REQUEST = 80877102;

  /** Startup parameters PostgreSQL understands; everything else a client sends is dropped. */
  private static final Set<String> KEPT_PARAMETERS = Set.of(
      "user", "database", "options", "application_name", "fallback_application_name",
      "client_encoding", "datestyle", "timezone", "extra_float_digits", "search_path",
      "intervalstyle", "standard_conforming_strings", "escape_string_warning", "geqo",
      "replication", "statement_timeout", "lock_timeout", "bytea_output", "lc_messages");

  /** Set on every backend session unless the client set them itself. */
  private static final Map<String, String> INJECTED_PARAMETERS = Map.of(
      "standard_conforming_strings", "off",
      "escape_string_warning", "off");

  private final ServerSocket server;
  private final String backendHost;
  private final int backendPort;
  private final StatementInterceptor interceptor;
  private final TypeOids oids;
  private final RelationColumns relations;
  private final QueryLog queryLog;
  private final Map<Long, FrontSession> sessionsByKey = new ConcurrentHashMap<>();
  private final Set<FrontSession> sessions = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
  private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threadIds = new AtomicInteger();
  private final Thread acceptor;
  /** Sends cancels again while a cancelled intercepted statement runs (see {@link #resendCancels}). */
  private final java.util.concurrent.ScheduledExecutorService cancelResender;
  private volatile boolean closed;

  QueryLog queryLog() {
    return queryLog;
  }

  /**
   * Listens on {@code 127.0.0.1:port} (0 picks a free port) and proxies to the PostgreSQL server
   * at {@code backendHost:backendPort}.
   */
  public FrontServer(int port, String backendHost, int backendPort, StatementInterceptor interceptor,
      TypeOids oids, RelationColumns relations) throws IOException {
    this(port, backendHost, backendPort, interceptor, oids, relations, QueryLog.NONE);
  }

  /** As above, recording the statements each session runs in {@code queryLog}. */
  public FrontServer(int port, String backendHost, int backendPort, StatementInterceptor interceptor,
      TypeOids oids, RelationColumns relations, QueryLog queryLog) throws IOException {
    this.oids = oids;
    this.relations = relations;
    this.queryLog = queryLog;
    this.server = new ServerSocket();
    this.server.setReuseAddress(true);
    this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    this.backendHost = backendHost;
    this.backendPort = backendPort;
    this.interceptor = interceptor;
    this.acceptor = new Thread(this::acceptLoop, "tdr-front-accept-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
    this.cancelResender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tdr-front-cancels-" + server.getLocalPort());
      t.setDaemon(true);
      return t;
    });
    this.cancelResender.scheduleWithFixedDelay(this::resendCancels, CANCEL_RESEND_MILLIS,
        CANCEL_RESEND_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** How often a cancel is sent again to the backend of a cancelled statement the front runs. */
  static final long CANCEL_RESEND_MILLIS = 200;

  /**
   * A statement the front runs itself (an UNLOAD) is several steps on the backend, and between
   * them the backend waits for the front's next message. PostgreSQL ignores a cancel that arrives
   * while it waits, so a cancel forwarded at that moment would be lost and the statement would run
   * on (Redshift cancels an UNLOAD at any point). So while such a statement is cancelled and not
   * ended, the cancel is sent again every {@value #CANCEL_RESEND_MILLIS} ms; the session's lock
   * makes sure none is sent after the statement ended, so the next statement is never hit.
   */
  private void resendCancels() {
    sessionsByKey.forEach((key, session) -> {
      try {
        session.whileCancelledStatementRuns(() -> sendCancel(key));
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.debug("could not send a cancel again: {}", e.toString());
        }
      }
    });
  }

  private void sendCancel(long key) throws IOException {
    forwardToBackend(CANCEL_REQUEST, java.nio.ByteBuffer.allocate(8).putLong(key).array()); // pid, secret
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Number of client sessions started since the front started (cancel requests not counted). */
  public long sessionsStarted() {
    return started.get();
  }

  /** Number of client sessions currently open. */
  public int openSessions() {
    return sessions.size();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("front stopped accepting connections", e);
        }
        return;
      }
      Thread t = new Thread(() -> handle(client), "tdr-front-" + threadIds.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private void handle(Socket client) {
    handshaking.add(client);
    Socket backend = null;
    try {
      client.setTcpNoDelay(true);
      InputStream rawIn = client.getInputStream();
      OutputStream rawOut = client.getOutputStream();
      DataInputStream in = new DataInputStream(rawIn);
      while (true) {
        int len = in.readInt();
        if (len < 8 || len > 10_000) {
          throw new IOException("invalid startup packet length " + len);
        }
        int code = in.readInt();
        byte[] rest = new byte[len - 8];
        in.readFully(rest);
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
          rawOut.write('N');
          rawOut.flush();
          continue;
        }
        if (code == CANCEL_REQUEST) {
          forwardCancel(len, code, rest);
          client.close();
          return;
        }
        Map<String, String> params = startupParameters(rest);
        backend = new Socket();
        backend.setTcpNoDelay(true);
        backend.connect(new InetSocketAddress(backendHost, backendPort), 10_000);
        PgMessage startup = PgMessage.of(0).int32(code);
        params.forEach((k, v) -> startup.cstring(k).cstring(v));
        startup.int8(0);
        OutputStream backendOut = backend.getOutputStream();
        backendOut.write(startup.toBytes());
        backendOut.flush();
        break;
      }
      FrontSession session = new FrontSession(this, client, rawIn, rawOut, backend, interceptor, oids, relations);
      handshaking.remove(client);
      sessions.add(session);
      started.incrementAndGet();
      try {
        session.run();
      } finally {
        sessions.remove(session);
        session.backendKey().ifPresent(sessionsByKey::remove);
      }
    } catch (IOException e) {
      if (!closed && !(e instanceof SocketException) && !(e instanceof java.io.EOFException)) {
        LOG.debug("front connection ended: {}", e.toString());
      }
    } finally {
      handshaking.remove(client);
      closeQuietly(client);
      closeQuietly(backend);
    }
  }

  private Map<String, String> startupParameters(byte[] rest) {
    Map<String, String> kept = new LinkedHashMap<>();
    int p = 0;
    while (p < rest.length && rest[p] != 0) {
      String name = PgMessage.cstringAt(rest, p, rest.length);
      p = PgMessage.skipCstring(rest, p, rest.length);
      String value = PgMessage.cstringAt(rest, p, rest.length);
      p = PgMessage.skipCstring(rest, p, rest.length);
      if (name.equalsIgnoreCase("search_path")) {
        kept.put(name, RedshiftSql.withCatalogSchema(value));
      } else if (KEPT_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
        kept.put(name, value);
      } else {
        LOG.debug("dropping startup parameter {}", name);
      }
    }
    INJECTED_PARAMETERS.forEach((k, v) -> {
      boolean present = kept.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(k));
      if (!present) {
        kept.put(k, v);
      }
    });
    return kept;
  }

  private static final java.util.regex.Pattern CANCEL_FUNCTION = java.util.regex.Pattern.compile(
      "(?i)\\bpg_(?:cancel|terminate)_backend\\s*\\(\\s*(\\d+)\\s*\\)");

  /**
   * {@code pg_cancel_backend(pid)} and {@code pg_terminate_backend(pid)} stop the statement of
   * session {@code pid} as on Redshift, an UNLOAD included (the backend alone cannot stop an
   * UNLOAD the front runs): the session is marked cancelled, then the statement goes to the
   * backend as written.
   */
  void noticeCancelFunctions(String sql) {
    if (sql.indexOf("_backend") < 0) {
      return;
    }
    java.util.regex.Matcher m = CANCEL_FUNCTION.matcher(sql);
    while (m.find()) {
      long pid = Long.parseLong(m.group(1));
      sessionsByKey.forEach((key, session) -> {
        if ((key >>> 32) == pid) {
          session.markCancelRequested();
        }
      });
    }
  }

  void register(long key, FrontSession session) {
    sessionsByKey.put(key, session);
  }

  private void forwardCancel(int len, int code, byte[] rest) throws IOException {
    if (rest.length >= 8) {
      long key = ((long) PgMessage.int32At(rest, 0) << 32) | (PgMessage.int32At(rest, 4) & 0xffffffffL);
      FrontSession s = sessionsByKey.get(key);
      if (s != null) {
        s.markCancelRequested();
      }
    }
    forwardToBackend(code, rest);
    LOG.debug("forwarded a cancel request ({} bytes)", len);
  }

  private void forwardToBackend(int code, byte[] rest) throws IOException {
    try (Socket backend = new Socket()) {
      backend.connect(new InetSocketAddress(backendHost, backendPort), 10_000);
      OutputStream out = backend.getOutputStream();
      PgMessage cancel = PgMessage.of(0).int32(code).bytes(rest, 0, rest.length);
      out.write(cancel.toBytes());
      out.flush();
      // The server closes the connection once it has read the request.
      backend.getInputStream().read();
    }
  }

  static String utf8(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;
    cancelResender.shutdownNow();
    closeQuietly(server);
    for (FrontSession s : sessions) {
      s.close();
    }
    for (Socket s : handshaking) {
      closeQuietly(s);
    }
  }

  static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
