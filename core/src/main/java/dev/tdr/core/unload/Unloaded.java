package dev.tdr.core.unload;

import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.s3.S3Uri;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A finished UNLOAD, ready to be read: where its parts are, what is in them and how to read
 * them. Plain values only (no Spark, no open resources), so both readers can use it.
 *
 * @param query the user's query as run (trailing terminators and comments removed)
 * @param schema the result columns
 * @param dialect how the parts were written
 * @param prefix the run's S3 prefix, deleted after reading unless files are kept
 * @param manifest the validated manifest (empty if no rows)
 * @param sort sort to apply after reading (the query's outermost ORDER BY), or empty
 * @param rows rows unloaded, as reported by {@code pg_last_unload_count()}
 * @param statement the UNLOAD statement, secrets removed
 * @param unloadTime time the UNLOAD took
 */
public record Unloaded(String query, Schema schema, CsvDialect dialect, S3Uri prefix,
    Manifest manifest, List<SortKey> sort, long rows, String statement, Duration unloadTime)
    implements Serializable {
  public Unloaded {
    sort = List.copyOf(sort);
  }
}
