package dev.tdr.bench;

import dev.tdr.QueryResult;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;

/**
 * One query in a fresh JVM, as the command line and a new notebook run it: the process's whole
 * life (JVM start, class loading, clients, JIT, the query into a DataFrame) is what {@link Bench}
 * times for the cold paths. Settings come from the {@code TDR_*} environment.
 *
 * <p>Usage: {@code ColdRun PATH TABLE ROWS}, PATH {@code tdr-local-cold} or {@code jdbc-default-cold}.
 */
public final class ColdRun {
  private ColdRun() {}

  public static void main(String[] args) throws Exception {
    BenchPath path = BenchPath.of(args[0]);
    String sql = "select * from " + args[1];
    long expected = Long.parseLong(args[2]);
    TdrConfig config = TdrConfig.fromEnvironment();
    long rows;
    switch (path) {
      case TDR_LOCAL_COLD -> {
        try (Tdr tdr = Tdr.connect(config); QueryResult r = tdr.query(sql)) {
          rows = r.forceLocal().height();
        }
      }
      case JDBC_DEFAULT_COLD -> rows = PathRunner.jdbcDefault(config, sql).height();
      default -> throw new IllegalArgumentException("not a cold path: " + path.label());
    }
    if (rows != expected) {
      throw new IllegalStateException(path.label() + " returned " + rows + " rows, expected " + expected);
    }
    System.out.println("rows=" + rows);
    System.out.flush();
    System.exit(0);
  }
}
