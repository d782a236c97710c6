package dev.tdr.bench.jmh;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV parts as UNLOAD writes them for the benchmark table (same columns, same kinds of values,
 * about 10% NULLs), generated in memory, so the JMH benchmarks need no emulator.
 */
public final class SyntheticParts {
  private SyntheticParts() {}

  /** The benchmark table's schema. */
  public static Schema schema() {
    return new Schema(List.of(
        new Column("id", ColumnType.BIGINT, 19, 0, "int8"),
        new Column("qty", ColumnType.INTEGER, 10, 0, "int4"),
        new Column("amount", ColumnType.DECIMAL, 12, 2, "numeric"),
        new Column("ratio", ColumnType.DOUBLE, 17, 17, "float8"),
        new Column("flag", ColumnType.BOOLEAN, 1, 0, "bool"),
        new Column("day", ColumnType.DATE, 13, 0, "date"),
        new Column("ts", ColumnType.TIMESTAMP, 29, 6, "timestamp"),
        new Column("code", ColumnType.VARCHAR, 256, 0, "varchar"),
        new Column("note", ColumnType.VARCHAR, 65535, 0, "varchar")));
  }

  /** {@code parts} parts of {@code rowsPerPart} rows each, NULL written as {@code dialect}'s marker. */
  public static List<byte[]> generate(CsvDialect dialect, int parts, int rowsPerPart) {
    DateTimeFormatter ts = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    String nul = dialect.nullMarker();
    List<byte[]> out = new ArrayList<>();
    long g = 1;
    for (int p = 0; p < parts; p++) {
      StringBuilder sb = new StringBuilder(rowsPerPart * 140);
      for (int r = 0; r < rowsPerPart; r++, g++) {
        sb.append(g).append(',');
        sb.append(g % 10 == 1 ? nul : String.valueOf((g * 7919) % 1000000)).append(',');
        sb.append(g % 10 == 2 ? nul : java.math.BigDecimal.valueOf((g * 104729) % 100000000, 2).toPlainString()).append(',');
        sb.append(g % 10 == 3 ? nul : String.valueOf(((g * 31) % 100000) / 7.0)).append(',');
        sb.append(g % 10 == 4 ? nul : (g % 3 == 0 ? "t" : "f")).append(',');
        sb.append(g % 10 == 5 ? nul : LocalDate.of(2020, 1, 1).plusDays(g % 1500).toString()).append(',');
        sb.append(g % 10 == 6 ? nul : ts.format(LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds((g * 37) % 100000000)))
            .append(',');
        sb.append(g % 10 == 7 ? nul : "c" + (g % 5000)).append(',');
        if (g % 10 == 8) {
          sb.append(nul);
        } else if (g % 5 == 0) {
          sb.append("\"A \"\"quoted\"\" note, with commas; and a newline\nline two #").append(g).append('"');
        } else if (g % 5 == 1) {
          sb.append("lorem ipsum ".repeat((int) (1 + g % 8))).append(g);
        } else {
          sb.append("plain text ").append(Long.toHexString(g * 0x9E3779B97F4A7C15L)).append(Long.toHexString(g));
        }
        sb.append('\n');
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.add(bytes.toByteArray());
    }
    return out;
  }
}
