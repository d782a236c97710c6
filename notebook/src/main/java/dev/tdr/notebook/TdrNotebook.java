package dev.tdr.notebook;

import dev.tdr.query.Messages;
import dev.tdr.core.TdrException;
import dev.tdr.notebook.profile.Profile;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dflib.DataFrame;

/**
 * The notebook API in static methods, for any Java kernel ({@code import static
 * dev.tdr.notebook.TdrNotebook.*;}): {@code sql(...)}, {@code profile(df)}, {@code search(...)},
 * {@code describe(...)}, {@code catalog()}. The session is made from the {@code TDR_*}
 * environment on first use, or set with {@link #use(NotebookSession)}.
 */
public final class TdrNotebook {
  private static volatile NotebookSession session;
  private static final Map<String, Object> HANDOFF = new ConcurrentHashMap<>();

  private TdrNotebook() {}

  /**
   * Starts warming TDR's part decoder in the background (once per JVM), so the notebook's first
   * query finds it compiled; the kernel adapters call it when TDR is loaded, while the user types.
   */
  public static void warmUp() {
    dev.tdr.core.read.PartReader.warmUp();
  }

  /** The notebook's session (made from the environment on first use). */
  public static synchronized NotebookSession session() {
    if (session == null) {
      session = call(NotebookSession::fromEnvironment);
    }
    return session;
  }

  /** Makes {@code s} the notebook's session (closing the previous one). */
  public static synchronized void use(NotebookSession s) {
    if (session != null && session != s) {
      session.close();
    }
    session = Objects.requireNonNull(s);
  }

  /**
   * A TDR error met in a notebook: the message says it all, so it carries no stack trace (a
   * kernel shows one line, not a wall of frames).
   */
  public static final class NotebookError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotebookError(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * {@code body}'s value; the errors a user can meet and fix (bad input, failed queries, S3 or
   * network trouble) as {@link NotebookError}. Anything else (a bug) keeps its stack trace.
   */
  public static <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (TdrException | java.io.UncheckedIOException | IllegalArgumentException
        | software.amazon.awssdk.core.exception.SdkException e) {
      throw new NotebookError(Messages.describe(e));
    }
  }

  /** Runs {@code sql} (snippets expanded) along the automatic route. */
  public static DataFrame sql(String sql) {
    return call(() -> session().sql("", sql).df());
  }

  /** A data profile of {@code df} (shown as HTML with charts when it is a cell's value). */
  public static Profile profile(DataFrame df) {
    if (df == null) {
      throw new NotebookError("profile(df): df is null; run a %%sql cell first, or pass a DataFrame");
    }
    return Profile.of(df);
  }

  public static Catalog catalog() {
    return call(() -> session().catalog());
  }

  /** Catalog search by keywords or {@code /regex/}, best first. */
  public static DataFrame search(String query) {
    return call(() -> catalog().searchFrame(query));
  }

  /** A table's columns, types and descriptions. */
  public static Catalog.TableInfo describe(String table) {
    return call(() -> catalog().describe(table));
  }

  /** The MIME bundle TDR shows for {@code value}. */
  public static DisplayBundle bundle(Object value) {
    return session == null ? Display.of(value) : session.display(value);
  }

  /** Kernel adapters: runs {@code code} as the kernel's own (JShell) code. */
  public interface KernelEval {
    void eval(String code) throws Exception;
  }

  /**
   * Kernel adapters: runs a {@code %%sql} cell as kernel code. Kernels interrupt only the code
   * they run (rapaio and JJava interrupt JShell's thread; they tell magics nothing), so the magic
   * hands the cell to {@link #runCell} there, where the wait for the query is interruptible and an
   * interrupt cancels the query on the server and deletes its files.
   */
  public static CellResult cellAsKernelCode(String args, String body, KernelEval kernel) throws Exception {
    String key = "cell:" + java.util.UUID.randomUUID();
    handOff(key, new String[] {args, body});
    boolean ran;
    try {
      kernel.eval("dev.tdr.notebook.TdrNotebook.runCell(\"" + key + "\");");
    } catch (Exception e) {
      Object failure = take(key + ":result");
      if (failure instanceof Exception ex) {
        throw ex;
      }
      // the interrupt ended the kernel code before the cell could report: the query was cancelled
      throw new NotebookSession.CellInterrupted("the query was cancelled on the server");
    } finally {
      ran = take(key) == null; // runCell takes the cell first thing
    }
    if (!ran) {
      throw new IllegalStateException("the kernel did not run the cell's code (a kernel that was interrupted may"
          + " run no more code: restart it)");
    }
    Object r = take(key + ":result");
    if (r instanceof CellResult cell) {
      return cell;
    }
    if (r instanceof Exception e) {
      throw e;
    }
    if (r instanceof Error e) {
      throw e;
    }
    // the kernel's code runner gave up on the cell's code (an interrupt): the query was cancelled
    throw new NotebookSession.CellInterrupted("the query was cancelled on the server");
  }

  /**
   * Kernel adapters: runs the {@code %%sql} cell handed off under {@code key} ({args, body}) on
   * this thread, the kernel's code thread, where an interrupt reaches the wait for the query and
   * cancels it; leaves the {@link CellResult} or the failure under {@code key + ":result"}.
   */
  public static void runCell(String key) {
    String[] cell = take(key);
    try {
      handOff(key + ":result", session().sql(cell[0], cell[1]));
    } catch (RuntimeException | Error e) {
      handOff(key + ":result", e);
      if (e instanceof ThreadDeath) {
        throw e;
      }
    }
  }

  /** Kernel adapters: leaves {@code value} to be picked up by generated code in the kernel. */
  public static void handOff(String key, Object value) {
    HANDOFF.put(key, value);
  }

  /** Kernel adapters: the value left under {@code key}, removed. */
  @SuppressWarnings("unchecked")
  public static <T> T take(String key) {
    return (T) HANDOFF.remove(key);
  }
}
