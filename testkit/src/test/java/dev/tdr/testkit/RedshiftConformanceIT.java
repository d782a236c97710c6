package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redshift statements with the answers the AWS SQL reference documents ({@code
 * conformance/*.txt}, each entry citing its page), run through redshift-jdbc42 against
 * the emulator. An entry marked {@code # differs: why} is a known difference and must still
 * differ (so that the mark goes when the emulator is fixed); {@code => ERROR} must fail.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class RedshiftConformanceIT {
  /** The corpus files, by topic. */
  static final List<String> CORPUS = List.of("conformance/datetime.txt", "conformance/functions.txt");

  record Entry(String file, int line, String ref, String sql, String expected, String differs) {
    @Override
    public String toString() {
      return file.substring(file.indexOf('/') + 1) + ":" + line + ": " + sql;
    }
  }

  static List<Entry> corpus() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String file : CORPUS) {
      read(file, out);
    }
    return out;
  }

  private static void read(String file, List<Entry> out) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(RedshiftConformanceIT.class.getResourceAsStream(file), file),
        StandardCharsets.UTF_8))) {
      String ref = null;
      String differs = null;
      String sql = null;
      int sqlLine = 0;
      int n = 0;
      String line;
      while ((line = r.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty()) {
          ref = null;
          differs = null;
          sql = null;
        } else if (s.startsWith("# ref:")) {
          ref = s.substring("# ref:".length()).strip();
        } else if (s.startsWith("# differs:")) {
          differs = s.substring("# differs:".length()).strip();
        } else if (s.startsWith("#")) {
          // a note or a section header
        } else if (s.startsWith("=>")) {
          if (sql == null) {
            throw new IllegalStateException(file + " line " + n + ": an answer without a statement");
          }
          out.add(new Entry(file, sqlLine, ref, sql, s.substring(2).strip(), differs));
        } else {
          sql = s;
          sqlLine = n;
        }
      }
    }
  }

  private static Connection connection;

  @BeforeAll
  static void connect(RedshiftEmulator emu) throws SQLException {
    connection = Clients.redshift(emu, Clients.noRingBuffer());
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /**
   * The one value of {@code sql} as Redshift's clients print it, or "ERROR". A REAL or DOUBLE
   * PRECISION value is written without trailing zeros or exponent ({@code 5}, {@code 1199217600}),
   * as the reference prints them (the driver's text of a double depends on its transfer format);
   * DECIMALs keep their scale.
   */
  static String answer(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        return "(no row)";
      }
      int type = rs.getMetaData().getColumnType(1);
      if (type == Types.BOOLEAN || type == Types.BIT) {
        return rs.getObject(1) == null ? "NULL" : String.valueOf(rs.getBoolean(1));
      }
      if (type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL) {
        double d = rs.getDouble(1);
        return rs.wasNull() ? "NULL" : plain(Double.toString(d));
      }
      String v = rs.getString(1);
      return v == null ? "NULL" : v;
    } catch (SQLException e) {
      return "ERROR";
    }
  }

  private static String plain(String number) {
    try {
      return new java.math.BigDecimal(number).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return number; // NaN, Infinity
    }
  }

  /** Equal as the reference means it: a number the reference prints as a double compares as one. */
  static boolean same(String expected, String got) {
    return expected.equals(got) || (expected.matches("-?[0-9.]+") && plain(expected).equals(got));
  }

  @Test
  void theCorpusIsLargeEnoughAndCitesItsSources() throws IOException {
    List<Entry> entries = corpus();
    assertThat(entries).hasSizeGreaterThanOrEqualTo(150);
    assertThat(entries).allSatisfy(e -> assertThat(e.ref()).as("%s", e).startsWith("https://docs.aws.amazon.com/redshift/"));
  }

  @TestFactory
  Stream<DynamicTest> everyStatementAnswersAsTheReferenceSays() throws IOException {
    return corpus().stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
      String got = answer(connection, e.sql());
      if (e.differs() == null) {
        assertThat(same(e.expected(), got)).as("%s (%s): expected %s, got %s", e.sql(), e.ref(), e.expected(), got)
            .isTrue();
      } else {
        assertThat(same(e.expected(), got)).as("%s is marked as a known difference (%s); it now answers as "
            + "documented: remove the mark", e.sql(), e.differs()).isFalse();
      }
    }));
  }
}
