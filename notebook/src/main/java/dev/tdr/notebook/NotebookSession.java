package dev.tdr.notebook;

import dev.tdr.query.SparkRoute;
import dev.tdr.query.Routes;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.snippets.Snippet;
import dev.tdr.snippets.SnippetLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * One notebook's connection to Redshift, with the semantics of the magics, independent of any
 * kernel: {@link #sql(String, String)} is {@code %%sql}, {@link #snippetsFrame()} is {@code
 * %snippets}, plus the catalog and display options. The kernel adapters bind and display what it
 * returns.
 */
public final class NotebookSession implements AutoCloseable {
  private final TdrConfig config;
  private final Tdr tdr;
  private Catalog catalog;
  private volatile DisplayOptions displayOptions = DisplayOptions.defaults();
  private volatile QueryControl running;

  public NotebookSession(TdrConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.tdr = Tdr.connect(config);
  }

  /** A session from the {@code TDR_*} environment (or the {@code TDR_CONFIG} file). */
  public static NotebookSession fromEnvironment() {
    return new NotebookSession(TdrConfig.fromEnvironment());
  }

  public TdrConfig config() {
    return config;
  }

  public Tdr tdr() {
    return tdr;
  }

  public DisplayOptions displayOptions() {
    return displayOptions;
  }

  public void displayOptions(DisplayOptions options) {
    this.displayOptions = Objects.requireNonNull(options);
  }

  /**
   * {@code %%sql args} over {@code body}: the snippets expanded, the query run along the chosen
   * route, the rows returned with the name to bind them to.
   */
  public CellResult sql(String args, String body) {
    SqlCell cell = SqlCell.parse(args);
    if (body == null || body.isBlank()) {
      throw new dev.tdr.core.ConfigException("the %%sql cell has no SQL: write the query on the lines below "
          + SqlCell.USAGE);
    }
    dev.tdr.RenderedSql sql = tdr.prepare(body); // rendered here, once: the routes run it as is
    QueryControl control = new QueryControl();
    running = control;
    long t0 = System.nanoTime();
    // The query runs on a worker; this thread waits for it, so that an interrupt of this thread
    // (a kernel's interrupt of the cell) cancels the query on the server and deletes its files.
    java.util.concurrent.CompletableFuture<Routes.Outcome> run = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> Routes.run(tdr, config, cell.via(), sql, TdrListener.NONE, control, true), QUERIES);
    boolean finished = false;
    try {
      Routes.Outcome o = run.get();
      finished = true;
      return new CellResult(cell.name(), o.df(), o.stats(), java.time.Duration.ofNanos(System.nanoTime() - t0), sql.text());
    } catch (InterruptedException e) {
      finished = true;
      String how = stop(control, run); // waits for the clean-up, then the interrupt stays set
      Thread.currentThread().interrupt();
      throw new CellInterrupted(how);
    } catch (java.util.concurrent.ExecutionException e) {
      finished = true;
      if (control.cancelled()) {
        throw new CellInterrupted("the query was cancelled on the server and its temporary files deleted");
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      if (!finished && !run.isDone()) {
        stop(control, run); // the thread is being stopped (JShell's stop): the query stops too
      }
      running = null;
    }
  }

  /** A {@code %%sql} cell stopped by an interrupt (or {@link #cancel()}). */
  public static final class CellInterrupted extends dev.tdr.core.TdrException {
    private static final long serialVersionUID = 1L;

    public CellInterrupted(String message) {
      super("interrupted: " + message);
    }
  }

  /** Threads that run the cells' queries while the cell's thread waits (interruptibly). */
  private static final java.util.concurrent.ExecutorService QUERIES = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tdr-notebook-query");
    t.setDaemon(true);
    return t;
  });

  /** Cancels {@code control}'s query and waits (up to 30 s) for its clean-up; says how it went. */
  private static String stop(QueryControl control, java.util.concurrent.Future<?> run) {
    control.cancel();
    try {
      run.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return "the query was cancelled on the server; its clean-up goes on in the background";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "the query was cancelled on the server; its clean-up goes on in the background";
    } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
      // the cancelled query's own failure: expected
    }
    return "the query was cancelled on the server and its temporary files deleted";
  }

  /** {@code %sql SQL}: one line of SQL, bound to {@code df}. */
  public CellResult sqlLine(String line) {
    return sql("", line);
  }

  /** Cancels the running {@code %%sql} query on the server (the kernel's interrupt). */
  public void cancel() {
    QueryControl c = running;
    if (c != null) {
      c.cancel();
    }
  }

  /** The snippet library as a DataFrame: {@code name, description, source} ({@code %snippets}). */
  public DataFrame snippetsFrame() {
    SnippetLibrary lib = tdr.snippets();
    List<Object> v = new ArrayList<>();
    for (Snippet s : lib.list()) {
      v.add(s.signature());
      v.add(s.description());
      v.add(s.source());
    }
    return DataFrame.foldByRow("snippet", "description", "source").of(v.toArray());
  }

  /** The warehouse catalog, with the descriptions file of {@code TDR_CATALOG}; read once, kept. */
  public synchronized Catalog catalog() {
    if (catalog == null) {
      catalog = Catalog.of(config);
    }
    return catalog;
  }

  /** The MIME bundle for {@code value} with this session's display options. */
  public DisplayBundle display(Object value) {
    return Display.of(value, displayOptions);
  }

  @Override
  public void close() {
    try {
      SparkRoute.stop();
    } catch (NoClassDefFoundError e) {
      // no Spark in this notebook: nothing to stop
    }
    tdr.close();
  }
}
