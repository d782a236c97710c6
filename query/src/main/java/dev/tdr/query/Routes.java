package dev.tdr.query;

import dev.tdr.QueryResult;
import dev.tdr.QueryStats;
import dev.tdr.RenderedSql;
import dev.tdr.Route;
import dev.tdr.Tdr;
import dev.tdr.core.ConfigException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.unload.QueryControl;
import java.time.Duration;
import org.dflib.DataFrame;

/** One query along the chosen route, into a DataFrame: shared by {@code tdr query}, {@code tdr sql} and {@code %%sql}. */
public final class Routes {
  private Routes() {}

  /**
   * A query's rows, how they were read, and where its UNLOAD wrote (the S3 prefix; null on the JDBC
   * route, which writes nothing): the files are there only when kept ({@code --keep-files}).
   */
  public record Outcome(DataFrame df, QueryStats stats, String prefix) {}

  /**
   * Runs {@code sql} (rendered once, by the caller; never again here) via {@code via}. {@code
   * keepSpark} leaves a local Spark session running for the next query (the shell); otherwise it
   * is stopped.
   */
  public static Outcome run(Tdr tdr, TdrConfig config, Route via, RenderedSql sql, TdrListener listener,
      QueryControl control, boolean keepSpark) {
    return run(tdr, config, via, sql, listener, control, keepSpark, null);
  }

  /**
   * As above, on {@code session} (the caller's connection, left open; null for connections of the
   * engine's own) for the local and JDBC routes, so the query sees that session's temporary tables
   * and settings. The Spark route always runs on connections of its own: a relation that only this
   * session can see is an error there that says so.
   */
  public static Outcome run(Tdr tdr, TdrConfig config, Route via, RenderedSql sql, TdrListener listener,
      QueryControl control, boolean keepSpark, java.sql.Connection session) {
    long t0 = System.nanoTime();
    switch (via) {
      case JDBC -> {
        DataFrame df = tdr.queryJdbc(sql, control, session, listener);
        return new Outcome(df, new QueryStats(Route.JDBC, 0, 0, df.height(), Duration.ZERO, since(t0)), null);
      }
      case SPARK -> {
        SparkRoute.Result res;
        try {
          Schema schema = tdr.describe(sql);
          res = SparkRoute.query(config, schema, sql, keepSpark, listener);
        } catch (dev.tdr.core.DatabaseException e) {
          if (session != null && "42P01".equals(e.sqlState())) {
            throw new ConfigException(Messages.describe(e) + "\n  the spark route runs on connections of its own:"
                + " temporary tables and SET of this session are not visible there; use \\via local or \\via jdbc");
          }
          throw e;
        } catch (NoClassDefFoundError e) {
          throw new ConfigException("the spark route needs Spark on the class path: run it with ./tdr,"
              + " which adds Spark's jars (" + e.getMessage() + " is missing)");
        }
        DataFrame df = res.df();
        dev.tdr.core.unload.Unloaded u = res.unloaded();
        Duration total = since(t0);
        if (u == null) {
          return new Outcome(df, new QueryStats(Route.SPARK, 0, 0, df.height(), Duration.ZERO, total), null);
        }
        return new Outcome(df, new QueryStats(Route.SPARK, u.manifest().entries().size(), u.manifest().totalBytes(),
            df.height(), u.unloadTime(), total.minus(u.unloadTime())), u.prefix().toString());
      }
      default -> {
        try (QueryResult r = tdr.query(sql, listener, control, session)) {
          DataFrame df = via == Route.LOCAL ? r.forceLocal() : r.toDataFrame();
          return new Outcome(df, r.stats(), r.unloaded().prefix().toString());
        }
      }
    }
  }

  /**
   * {@code 1.204 s via local (UNLOAD 0.902 s, read 0.211 s, 4 parts)}: how long a query took and
   * along which route, as the shell and the notebooks show it.
   */
  public static String timing(Duration elapsed, QueryStats stats) {
    StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%.3f s via %s",
        elapsed.toNanos() / 1e9, stats.route().name().toLowerCase(java.util.Locale.ROOT)));
    if (stats.parts() > 0) {
      b.append(String.format(java.util.Locale.ROOT, " (UNLOAD %.3f s, read %.3f s, %d part%s)",
          stats.unload().toNanos() / 1e9, stats.read().toNanos() / 1e9, stats.parts(), stats.parts() == 1 ? "" : "s"));
    }
    return b.toString();
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
