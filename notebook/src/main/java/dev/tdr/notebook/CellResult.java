package dev.tdr.notebook;

import dev.tdr.query.Routes;
import dev.tdr.QueryStats;
import java.time.Duration;
import org.dflib.DataFrame;

/**
 * What a {@code %%sql} cell produced: the variable name to bind, the rows, how they came and how
 * long it took, and the SQL that ran (snippets expanded). Displayed as its DataFrame with the
 * timing under the table.
 */
public record CellResult(String name, DataFrame df, QueryStats stats, Duration elapsed, String sql) {
  /** {@code 1.204 s via local (UNLOAD 0.902 s, read 0.211 s, 4 parts)}. */
  public String timing() {
    return Routes.timing(elapsed, stats);
  }
}
