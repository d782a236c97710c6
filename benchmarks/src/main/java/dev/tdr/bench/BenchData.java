package dev.tdr.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's data: a deterministic table with a realistic mixed schema (ints, bigints,
 * decimals, doubles, booleans, dates, timestamps, short and long strings with quotes, commas and
 * newlines, about 10% NULLs), sized in rows to give about the requested CSV bytes. The same
 * rows on every machine (no random()); a table of the right row count is reused.
 */
public final class BenchData {
  private BenchData() {}

  /** The columns' SQL, row {@code g} of the series. */
  static String select(long rows) {
    return "select g::bigint as id,"
        + " case when g % 10 = 1 then null else ((g * 7919) % 1000000)::int end as qty,"
        // the cast outside the CASE: PostgreSQL's CASE drops a numeric's (12,2), Redshift's keeps it
        + " (case when g % 10 = 2 then null else (((g * 104729) % 100000000) / 100.0) end)::numeric(12,2) as amount,"
        + " case when g % 10 = 3 then null else ((g * 31) % 100000) / 7.0::float8 end as ratio,"
        + " case when g % 10 = 4 then null else g % 3 = 0 end as flag,"
        + " case when g % 10 = 5 then null else date '2020-01-01' + (g % 1500)::int end as day,"
        + " case when g % 10 = 6 then null else timestamp '2020-01-01' + ((g * 37) % 100000000) * interval '1 second' end as ts,"
        + " case when g % 10 = 7 then null else 'c' || (g % 5000) end as code,"
        + " case when g % 10 = 8 then null"
        + "      when g % 5 = 0 then 'A \"quoted\" note, with commas; and a newline' || chr(10) || 'line two #' || g"
        + "      when g % 5 = 1 then repeat('lorem ipsum ', (1 + g % 8)::int) || g"
        + "      else 'plain text ' || md5(g::text) end as note"
        + " from generate_series(1::bigint, " + rows + "::bigint) g";
  }

  /** The table holding {@code rows} rows, created if needed. */
  static String ensure(Connection c, long rows) throws SQLException {
    String table = "tdr_bench_v2_" + rows; // v2: amount is numeric(12,2), as Redshift types it
    try (Statement s = c.createStatement()) {
      if (count(s, table) == rows) {
        return table;
      }
      s.execute("drop table if exists " + table);
      s.execute("create table " + table + " as " + select(rows));
      s.execute("analyze " + table);
    }
    return table;
  }

  private static long count(Statement s, String table) {
    try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1; // no such table yet
    }
  }
}
