package dev.tdr;

import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.UnloadEngine;
import dev.tdr.core.unload.Unloaded;
import dev.tdr.local.JdbcReader;
import dev.tdr.local.LocalReader;
import dev.tdr.local.Parallelism;
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
 * <p>Safe to use from many threads at once; each query has its own connection. {@link #close()}
 * releases the S3 client and the reader threads.
 */
public final class Tdr implements AutoCloseable {
  private final TdrConfig config;
  private final PartStore store;
  private final UnloadEngine engine;
  private final LocalReader reader;
  private final ExecutorService async;

  private Tdr(TdrConfig config) {
    this.config = config;
    int threads = Parallelism.threads(config.parallelism());
    this.store = PartStore.create(config, threads);
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

  /** Runs the UNLOAD for {@code sql}; read the result with {@link QueryResult#toDataFrame()}. */
  public QueryResult query(String sql) {
    return query(sql, TdrListener.NONE, new QueryControl());
  }

  /** Like {@link #query(String)}, reporting progress and cancellable through {@code control}. */
  public QueryResult query(String sql, TdrListener listener, QueryControl control) {
    Unloaded u = engine.unload(sql, listener, control);
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
    return JdbcReader.read(engine, sql, new QueryControl());
  }

  /** The schema {@code sql} would have, from statement metadata (nothing is unloaded). */
  public Schema describe(String sql) {
    return JdbcReader.describe(engine, sql);
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
