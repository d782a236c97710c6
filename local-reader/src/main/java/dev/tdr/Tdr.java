package dev.tdr;

import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.read.PartReader;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Pushdown;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.UnloadEngine;
import dev.tdr.core.unload.Unloaded;
import dev.tdr.local.JdbcReader;
import dev.tdr.local.LocalReader;
import dev.tdr.local.Parallelism;
import dev.tdr.snippets.SnippetLibrary;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dflib.DataFrame;

/**
 * TDR Redshift's front door: run a query through UNLOAD and read the result in parallel.
 *
 * <pre>{@code
 * try (Tdr tdr = Tdr.connect(TdrConfig.fromEnvironment())) {
 *   DataFrame df = tdr.query("select app, count(*) from views group by 1 order by 2 desc").toDataFrame();
 * }
 * }</pre>
 *
 * <p>With a snippet library (from {@link TdrConfig#snippets()}, i.e. {@code TDR_SNIPPETS}, or
 * {@link #withSnippets(SnippetLibrary)}), every SQL text given to this client is a Jinja template
 * that may use snippets ({@code {{ott_app}}}, see {@link SnippetLibrary}), rendered before the
 * query is wrapped for UNLOAD (or sent over JDBC). Without one, SQL is sent as written, unless
 * template variables are passed ({@link #query(String, Map)}).
 *
 * <p>Safe to use from many threads at once; each query has its own connection. {@link #close()}
 * releases the S3 client and the reader threads.
 */
public final class Tdr implements AutoCloseable {
  private final TdrConfig config;
  private final PartStore store;
  private final UnloadEngine engine;
  private final LocalReader reader;
  private final ExecutorService async;
  private volatile SnippetLibrary snippets;

  private Tdr(TdrConfig config) {
    this.config = config;
    this.snippets = dev.tdr.snippets.SnippetSettings.library(config);
    int threads = Parallelism.threads(config.parallelism());
    // the S3 client starts in the background, and the decoder warms up, while the first query
    // connects and unloads
    this.store = PartStore.create(config, threads);
    if (config.hasTempDir()) { // without one, only the JDBC route can run (and needs no S3)
      store.warmUp(S3Uri.parse(config.tempDir()));
    }
    PartReader.warmUp();
    this.engine = new UnloadEngine(config, store);
    this.reader = LocalReader.over(store, threads);
    this.async = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tdr-query");
      t.setDaemon(true);
      return t;
    });
  }

  /** A client for {@code config}. */
  public static Tdr connect(TdrConfig config) {
    return new Tdr(config);
  }

  /** A client configured from {@code TDR_*} environment variables (see {@link TdrConfig}). */
  public static Tdr fromEnvironment() {
    return new Tdr(TdrConfig.fromEnvironment());
  }

  public TdrConfig config() {
    return config;
  }

  /** The snippets rendered into queries (empty unless configured). */
  public SnippetLibrary snippets() {
    return snippets;
  }

  /** Uses {@code library} for the snippets of every later query; returns this client. */
  public Tdr withSnippets(SnippetLibrary library) {
    this.snippets = java.util.Objects.requireNonNull(library);
    return this;
  }

  /** {@code sql} with its snippets expanded: exactly the SQL that is run (as is without a library). */
  public String render(String sql) {
    SnippetLibrary library = snippets;
    return library.isEmpty() ? sql : library.render(sql);
  }

  /** {@code sql} with its snippets expanded and {@code variables} available to it. */
  public String render(String sql, Map<String, ?> variables) {
    return snippets.render(sql, variables);
  }

  /** {@code sql} rendered once, for the methods that take {@link RenderedSql} and run it as is. */
  public RenderedSql prepare(String sql) {
    return new RenderedSql(render(sql));
  }

  /** Like {@link #query(String, TdrListener, QueryControl)} for SQL rendered already: run as written. */
  public QueryResult query(RenderedSql sql, TdrListener listener, QueryControl control) {
    return run(sql.text(), listener, control);
  }

  /**
   * Runs {@code sql} narrowed by {@code pushdown}: only its columns, only rows meeting its filters,
   * at most its limit, all done by Redshift inside the UNLOAD (the same pushdown Spark's scan uses).
   *
   * <pre>{@code
   * RenderedSql q = tdr.prepare("select * from sales");
   * Schema s = tdr.describe(q);
   * Pushdown p = Pushdown.NONE.select(List.of("region", "amount"))
   *     .where(Predicate.compare(s.column(s.indexOf("amount")), Predicate.Op.GE, 100)).limit(1000);
   * try (QueryResult r = tdr.query(q, p, TdrListener.NONE, new QueryControl())) { ... }
   * }</pre>
   */
  public QueryResult query(RenderedSql sql, Pushdown pushdown, TdrListener listener, QueryControl control) {
    Unloaded u = engine.unload(sql.text(), pushdown, listener, control);
    return new QueryResult(engine, reader, u, listener, control);
  }

  /**
   * Like {@link #query(RenderedSql, TdrListener, QueryControl)}, run on {@code session}, the
   * caller's own connection (left open): the query sees that session's temporary tables and
   * settings, as a SQL shell's user expects.
   */
  public QueryResult query(RenderedSql sql, TdrListener listener, QueryControl control, java.sql.Connection session) {
    Unloaded u = engine.unload(sql.text(), listener, control, session);
    return new QueryResult(engine, reader, u, listener, control);
  }

  /** Like {@link #queryJdbc(RenderedSql, QueryControl)}, run on {@code session} (left open). */
  public DataFrame queryJdbc(RenderedSql sql, QueryControl control, java.sql.Connection session) {
    return JdbcReader.read(engine, sql.text(), control, session);
  }

  /** As above, telling {@code listener} the rows fetched as they come. */
  public DataFrame queryJdbc(RenderedSql sql, QueryControl control, java.sql.Connection session, TdrListener listener) {
    return JdbcReader.read(engine, sql.text(), control, session, listener);
  }

  /** Like {@link #queryJdbc(String, QueryControl)} for SQL rendered already: run as written. */
  public DataFrame queryJdbc(RenderedSql sql, QueryControl control) {
    return JdbcReader.read(engine, sql.text(), control);
  }

  /** Like {@link #describe(String)} for SQL rendered already. */
  public Schema describe(RenderedSql sql) {
    return engine.describe(sql.text());
  }

  /** Runs the UNLOAD for {@code sql}; read the result with {@link QueryResult#toDataFrame()}. */
  public QueryResult query(String sql) {
    return query(sql, TdrListener.NONE, new QueryControl());
  }

  /** Like {@link #query(String)}, with template {@code variables} ({@code {{ day | sql_literal }}}). */
  public QueryResult query(String sql, Map<String, ?> variables) {
    return run(render(sql, variables), TdrListener.NONE, new QueryControl());
  }

  /** Like {@link #query(String)}, reporting progress and cancellable through {@code control}. */
  public QueryResult query(String sql, TdrListener listener, QueryControl control) {
    return run(render(sql), listener, control);
  }

  private QueryResult run(String renderedSql, TdrListener listener, QueryControl control) {
    Unloaded u = engine.unload(renderedSql, listener, control);
    return new QueryResult(engine, reader, u, listener, control);
  }

  /**
   * Runs the query and reads it into a DataFrame on another thread; cancelling the future
   * cancels the statement on the server (or stops the read) and deletes the files.
   */
  public CompletableFuture<DataFrame> queryAsync(String sql) {
    QueryControl control = new QueryControl();
    CompletableFuture<DataFrame> f = new CompletableFuture<>();
    f.whenComplete((df, e) -> {
      if (f.isCancelled()) {
        control.cancel();
      }
    });
    async.submit(() -> {
      try (QueryResult r = query(sql, TdrListener.NONE, control)) {
        f.complete(r.toDataFrame());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  /** The same query over plain JDBC, into the same DataFrame types (for comparison). */
  public DataFrame queryJdbc(String sql) {
    return JdbcReader.read(engine, render(sql), new QueryControl());
  }

  /** Like {@link #queryJdbc(String)}, cancellable through {@code control}. */
  public DataFrame queryJdbc(String sql, QueryControl control) {
    return JdbcReader.read(engine, render(sql), control);
  }

  /** Like {@link #queryJdbc(String)}, with template {@code variables}. */
  public DataFrame queryJdbc(String sql, Map<String, ?> variables) {
    return JdbcReader.read(engine, render(sql, variables), new QueryControl());
  }

  /** The schema {@code sql} would have, from statement metadata (nothing is unloaded). */
  public Schema describe(String sql) {
    return engine.describe(render(sql));
  }

  /** The reader, for existing UNLOADs ({@link LocalReader#read(String, Schema)}). */
  public LocalReader localReader() {
    return reader;
  }

  @Override
  public void close() {
    async.shutdownNow();
    reader.close();
    engine.close();
    store.close();
  }
}
