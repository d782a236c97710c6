package dev.tdr.local;

import dev.tdr.core.Column;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.RowSink;
import dev.tdr.core.read.Columns;
import dev.tdr.core.QueryCancelledException;
import dev.tdr.core.QueryFailedException;
import dev.tdr.core.csv.ValueParser;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.UnloadEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.dflib.DataFrame;

/**
 * Fetches a query over plain JDBC into the same DataFrame types the local reader produces, for
 * comparison and as the baseline of the benchmarks. Values are read as {@code java.time} types
 * (so dates before 1582 are right); CHAR values lose their trailing blanks, as UNLOAD writes them.
 */
public final class JdbcReader {
  private static final int FETCH_SIZE = 10_000;

  private JdbcReader() {}

  /** Runs {@code sql} over JDBC with the engine's connection settings. */
  public static DataFrame read(UnloadEngine engine, String sql, QueryControl control) {
    return read(engine, sql, control, null);
  }

  /**
   * Runs {@code sql} over JDBC on {@code session}, the caller's connection (left open, its
   * transaction state untouched, so the rows are fetched at once), or with null on a connection of
   * its own (fetched in batches).
   */
  public static DataFrame read(UnloadEngine engine, String sql, QueryControl control, Connection session) {
    return read(engine, sql, control, session, dev.tdr.core.TdrListener.NONE);
  }

  /** As above, telling {@code listener} the rows fetched as they come ({@link dev.tdr.core.TdrListener#rowsFetched}). */
  public static DataFrame read(UnloadEngine engine, String sql, QueryControl control, Connection session,
      dev.tdr.core.TdrListener listener) {
    String query = UnloadEngine.normalize(sql);
    try (Connection owned = session == null ? engine.connect() : null) {
      Connection c = session == null ? owned : session;
      if (session == null) {
        c.setAutoCommit(false); // lets the driver fetch in batches of FETCH_SIZE
      }
      try (Statement s = c.createStatement()) {
        s.setFetchSize(FETCH_SIZE);
        if (engine.config().queryTimeout() != null) {
          s.setQueryTimeout((int) Math.max(1, Math.ceil(engine.config().queryTimeout().toMillis() / 1000.0)));
        }
        control.running(s);
        try (ResultSet rs = s.executeQuery(query)) {
          DataFrame df = read(rs, listener);
          if (control.cancelled()) {
            throw new QueryCancelledException("while its rows were fetched", null);
          }
          return df;
        } finally {
          control.running(null);
          if (session == null) {
            c.rollback();
          }
        }
      }
    } catch (SQLException e) {
      dev.tdr.core.QueryTimeoutException timeout = dev.tdr.core.QueryTimeoutException.of(e, engine.config(), control);
      if (timeout != null) {
        throw timeout;
      }
      if (control.cancelled()) {
        throw new QueryCancelledException("on the server", e);
      }
      throw new QueryFailedException(e.getSQLState(), e.getMessage(), query, e);
    }
  }

  /** The schema of {@code sql} from statement metadata. */
  static Schema schema(ResultSetMetaData md) throws SQLException {
    return dev.tdr.core.jdbc.JdbcSchema.of(md).schema();
  }

  /** Reads every row of {@code rs}. */
  public static DataFrame read(ResultSet rs) throws SQLException {
    return read(rs, dev.tdr.core.TdrListener.NONE);
  }

  private static DataFrame read(ResultSet rs, dev.tdr.core.TdrListener listener) throws SQLException {
    long t0 = System.nanoTime();
    Schema schema = schema(rs.getMetaData());
    Columns store = new Columns(schema, 1024);
    int n = schema.size();
    int row = 0;
    RowSink sink = store.rowSink(0, store.capacity());
    while (rs.next()) {
      if (row == store.capacity()) {
        store = store.resized(Math.max(row + 1, row + (row >> 1)));
        sink = store.rowSink(row, store.capacity());
      }
      for (int c = 0; c < n; c++) {
        read(rs, c, schema.column(c), sink);
      }
      sink.endRow();
      row++;
      if ((row & 8191) == 0) {
        listener.rowsFetched(row, java.time.Duration.ofNanos(System.nanoTime() - t0));
      }
    }
    listener.readFinished(row, java.time.Duration.ofNanos(System.nanoTime() - t0));
    return Frames.of(store, row, null);
  }

  private static void read(ResultSet rs, int c, Column col, RowSink sink) throws SQLException {
    int i = c + 1;
    switch (col.type()) {
      case SMALLINT, INTEGER -> {
        int v = rs.getInt(i);
        if (rs.wasNull()) {
          sink.nullValue(c);
        } else {
          sink.intValue(c, v);
        }
      }
      case BIGINT -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          sink.nullValue(c);
        } else {
          sink.longValue(c, v);
        }
      }
      case REAL -> {
        float v = rs.getFloat(i);
        if (rs.wasNull()) {
          sink.nullValue(c);
        } else {
          sink.floatValue(c, v);
        }
      }
      case DOUBLE -> {
        double v = rs.getDouble(i);
        if (rs.wasNull()) {
          sink.nullValue(c);
        } else {
          sink.doubleValue(c, v);
        }
      }
      case BOOLEAN -> {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
          sink.nullValue(c);
        } else {
          sink.booleanValue(c, v);
        }
      }
      case DECIMAL -> {
        BigDecimal v = rs.getBigDecimal(i);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.decimalValue(c, v);
        }
      }
      case CHAR -> {
        String v = rs.getString(i);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.stringValue(c, stripBlanks(v));
        }
      }
      case VARCHAR, SUPER -> {
        String v = rs.getString(i);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.stringValue(c, v);
        }
      }
      case DATE -> {
        LocalDate v = rs.getObject(i, LocalDate.class);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.dateValue(c, (int) v.toEpochDay());
        }
      }
      case TIMESTAMP -> {
        LocalDateTime v = rs.getObject(i, LocalDateTime.class);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.timestampValue(c, micros(v.toEpochSecond(ZoneOffset.UTC), v.getNano()));
        }
      }
      case TIMESTAMPTZ -> {
        OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.timestampValue(c, micros(v.toEpochSecond(), v.getNano()));
        }
      }
      case TIME -> {
        LocalTime v = rs.getObject(i, LocalTime.class);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.timeValue(c, v.toNanoOfDay() / 1000);
        }
      }
      case TIMETZ -> {
        String v = rs.getString(i);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.timeValue(c, ValueParser.parseTimeTz(v));
        }
      }
      case VARBYTE, GEOMETRY -> {
        String v = rs.getString(i);
        if (v == null) {
          sink.nullValue(c);
        } else {
          sink.bytesValue(c, ValueParser.parseHex(v));
        }
      }
      default -> throw new IllegalStateException(col.type().name());
    }
  }

  private static String stripBlanks(String v) {
    int end = v.length();
    while (end > 0 && v.charAt(end - 1) == ' ') {
      end--;
    }
    return end == v.length() ? v : v.substring(0, end);
  }

  private static long micros(long epochSecond, int nanos) {
    return epochSecond * 1_000_000L + nanos / 1000;
  }
}
