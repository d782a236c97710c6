package dev.tdr.testkit.wire;

import dev.tdr.core.sql.SqlScript;
import dev.tdr.core.sql.SqlSyntaxException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the front and its backend connection.
 *
 * <p>Two threads: this one reads client messages and forwards them (or executes intercepted
 * statements); a relay thread reads backend messages and forwards them to the client. To execute
 * an intercepted statement in the middle of a pipeline, the front must know when every response
 * to what it already forwarded has reached the client, so it keeps a queue of the responses it
 * expects ({@link Expect}). To take the backend over, it sends two harmless {@code Close}
 * messages (which also drop a statement left over by an earlier failed UNLOAD) and a {@code
 * Flush}; when the relay thread sees their {@code CloseComplete}s it parks, and the executor
 * talks to the backend itself. If the pipeline has failed (the backend ignores everything until
 * {@code Sync}), the relay thread reports that instead and the intercepted message is dropped,
 * as the backend would drop it.
 */
final class FrontSession implements SessionIo {
  private static final Logger LOG = LoggerFactory.getLogger(FrontSession.class);

  private enum Expect {
    STARTUP, QUERY, FUNCTION, SYNC, PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, BARRIER_FIRST, BARRIER;

    boolean extended() {
      return this != STARTUP && this != QUERY && this != FUNCTION && this != SYNC;
    }

    boolean endsAtReady() {
      return !extended();
    }
  }

  private enum Handoff { NONE, REQUESTED, OWNED, FAILED }

  /** The server_version Redshift reports to clients. */
  static final String REDSHIFT_SERVER_VERSION = "8.0.2";

  private final FrontServer server;
  private final Socket client;
  private final Socket backend;
  private final PgInput cin;
  private final PgInput bin;
  private final OutputStream cout;
  private final OutputStream bout;
  private final StatementInterceptor interceptor;
  private final TypeOids oids;
  private final RelationColumns relations;
  /** Unconstrained numeric results typed and rounded as numeric(38,10) (backend reader thread only). */
  private final NumericResults numerics = new NumericResults();
  private final RedshiftSql.Session dialect = new RedshiftSql.Session();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Expect> pending = new ArrayDeque<>();
  private boolean failedUntilSync;
  private Handoff handoff = Handoff.NONE;
  private boolean relayEnded;

  private final Map<String, String> unloadStatements = new HashMap<>();
  private final Map<String, String> unloadPortals = new HashMap<>();
  private final Map<String, String> parameters = new ConcurrentHashMap<>();
  private volatile boolean cancelRequested;
  private volatile Long backendKey;

  // executor's view of the last backend message
  private int lastType;
  private byte[] lastBody;
  private int lastLen;

  FrontSession(FrontServer server, Socket client, InputStream clientIn, OutputStream clientOut,
      Socket backend, StatementInterceptor interceptor, TypeOids oids, RelationColumns relations)
      throws IOException {
    this.oids = oids;
    this.relations = relations;
    this.server = server;
    this.client = client;
    this.backend = backend;
    this.cin = new PgInput(clientIn);
    this.cout = new BufferedOutputStream(clientOut, 65536);
    this.bin = new PgInput(backend.getInputStream());
    this.bout = new BufferedOutputStream(backend.getOutputStream(), 65536);
    this.interceptor = interceptor;
    pending.add(Expect.STARTUP);
  }

  Optional<Long> backendKey() {
    return Optional.ofNullable(backendKey);
  }

  void markCancelRequested() {
    cancelRequested = true;
  }

  /** Something sent to the backend, which may fail on I/O. */
  interface BackendAction {
    void run() throws IOException;
  }

  private final Object interceptedLock = new Object();
  private boolean interceptedRunning; // guarded by interceptedLock

  /**
   * Runs {@code action} if a statement the front runs itself is running now and was cancelled;
   * the statement cannot end while it runs (see {@link FrontServer}'s resending of cancels).
   */
  void whileCancelledStatementRuns(BackendAction action) throws IOException {
    if (!cancelRequested) {
      return;
    }
    synchronized (interceptedLock) {
      if (interceptedRunning && cancelRequested) {
        action.run();
      }
    }
  }

  /** Runs an intercepted statement (an UNLOAD), marked as running so a cancel of it is never lost. */
  private boolean executeIntercepted(String sql) throws IOException {
    synchronized (interceptedLock) {
      cancelRequested = false;
      interceptedRunning = true;
    }
    try {
      return interceptor.execute(sql, this);
    } finally {
      synchronized (interceptedLock) {
        interceptedRunning = false;
      }
    }
  }

  void close() {
    FrontServer.closeQuietly(client);
    FrontServer.closeQuietly(backend);
  }

  /** The client-to-backend loop; returns when either side closes. */
  void run() throws IOException {
    Thread relay = new Thread(this::relayLoop, Thread.currentThread().getName() + "-relay");
    relay.setDaemon(true);
    relay.start();
    try {
      clientLoop();
    } finally {
      close();
    }
  }

  private void clientLoop() throws IOException {
    while (true) {
      int type = cin.readType();
      if (type < 0) {
        return;
      }
      int len = cin.readInt() - 4;
      if (LOG.isTraceEnabled()) {
        LOG.trace("client -> {} ({} bytes)", (char) type, len);
      }
      switch (type) {
        case 'Q' -> onQuery(cin.readBodyCopy(len), len);
        case 'P' -> onParse(cin.readBodyCopy(len), len);
        case 'B' -> onBind(cin.readBodyCopy(len), len);
        case 'D' -> onDescribe(cin.readBodyCopy(len), len);
        case 'E' -> onExecute(cin.readBodyCopy(len), len);
        case 'C' -> onClose(cin.readBodyCopy(len), len);
        case 'S' -> forward(type, cin.readBodyCopy(len), len, Expect.SYNC);
        case 'F' -> forward(type, cin.readBodyCopy(len), len, Expect.FUNCTION);
        case 'X' -> {
          forward(type, cin.readBodyCopy(len), len, null);
          bout.flush();
          return;
        }
        default -> {
          // CopyData, CopyDone, CopyFail, Flush, password messages: no response of their own.
          bout.write(type);
          writeInt(bout, len + 4);
          cin.copyBody(len, bout);
          if (type == 'H' || cin.available() == 0) {
            bout.flush();
          }
          if (type == 'H') {
            // a reply the front made itself (to an UNLOAD's Parse, Bind, Describe) may wait in
            // the client buffer, queued while this Flush was already on its way
            flushClient();
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- client messages

  private void onQuery(byte[] body, int len) throws IOException {
    String sql = PgMessage.cstringAt(body, 0, len);
    server.noticeCancelFunctions(sql);
    logStatement(sql);
    List<String> statements = interceptedScript(sql);
    if (statements == null) {
      String rewritten = rewrite(sql);
      if (rewritten.equals(sql)) {
        forward('Q', body, len, Expect.QUERY);
      } else {
        byte[] b = PgMessage.of('Q').cstring(rewritten).toBytes();
        forward('Q', java.util.Arrays.copyOfRange(b, 5, b.length), b.length - 5, Expect.QUERY);
      }
      return;
    }
    if (!acquireBackend()) {
      return;
    }
    try {
      runSimpleScript(statements);
    } finally {
      releaseBackend();
    }
  }

  /** The statements of {@code sql} if any of them is intercepted, else null. */
  private List<String> interceptedScript(String sql) {
    try {
      List<String> statements = SqlScript.split(sql);
      for (String s : statements) {
        if (interceptor.intercepts(s)) {
          return statements;
        }
      }
    } catch (SqlSyntaxException e) {
      // Let the backend report the syntax error.
    }
    return null;
  }

  private void runSimpleScript(List<String> statements) throws IOException {
    for (int i = 0; i < statements.size(); i++) {
      boolean last = i == statements.size() - 1;
      String stmt = statements.get(i);
      cancelRequested = false;
      boolean ok;
      if (interceptor.intercepts(stmt)) {
        ok = executeIntercepted(stmt);
        toBackend(PgMessage.of('S').toBytes());
        flushBackend();
        ok &= relayUntilReady(last || !ok);
      } else {
        toBackend(PgMessage.of('Q').cstring(rewrite(stmt)).toBytes());
        flushBackend();
        ok = relayUntilReady(false);
        ok &= relayReadyIf(last);
      }
      if (!ok || last) {
        flushClient();
        return;
      }
    }
  }

  private byte[] pendingReady;

  /**
   * Relays backend messages to the client until ReadyForQuery, which is relayed only if {@code
   * relayReady}, else kept for {@link #relayReadyIf}. Returns false if an error was relayed.
   */
  private boolean relayUntilReady(boolean relayReady) throws IOException {
    boolean ok = true;
    while (true) {
      int type = readBackend();
      if (type == 'Z') {
        pendingReady = PgMessage.of('Z').bytes(lastBody, 0, lastLen).toBytes();
        if (relayReady || !ok) {
          toClient(pendingReady);
          pendingReady = null;
        }
        return ok;
      }
      if (type == 'E') {
        ok = false;
      }
      if (type == 'G' || type == 'W') {
        // COPY FROM STDIN inside a script that also holds an UNLOAD: not supported; abort it.
        toBackend(PgMessage.of('f').cstring("COPY FROM STDIN cannot be combined with UNLOAD in one query").toBytes());
        flushBackend();
        continue;
      }
      relayToClient(type);
    }
  }

  private boolean relayReadyIf(boolean last) throws IOException {
    if (last && pendingReady != null) {
      toClient(pendingReady);
    }
    pendingReady = null;
    return true;
  }

  private void onParse(byte[] body, int len) throws IOException {
    String name = PgMessage.cstringAt(body, 0, len);
    int p = PgMessage.skipCstring(body, 0, len);
    String query = PgMessage.cstringAt(body, p, len);
    server.noticeCancelFunctions(query);
    logStatement(query);
    if (isIntercepted(query)) {
      unloadStatements.put(name, SqlScript.stripTrailing(query));
      synthesize(PgMessage.of('1').toBytes());
      return;
    }
    unloadStatements.remove(name);
    TypeOids.parse(body, len, oids);
    String rewritten = rewrite(query);
    if (!rewritten.equals(query)) {
      int rest = PgMessage.skipCstring(body, p, len);
      byte[] head = PgMessage.of('P').cstring(name).cstring(rewritten).toBytes();
      byte[] nb = new byte[head.length - 5 + len - rest];
      System.arraycopy(head, 5, nb, 0, head.length - 5);
      System.arraycopy(body, rest, nb, head.length - 5, len - rest);
      body = nb;
      len = nb.length;
    }
    forward('P', body, len, Expect.PARSE);
  }

  // ---------------------------------------------------------------- STL_QUERY

  /** Statements received since the last ReadyForQuery: [text, start millis]. */
  private final List<Object[]> unlogged = new java.util.ArrayList<>();
  private boolean failedSinceReady;

  private void logStatement(String sql) {
    if (sql.isBlank()) {
      return;
    }
    if (sql.toLowerCase(java.util.Locale.ROOT).contains("stl_query")) {
      server.queryLog().flush(); // what ran before is visible to a query of the log
    }
    synchronized (unlogged) {
      unlogged.add(new Object[] {sql, System.currentTimeMillis()});
    }
  }

  /** Called for each ReadyForQuery and ErrorResponse going to the client. */
  private void queryLogEvent(int type) {
    if (type == 'E') {
      synchronized (unlogged) {
        failedSinceReady = true;
      }
      return;
    }
    List<QueryLog.Entry> entries;
    synchronized (unlogged) {
      if (unlogged.isEmpty()) {
        failedSinceReady = false;
        return;
      }
      long end = System.currentTimeMillis();
      entries = new java.util.ArrayList<>();
      for (Object[] u : unlogged) {
        entries.add(new QueryLog.Entry((String) u[0], (Long) u[1], end, failedSinceReady));
      }
      unlogged.clear();
      failedSinceReady = false;
    }
    String user = parameters.get("session_authorization");
    server.queryLog().record(backendPid(), user == null ? "" : user, entries);
  }

  private boolean isIntercepted(String query) {
    try {
      List<String> statements = SqlScript.split(query);
      return statements.size() == 1 && interceptor.intercepts(statements.get(0));
    } catch (SqlSyntaxException e) {
      return false;
    }
  }

  private void onBind(byte[] body, int len) throws IOException {
    String portal = PgMessage.cstringAt(body, 0, len);
    int p = PgMessage.skipCstring(body, 0, len);
    String stmt = PgMessage.cstringAt(body, p, len);
    String sql = unloadStatements.get(stmt);
    if (sql != null) {
      unloadPortals.put(portal, sql);
      synthesize(PgMessage.of('2').toBytes());
      return;
    }
    unloadPortals.remove(portal);
    forward('B', body, len, Expect.BIND);
  }

  private void onDescribe(byte[] body, int len) throws IOException {
    char kind = (char) body[0];
    String name = PgMessage.cstringAt(body, 1, len);
    if (kind == 'S' && unloadStatements.containsKey(name)) {
      byte[] params = PgMessage.of('t').int16(0).toBytes();
      byte[] noData = PgMessage.of('n').toBytes();
      byte[] both = new byte[params.length + noData.length];
      System.arraycopy(params, 0, both, 0, params.length);
      System.arraycopy(noData, 0, both, params.length, noData.length);
      synthesize(both);
      return;
    }
    if (kind == 'P' && unloadPortals.containsKey(name)) {
      synthesize(PgMessage.of('n').toBytes());
      return;
    }
    forward('D', body, len, Expect.DESCRIBE);
  }

  private void onExecute(byte[] body, int len) throws IOException {
    String portal = PgMessage.cstringAt(body, 0, len);
    String sql = unloadPortals.get(portal);
    if (sql == null) {
      forward('E', body, len, Expect.EXECUTE);
      return;
    }
    if (!acquireBackend()) {
      return;
    }
    try {
      boolean ok = executeIntercepted(sql);
      if (!ok) {
        lock.lock();
        try {
          failedUntilSync = true;
        } finally {
          lock.unlock();
        }
      }
      flushClient();
    } finally {
      releaseBackend();
    }
  }

  private void onClose(byte[] body, int len) throws IOException {
    char kind = (char) body[0];
    String name = PgMessage.cstringAt(body, 1, len);
    boolean ours = kind == 'S' ? unloadStatements.remove(name) != null
        : unloadPortals.remove(name) != null;
    if (ours) {
      synthesize(PgMessage.of('3').toBytes());
      return;
    }
    forward('C', body, len, Expect.CLOSE);
  }

  private void forward(int type, byte[] body, int len, Expect expect) throws IOException {
    if (expect != null) {
      lock.lock();
      try {
        // after an error the backend ignores extended messages until Sync: they get no response
        if (!(failedUntilSync && expect.extended())) {
          pending.add(expect);
        }
      } finally {
        lock.unlock();
      }
    }
    bout.write(type);
    writeInt(bout, len + 4);
    bout.write(body, 0, len);
    if (type == 'S' || cin.available() == 0) {
      bout.flush();
    }
  }

  /**
   * Sends the client a response of ours, after every response to what was forwarded before it;
   * dropped if the pipeline has failed (the backend would ignore the message).
   */
  private void synthesize(byte[] message) throws IOException {
    bout.write('H');
    writeInt(bout, 4);
    bout.flush();
    lock.lock();
    try {
      while (!pending.isEmpty() && !relayEnded) {
        changed.awaitUninterruptibly();
      }
      if (failedUntilSync) {
        return;
      }
    } finally {
      lock.unlock();
    }
    toClient(message);
    if (cin.available() == 0) {
      flushClient();
    }
  }

  /** Takes the backend over from the relay thread; false if the pipeline has failed. */
  private boolean acquireBackend() throws IOException {
    lock.lock();
    try {
      if (failedUntilSync && !pending.contains(Expect.SYNC)) {
        // The backend already failed and ignores everything until the client's Sync: so do we.
        return false;
      }
      pending.add(Expect.BARRIER_FIRST);
      pending.add(Expect.BARRIER);
      handoff = Handoff.REQUESTED;
    } finally {
      lock.unlock();
    }
    toBackend(PgMessage.of('C').int8('P').cstring(INTERNAL_NAME).toBytes());
    toBackend(PgMessage.of('C').int8('S').cstring(INTERNAL_NAME).toBytes());
    toBackend(PgMessage.of('H').toBytes());
    flushBackend();
    lock.lock();
    try {
      while (handoff == Handoff.REQUESTED && !relayEnded) {
        changed.awaitUninterruptibly();
      }
      if (handoff == Handoff.OWNED) {
        return true;
      }
      handoff = Handoff.NONE;
      if (relayEnded) {
        throw new java.io.EOFException("backend connection closed");
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void releaseBackend() throws IOException {
    flushClient();
    lock.lock();
    try {
      handoff = Handoff.NONE;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- backend to client

  private void relayLoop() {
    try {
      while (true) {
        int type = bin.readType();
        if (type < 0) {
          return;
        }
        int len = bin.readInt() - 4;
        if (type == 'D' && numerics.active()) {
          byte[] row = numerics.dataRow(bin.readBody(len), len);
          synchronized (cout) {
            cout.write(type);
            writeInt(cout, row.length + 4);
            cout.write(row, 0, row.length);
            if (bin.available() == 0) {
              cout.flush();
            }
          }
          continue;
        }
        if (type == 'D' || type == 'd') {
          synchronized (cout) {
            cout.write(type);
            writeInt(cout, len + 4);
            bin.copyBody(len, cout);
            if (bin.available() == 0) {
              cout.flush();
            }
          }
          continue;
        }
        byte[] body = bin.readBody(len);
        onBackendMessage(type, body, len);
      }
    } catch (IOException e) {
      LOG.debug("relay ended: {}", e.toString());
    } finally {
      lock.lock();
      try {
        relayEnded = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      close();
    }
  }

  private void onBackendMessage(int type, byte[] body, int len) throws IOException {
    if (type == 'K' && len >= 8) {
      backendKey = ((long) PgMessage.int32At(body, 0) << 32) | (PgMessage.int32At(body, 4) & 0xffffffffL);
      server.register(backendKey, this);
    } else if (type == 'S') {
      String name = PgMessage.cstringAt(body, 0, len);
      String value = PgMessage.cstringAt(body, PgMessage.skipCstring(body, 0, len), len);
      parameters.put(name, value);
      if (name.equals("server_version")) {
        // Redshift reports 8.0.2; drivers choose their Redshift code paths by it
        byte[] b = PgMessage.of('S').cstring(name).cstring(REDSHIFT_SERVER_VERSION).toBytes();
        body = java.util.Arrays.copyOfRange(b, 5, b.length);
        len = body.length;
      }
    }
    Expect head;
    lock.lock();
    try {
      head = pending.peek();
    } finally {
      lock.unlock();
    }
    if (LOG.isTraceEnabled()) {
      LOG.trace("backend -> {} ({} bytes), expecting {}", (char) type, len, pending);
    }
    translateOids(type, body, len);
    if (type == 'Z' || type == 'E') {
      queryLogEvent(type);
    }
    if (type == 'T') {
      numerics.rowDescription(body, len);
    } else if (type == 'C' || type == 'Z' || type == 'E' || type == 'I') {
      numerics.end();
    }
    boolean barrier = head == Expect.BARRIER || head == Expect.BARRIER_FIRST;
    boolean relay = !(type == '3' && barrier);
    if (relay) {
      synchronized (cout) {
        cout.write(type);
        writeInt(cout, len + 4);
        cout.write(body, 0, len);
        if (type == 'Z' || bin.available() == 0) {
          cout.flush();
        }
      }
    }
    lock.lock();
    try {
      switch (type) {
        case '1', '2', '3' -> pending.poll();
        case 'T', 'n' -> {
          if (head == Expect.DESCRIBE) {
            pending.poll();
          }
        }
        case 'C', 'I', 's' -> {
          if (head == Expect.EXECUTE) {
            pending.poll();
          }
        }
        case 'Z' -> {
          // ReadyForQuery answers the first Sync (or query) waiting; nothing sent before it can
          // still be answered, so no extended message before it stays expected
          Expect e;
          while ((e = pending.poll()) != null && !e.endsAtReady()) {
            if (e == Expect.BARRIER) {
              handoff = Handoff.FAILED;
            }
          }
          failedUntilSync = false;
        }
        case 'E' -> {
          if (head != null && head.extended()) {
            failedUntilSync = true;
            while (!pending.isEmpty() && pending.peek() != Expect.SYNC) {
              if (pending.poll() == Expect.BARRIER) {
                handoff = Handoff.FAILED;
              }
            }
          }
        }
        default -> {
          // notices, parameter status, row data, copy: no change
        }
      }
      if (type == '3' && head == Expect.BARRIER) {
        handoff = Handoff.OWNED;
        changed.signalAll();
        while (handoff == Handoff.OWNED) {
          changed.awaitUninterruptibly();
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- SessionIo (owner only)

  @Override
  public void toBackend(byte[] message) throws IOException {
    if (LOG.isTraceEnabled()) {
      LOG.trace("executor -> backend {} ({} bytes)", (char) message[0], message.length);
    }
    bout.write(message);
  }

  @Override
  public void flushBackend() throws IOException {
    bout.flush();
  }

  @Override
  public int readBackend() throws IOException {
    int type = bin.readType();
    if (type < 0) {
      throw new java.io.EOFException("backend closed the connection");
    }
    lastLen = bin.readInt() - 4;
    lastBody = bin.readBody(lastLen);
    lastType = type;
    if (LOG.isTraceEnabled()) {
      LOG.trace("backend -> {} ({} bytes) to executor", (char) type, lastLen);
    }
    if (type == 'S') {
      String name = PgMessage.cstringAt(lastBody, 0, lastLen);
      parameters.put(name, PgMessage.cstringAt(lastBody, PgMessage.skipCstring(lastBody, 0, lastLen), lastLen));
    }
    return type;
  }

  @Override
  public byte[] body() {
    return lastBody;
  }

  @Override
  public int bodyLength() {
    return lastLen;
  }

  @Override
  public void toClient(byte[] message) throws IOException {
    if (LOG.isTraceEnabled()) {
      LOG.trace("executor -> client {} ({} bytes)", (char) message[0], message.length);
    }
    synchronized (cout) {
      cout.write(message);
    }
  }

  private void translateOids(int type, byte[] body, int len) {
    if (type == 'T') {
      TypeOids.rowDescription(body, len, oids);
    } else if (type == 't') {
      TypeOids.parameterDescription(body, len, oids);
    }
  }

  @Override
  public void relayToClient(int type) throws IOException {
    if (LOG.isTraceEnabled()) {
      LOG.trace("executor relays {} ({} bytes)", (char) type, lastLen);
    }
    translateOids(type, lastBody, lastLen);
    if (type == 'Z' || type == 'E') {
      queryLogEvent(type);
    }
    synchronized (cout) {
      cout.write(type);
      writeInt(cout, lastLen + 4);
      cout.write(lastBody, 0, lastLen);
    }
  }

  @Override
  public void flushClient() throws IOException {
    synchronized (cout) {
      cout.flush();
    }
  }

  @Override
  public boolean cancelRequested() {
    return cancelRequested;
  }

  @Override
  public int backendPid() {
    Long key = backendKey;
    return key == null ? 0 : (int) (key >>> 32);
  }

  @Override
  public String rewrite(String sql) {
    return RedshiftSql.rewrite(sql, dialect, relations);
  }

  @Override
  public String parameter(String name) {
    return parameters.get(name);
  }

  private static void writeInt(OutputStream out, int v) throws IOException {
    out.write((v >>> 24) & 0xff);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write(v & 0xff);
  }
}
