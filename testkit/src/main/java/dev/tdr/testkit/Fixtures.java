package dev.tdr.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/** Test data shared by the emulator's and the readers' tests. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * Creates table {@code name} with one column of every Redshift type and five rows of nasty
   * values: quotes, backslashes, newlines and delimiters in strings, NULL and the empty string,
   * unicode, extreme numbers, NaN and infinities, timestamps with and without zone, VARBYTE and
   * SUPER. Columns: {@code id, i2, i8, num (numeric(38,10)), r, d, b, c (char(5)), v
   * (varchar(100)), dt, ts, tstz, t, ttz, vb (varbyte(16)), s (super)}.
   */
  public static void nastyValues(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("drop table if exists " + name);
      s.execute("create table " + name + " (id int, i2 smallint, i8 bigint, num numeric(38,10), "
          + "r real, d double precision, b boolean, c char(5), v varchar(100), dt date, "
          + "ts timestamp, tstz timestamptz, t time, ttz timetz, vb varbyte(16), s super)");
    }
    String insert = "insert into " + name + " values (?, ?::smallint, ?::bigint, ?::numeric, "
        + "?::real, ?::float8, ?::boolean, ?, ?, ?::date, ?::timestamp, ?::timestamptz, ?::time, "
        + "?::timetz, from_hex(?), json_parse(?))";
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      row(ps, "1", "32767", "9223372036854775807", "1234567890123456789012345678.0123456789",
          "3.4028235e38", "1.7976931348623157e308", "true", "ab", "plain", "2008-01-04",
          "2000-01-02 12:34:56.789012", "2000-01-02 12:34:56.789012-05", "04:05:06.5",
          "04:05:06+02", "00FF10", "{\"a\": [1, 2], \"b\": \"x y\"}");
      row(ps, "2", "-32768", "-9223372036854775808", "-0.0000000001", "NaN", "Infinity", "false",
          "abcde", "comma,quote\"back\\slash|pipe", "0001-01-01", "1999-12-31 23:59:59",
          "1970-01-01 00:00:00+00", "00:00:00", "23:59:59.999999+00", "", "\"str\"");
      row(ps, "3", "0", "0", "0", "-Infinity", "5e-324", null, "", "line1\nline2\r\nend",
          "9999-12-31", "2024-02-29 00:00:00.1", "2024-06-30 23:00:00+02", "12:00:00",
          "12:00:00-03:30", null, "null");
      row(ps, "4", null, null, null, null, null, null, null, "", null, null, null, null, null, null, null);
      row(ps, "5", null, null, null, null, null, null, null, "ünïcødé 🎉 日本\ttab", null, null,
          null, null, null, null, "{\"emoji\": \"🎉\", \"esc\": \"a\\\"b\"}");
    }
  }

  private static void row(PreparedStatement ps, String... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else if (i == 0) {
        ps.setInt(1, Integer.parseInt(values[0]));
      } else {
        ps.setString(i + 1, values[i]);
      }
    }
    ps.executeUpdate();
  }
}
