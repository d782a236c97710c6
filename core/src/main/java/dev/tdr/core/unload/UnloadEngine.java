package dev.tdr.core.unload;

import dev.tdr.core.ColumnType;
import dev.tdr.core.ManifestException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.QueryTimeoutException;
import dev.tdr.core.TdrException;
import dev.tdr.core.TdrListener;
import dev.tdr.core.QueryCancelledException;
import dev.tdr.core.UnloadFailedException;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.sql.SqlLiterals;
import dev.tdr.core.sql.SqlRedaction;
import dev.tdr.core.sql.SqlScript;
import dev.tdr.core.sql.SqlSyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The UNLOAD engine: turns a query into validated CSV parts in S3, ready for a reader. No Spark.
 *
 * <p>For each query: a unique run prefix under the temp dir; the query with trailing {@code ;}
 * and comments removed, wrapped in a subquery when its outermost level has a LIMIT (UNLOAD
 * rejects one there), its schema from {@code PreparedStatement.getMetaData()}; an outermost
 * ORDER BY becomes a sort the reader applies (keys that are output columns, by name, alias or
 * position) or, when a key is an expression, {@code PARALLEL OFF}; {@code FORMAT CSV} with a
 * per-run NULL marker and {@code MANIFEST VERBOSE}; the manifest validated against {@code
 * pg_last_unload_count()}. On failure the run prefix is deleted unless files are kept.
 *
 * <p>Thread-safe: each call uses its own connection.
 */
public final class UnloadEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnloadEngine.class);

  private final TdrConfig config;
  private final PartStore store;
  /** Markers of runs whose UNLOAD is done, still being written: cleanup waits for its run's. */
  private final java.util.Map<S3Uri, CompletableFuture<Void>> pendingMarkers = new java.util.concurrent.ConcurrentHashMap<>();
  /** An engine using {@code store}, which the caller closes. */
  public UnloadEngine(TdrConfig config, PartStore store) {
    this.config = config;
    this.store = store;
  }

  public TdrConfig config() {
    return config;
  }

  public PartStore store() {
    return store;
  }

  /** A new JDBC connection to Redshift with the configured user, password and driver properties. */
  public Connection connect() throws SQLException {
    return dev.tdr.core.jdbc.Connections.open(config);
  }

  /** The query ready to run: one statement, trailing terminators and comments removed. */
  public static String normalize(String sql) {
    if (sql == null) {
      throw new TdrException("the query is null");
    }
    List<String> statements;
    try {
      statements = SqlScript.split(sql);
    } catch (SqlSyntaxException e) {
      throw new TdrException("the query cannot be read: " + e.getMessage(), e);
    }
    if (statements.isEmpty()) {
      throw new TdrException("the query is empty (only comments or ';')");
    }
    if (statements.size() > 1) {
      throw new TdrException("TDR runs one query at a time; found " + statements.size()
          + " statements separated by ';'");
    }
    return SqlScript.stripTrailing(statements.get(0));
  }

  /**
   * Runs the UNLOAD for {@code sql} narrowed by {@code pushdown} (columns, filters, limit, written
   * into the SELECT by {@link Pushdown#sql}) and validates its output.
   */
  public Unloaded unload(String sql, Pushdown pushdown, TdrListener listener, QueryControl control) {
    return unload(pushdown.sql(sql), listener, control, null);
  }

  /** Runs the UNLOAD for {@code sql} and validates its output. */
  public Unloaded unload(String sql, TdrListener listener, QueryControl control) {
    return unload(sql, listener, control, null);
  }

  /**
   * Runs the UNLOAD for {@code sql} on {@code session}, the caller's own connection (not closed
   * here), so that the query sees that session's temporary tables and settings ({@code SET
   * search_path}); with null, on a connection of its own.
   */
  public Unloaded unload(String sql, TdrListener listener, QueryControl control, Connection session) {
    String query = normalize(sql);
    QueryShape shape = QueryShape.analyze(query);
    String inner = shape.outerLimit() ? "SELECT * FROM (\n" + query + "\n) AS tdr_q" : query;
    S3Uri prefix = Runs.newRun(config.tempDir());
    CsvDialect dialect = CsvDialect.forNewUnload();
    // The marker beside the run prefix (for tdr cleanup after a SIGKILL) is written in the
    // background, while the database prepares and runs the query: waiting for it would put the S3
    // client's start-up (half a second in a fresh process) in front of every first query.
    CompletableFuture<Void> marked = CompletableFuture.runAsync(() -> Runs.mark(store, prefix, config.keepFiles()));
    Connection conn;
    try {
      conn = session != null ? session : connect();
    } catch (SQLException e) {
      unmark(marked, prefix);
      throw new TdrException("cannot connect to " + dev.tdr.core.Secrets.redactUrl(config.url()) + " as " + config.user()
          + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]") + ": "
          + SqlRedaction.redact(String.valueOf(e.getMessage()).strip()), e);
    }
    boolean written = false;
    int pid = backendPid(conn);
    try (Connection owned = session == null ? conn : null) {
      Connection c = conn;
      List<String> labels = new ArrayList<>();
      Schema schema = describe(c, inner, query, labels, control);
      List<SortKey> sort = new ArrayList<>();
      boolean parallelOff = planSort(shape, labels, schema, sort);
      String statement = statement(inner, prefix, dialect, parallelOff);
      listener.unloadStarted(prefix.toString());
      long t0 = System.nanoTime();
      try {
        written = true;
        execute(c, statement, control);
        // the marker is awaited only by whoever deletes the run (cleanup, or a failure below)
        pendingMarkers.put(prefix, marked);
        marked.whenComplete((v, err) -> {
          if (err != null) {
            LOG.warn("could not write the run marker beside {} (tdr cleanup cannot find this run if the"
                + " process is killed): {}", prefix, dev.tdr.core.Secrets.scrub(String.valueOf(err.getMessage())));
          }
          pendingMarkers.remove(prefix, marked);
        });
        long rows = lastUnloadCount(c, statement, control);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Manifest manifest = manifest(prefix, rows);
        listener.unloadFinished(rows, manifest.entries().size(), manifest.totalBytes(), took);
        LOG.debug("UNLOAD of {} rows into {} parts ({} bytes) took {}", rows, manifest.entries().size(),
            manifest.totalBytes(), took);
        return new Unloaded(query, schema, dialect, prefix, manifest, sort, rows,
            SqlRedaction.redact(statement), took);
      } catch (RuntimeException e) {
        throw afterFailedUnload(e, prefix, pid, marked);
      }
    } catch (SQLException e) {
      if (control.cancelled()) {
        throw new QueryCancelledException("on the server", e);
      }
      throw new UnloadFailedException(e.getSQLState(), e.getMessage(), query, e);
    } finally {
      if (!written) {
        unmark(marked, prefix);
      }
    }
  }

  /** Deletes the marker of a run that never unloaded (quietly: it may not have been written). */
  private void unmark(CompletableFuture<Void> marked, S3Uri prefix) {
    try {
      marked.join();
      store.delete(Runs.marker(prefix));
    } catch (RuntimeException e) {
      LOG.debug("no marker to delete beside {}: {}", prefix, e.toString());
    }
  }

  /**
   * Deletes what a failed UNLOAD wrote, and says so in the error. When the connection was lost,
   * the UNLOAD goes on without its client on the server (it only notices when it replies): the
   * session is terminated over a new connection first, then the files are deleted. If it cannot
   * be terminated, the run's marker stays, so that {@code tdr cleanup} finds what it writes later.
   */
  private RuntimeException afterFailedUnload(RuntimeException e, S3Uri prefix, int pid, CompletableFuture<Void> marked) {
    if (config.keepFiles()) {
      return e;
    }
    try {
      marked.join(); // a marker still being written would land after its deletion
    } catch (RuntimeException notWritten) {
      // nothing to wait for
    }
    try {
      if (e instanceof UnloadFailedException u && u.sqlState() != null && u.sqlState().startsWith("08")) {
        return afterLostConnection(u, prefix, pid);
      }
      Runs.delete(store, prefix);
    } catch (RuntimeException cleanup) {
      LOG.warn("could not delete {} after a failure: {}", prefix, cleanup.getMessage());
      e.addSuppressed(cleanup);
    }
    return e;
  }

  private UnloadFailedException afterLostConnection(UnloadFailedException e, S3Uri prefix, int pid) {
    boolean stopped = terminate(pid);
    // Parts already in flight as the session ends may still land: delete until a pass finds
    // nothing (half a second apart, five passes at most).
    int n = 0;
    for (int pass = 0; pass < 5; pass++) {
      int deleted = store.deletePrefix(prefix);
      n += deleted;
      if (deleted == 0 && pass > 0) {
        break;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
    }
    if (stopped) {
      Runs.delete(store, prefix);
    }
    return new UnloadFailedException("the connection to the cluster was lost during the UNLOAD", e.sqlState(),
        e.serverMessage() + "\n  no result was returned; " + (stopped
            ? "the UNLOAD's session was terminated on the server and the " + n + " files it wrote under "
                + prefix + " were deleted"
            : "the " + n + " files written so far under " + prefix + " were deleted, but the UNLOAD may"
                + " still finish on the server: its marker " + Runs.marker(prefix)
                + " stays so that `tdr cleanup` deletes what it writes later"),
        e.statement(), e);
  }

  /** The server process of {@code c} (sent by the server at login: no round trip), or -1. */
  private static int backendPid(Connection c) {
    try {
      return c.unwrap(com.amazon.redshift.RedshiftConnection.class).getBackendPID();
    } catch (SQLException | RuntimeException | LinkageError e) {
      return -1;
    }
  }

  /** Terminates the session of server process {@code pid} over a new connection; true if it is gone. */
  private boolean terminate(int pid) {
    if (pid <= 0) {
      return false;
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(30);
      try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
        boolean done = rs.next() && rs.getBoolean(1);
        LOG.debug("terminated the session of process {} after its connection was lost: {}", pid, done);
        return done;
      }
    } catch (SQLException | RuntimeException ex) {
      LOG.warn("could not terminate the session of process {} after its connection was lost: {}", pid,
          dev.tdr.core.Secrets.scrub(ex.getMessage()));
      return false;
    }
  }


  /** The schema {@code sql} would have, from statement metadata (nothing is run). */
  public Schema describe(String sql) {
    return describeWithLabels(sql).schema();
  }

  /**
   * The schema and labels {@code sql} would have, over one connection of its own (nothing is
   * run, no S3 client is built): for callers that describe without unloading.
   */
  public static dev.tdr.core.jdbc.JdbcSchema.Described describe(TdrConfig config, String sql) {
    return new UnloadEngine(config, null).describeWithLabels(sql);
  }

  /** {@link #describe(String)} with the labels as the database reports them (before duplicates are renamed). */
  public dev.tdr.core.jdbc.JdbcSchema.Described describeWithLabels(String sql) {
    String query = normalize(sql);
    try (Connection c = connect()) {
      List<String> labels = new ArrayList<>();
      Schema schema = describe(c, query, query, labels, new QueryControl());
      return new dev.tdr.core.jdbc.JdbcSchema.Described(schema, List.copyOf(labels));
    } catch (SQLException e) {
      throw new TdrException("cannot connect to " + dev.tdr.core.Secrets.redactUrl(config.url()) + ": " + SqlRedaction.redact(String.valueOf(e.getMessage())), e);
    }
  }

  private Schema describe(Connection c, String inner, String query, List<String> labels,
      QueryControl control) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(inner)) {
      applyTimeout(ps);
      ResultSetMetaData md;
      try {
        control.running(ps);
        md = ps.getMetaData();
      } catch (SQLException e) {
        throw failed("query failed", e, query, control);
      } finally {
        control.running(null);
      }
      if (md == null || md.getColumnCount() == 0) {
        throw new TdrException("TDR reads query results: this statement returns no rows: " + SqlRedaction.redact(query));
      }
      dev.tdr.core.jdbc.JdbcSchema.Described d = dev.tdr.core.jdbc.JdbcSchema.of(md);
      labels.addAll(d.labels());
      return d.schema();
    }
  }

  /**
   * The sort a reader applies to the result of {@code sql} (its outermost ORDER BY, by output
   * column), or null if the ORDER BY cannot be expressed that way (then UNLOAD runs with PARALLEL
   * OFF, which writes in order). Empty if the query has no ORDER BY.
   */
  public static List<SortKey> localSort(String sql, Schema schema) {
    List<SortKey> sort = new ArrayList<>();
    boolean parallelOff = planSort(QueryShape.analyze(normalize(sql)), schema.names(), schema, sort);
    return parallelOff ? null : sort;
  }

  /**
   * Fills {@code sort} with the local sort for the outermost ORDER BY; returns true if it cannot
   * be expressed locally and UNLOAD must run with PARALLEL OFF instead.
   */
  static boolean planSort(QueryShape shape, List<String> labels, Schema schema, List<SortKey> sort) {
    for (QueryShape.OrderKey k : shape.orderBy()) {
      int col = -1;
      if (k.ordinal() > 0 && k.ordinal() <= labels.size()) {
        col = k.ordinal() - 1;
      } else if (k.name() != null) {
        for (int i = 0; i < labels.size(); i++) {
          if (labels.get(i).equals(k.name())) {
            if (col >= 0) {
              col = -2; // ambiguous
              break;
            }
            col = i;
          }
        }
      }
      if (col < 0 || schema.column(col).type() == ColumnType.SUPER
          || schema.column(col).type() == ColumnType.GEOMETRY) {
        sort.clear();
        return true;
      }
      sort.add(new SortKey(col, k.descending(), k.nullsFirst()));
    }
    return false;
  }

  String statement(String inner, S3Uri prefix, CsvDialect dialect, boolean parallelOff) {
    StringBuilder sb = new StringBuilder("UNLOAD (").append(SqlLiterals.quote(inner)).append(")\nTO ")
        .append(SqlLiterals.quote(prefix.toString())).append('\n');
    if (config.iamRole() != null) {
      sb.append("default".equalsIgnoreCase(config.iamRole()) ? "IAM_ROLE default"
          : "IAM_ROLE " + SqlLiterals.quote(config.iamRole()));
    } else {
      AwsCredentials creds;
      try {
        creds = store.credentials();
      } catch (RuntimeException e) {
        throw new TdrException("no IAM role is set (TDR_IAM_ROLE) and no AWS credentials were found to "
            + "forward to UNLOAD: set TDR_IAM_ROLE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: " + e.getMessage(), e);
      }
      sb.append("ACCESS_KEY_ID ").append(SqlLiterals.quote(creds.accessKeyId()))
          .append(" SECRET_ACCESS_KEY ").append(SqlLiterals.quote(creds.secretAccessKey()));
      if (creds instanceof AwsSessionCredentials session) {
        sb.append(" SESSION_TOKEN ").append(SqlLiterals.quote(session.sessionToken()));
      }
    }
    sb.append('\n').append(dialect.unloadOptions()).append(" MANIFEST VERBOSE");
    if (parallelOff) {
      sb.append(" PARALLEL OFF");
    }
    if (config.maxFileSize() != null) {
      sb.append(" MAXFILESIZE ").append(Math.max(5, config.maxFileSize() / (1024 * 1024))).append(" MB");
    }
    if (config.regionExplicit()) {
      sb.append(" REGION ").append(SqlLiterals.quote(config.region()));
    }
    return sb.toString();
  }

  private void execute(Connection c, String statement, QueryControl control) {
    try (Statement s = c.createStatement()) {
      applyTimeout(s);
      control.running(s);
      try {
        if (control.cancelled()) {
          throw new QueryCancelledException("before it started", null);
        }
        s.execute(statement);
      } finally {
        control.running(null);
      }
    } catch (SQLException e) {
      throw failed(null, e, statement, control);
    }
  }

  /** {@code e} as the error to raise: a timeout if the configured timeout fired, else the failed statement. */
  private RuntimeException failed(String what, SQLException e, String statement, QueryControl control) {
    QueryTimeoutException timeout = QueryTimeoutException.of(e, config, control);
    if (timeout != null) {
      return timeout;
    }
    if (control != null && control.cancelled()) {
      return new QueryCancelledException("on the server", e);
    }
    return what == null ? new UnloadFailedException(e.getSQLState(), e.getMessage(), statement, e)
        : new UnloadFailedException(what, e.getSQLState(), e.getMessage(), statement, e);
  }

  private long lastUnloadCount(Connection c, String statement, QueryControl control) {
    if (control.cancelled()) {
      throw new QueryCancelledException("on the server", null);
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_last_unload_count()")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new UnloadFailedException(e.getSQLState(), e.getMessage(), "SELECT pg_last_unload_count()", e);
    }
  }

  private void applyTimeout(Statement s) throws SQLException {
    if (config.queryTimeout() != null) {
      s.setQueryTimeout((int) Math.max(1, Math.ceil(config.queryTimeout().toMillis() / 1000.0)));
    }
  }

  /** Reads and validates the run's manifest. */
  private Manifest manifest(S3Uri prefix, long rows) {
    S3Uri uri = prefix.resolve("manifest");
    byte[] json = store.readIfExists(uri).orElse(null);
    if (json == null) {
      if (rows == 0) {
        return Manifest.empty(uri.toString());
      }
      throw new ManifestException("UNLOAD reported " + rows + " rows but wrote no manifest at " + uri);
    }
    Manifest m = Manifest.parse(uri.toString(), json);
    String expectedStart = prefix.toString();
    for (Manifest.Entry e : m.entries()) {
      if (!e.url().startsWith(expectedStart)) {
        throw new ManifestException("manifest " + uri + " lists " + e.url() + ", outside the run prefix " + prefix);
      }
    }
    if (!m.verbose()) {
      throw new ManifestException("manifest " + uri + " has no record_count: it was not written with MANIFEST VERBOSE");
    }
    if (m.totalRecords() != rows) {
      throw new ManifestException("manifest " + uri + " lists " + m.totalRecords()
          + " rows but UNLOAD reported " + rows + " (pg_last_unload_count)");
    }
    return m;
  }

  /** Deletes the run's files unless they are to be kept. */
  public void cleanup(Unloaded unloaded) {
    CompletableFuture<Void> marker = pendingMarkers.remove(unloaded.prefix());
    if (marker != null) {
      try {
        marker.join(); // deleted after it is written, not before
      } catch (RuntimeException notWritten) {
        // said when it failed
      }
    }
    if (!config.keepFiles()) {
      int n = Runs.delete(store, unloaded.prefix());
      LOG.debug("deleted {} objects under {}", n, unloaded.prefix());
    }
  }

  /** Nothing to release: the store is the caller's (kept so engines can sit in try-with-resources). */
  @Override
  public void close() {}
}
