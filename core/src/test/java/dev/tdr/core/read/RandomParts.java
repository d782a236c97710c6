package dev.tdr.core.read;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random parts as Redshift's UNLOAD writes them (FORMAT CSV: a field quoted only if it holds the
 * delimiter, a quote, CR or LF), with the values that break readers: quotes, delimiters, CR/LF and
 * backslashes inside strings, NULL next to the empty string, unicode, extreme numbers, NaN and
 * infinities, dates before year 1, huge fields; and now and then a value written in a form Redshift
 * does not use but a reader must still take (a quoted number, {@code +5}, {@code 1.500}).
 */
final class RandomParts {
  static final ColumnType[] ALL = {ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT,
      ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.REAL, ColumnType.DOUBLE, ColumnType.BOOLEAN,
      ColumnType.CHAR, ColumnType.VARCHAR, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ,
      ColumnType.TIME, ColumnType.TIMETZ, ColumnType.VARBYTE, ColumnType.SUPER, ColumnType.DECIMAL};

  private static final String[] PIECES = {"", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\\", "\\n", "ünïcødé",
      "🎉", "日本語", "\t", " ", "NULL", "null", "a", "plain text", "x,y", "'quoted'", "\"a\",\"b\"", "\u0000",
      "€", "\u00a0", "NULL-tdr-", ";", "|"};

  private final Random random;
  private final String nullMarker;
  private final char delimiter;

  RandomParts(long seed, String nullMarker, char delimiter) {
    this.random = new Random(seed);
    this.nullMarker = nullMarker;
    this.delimiter = delimiter;
  }

  /** A schema of every type (DECIMAL as (12,2), (38,10) and unconstrained). */
  static Schema schema() {
    List<Column> cols = new ArrayList<>();
    int decimals = 0;
    for (int i = 0; i < ALL.length; i++) {
      ColumnType t = ALL[i];
      int p = 0;
      int s = 0;
      if (t == ColumnType.DECIMAL) {
        p = decimals == 0 ? 12 : decimals == 1 ? 38 : 0;
        s = decimals == 0 ? 2 : decimals == 1 ? 10 : 0;
        decimals++;
      }
      cols.add(new Column("c" + (i + 1), t, p, s, t.name().toLowerCase()));
    }
    return new Schema(cols);
  }

  /** {@code rows} random rows of {@code schema} as CSV bytes. */
  byte[] part(Schema schema, int rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < schema.size(); c++) {
        if (c > 0) {
          out.write(delimiter);
        }
        write(out, schema.column(c));
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  private void write(ByteArrayOutputStream out, Column col) {
    boolean superColumn = col.type() == ColumnType.SUPER;
    if (random.nextInt(8) == 0) {
      // NULL: the marker, or (SUPER, or no marker) an empty field
      if (nullMarker != null && !superColumn) {
        field(out, nullMarker, random.nextInt(20) == 0);
      }
      return;
    }
    String v = value(col);
    boolean forceQuotes = random.nextInt(30) == 0;
    field(out, v, forceQuotes);
  }

  private void field(ByteArrayOutputStream out, String v, boolean forceQuotes) {
    boolean quote = forceQuotes;
    for (int i = 0; i < v.length() && !quote; i++) {
      char ch = v.charAt(i);
      quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
    }
    byte[] bytes = (quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v).getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  private String value(Column col) {
    Random r = random;
    switch (col.type()) {
      case SMALLINT:
        return pick(String.valueOf((short) r.nextInt()), "32767", "-32768", "0", "+7", "007");
      case INTEGER:
        return pick(String.valueOf(r.nextInt()), String.valueOf(r.nextInt(1000)), "2147483647", "-2147483648",
            "0", "-0", "+12", "0000000042", "999999999", "-999999999");
      case BIGINT:
        return pick(String.valueOf(r.nextLong()), String.valueOf(r.nextInt()), "9223372036854775807",
            "-9223372036854775808", "0", "999999999999999999", "-1000000000000000000", "+1");
      case DECIMAL: {
        int scale = col.precision() == 0 ? r.nextInt(6) : col.scale();
        int digits = col.precision() == 0 ? 1 + r.nextInt(20) : col.precision();
        BigInteger unscaled = new BigInteger(digits * 3, r).mod(BigInteger.TEN.pow(digits));
        if (r.nextBoolean()) {
          unscaled = unscaled.negate();
        }
        String canonical = new BigDecimal(unscaled, scale).toPlainString();
        return pick(canonical, canonical, canonical, "0." + "0".repeat(scale), "-0." + "0".repeat(scale),
            "5", "1.5", "1.500", "+3.25", "1e2", ".5", "5.");
      }
      case REAL: {
        float f = Float.intBitsToFloat(r.nextInt());
        return pick(Float.toString(f), String.valueOf(r.nextFloat() * 1000), "nan", "inf", "-inf", "NaN",
            "3.4028235e+38", "1.4e-45", "-0", "0", "1e10", "Infinity");
      }
      case DOUBLE: {
        double d = Double.longBitsToDouble(r.nextLong());
        return pick(Double.toString(d), String.valueOf(r.nextDouble() * 1e6), "nan", "inf", "-inf",
            "1.7976931348623157e+308", "4.9e-324", "-0", "123456789012345678901234567890", "0.1", "1E-7",
            "-Infinity", "2.5d");
      }
      case BOOLEAN:
        return pick("t", "f", "t", "f", "true", "FALSE", "1", "0", "T");
      case CHAR:
      case VARCHAR:
        return text();
      case SUPER:
        return pick("{\"a\":[1,2],\"b\":\"x, y\"}", "[]", "null", "\"str\"", "123", "{\"q\":\"\\\"\"}", text());
      case DATE: {
        LocalDate d = LocalDate.ofEpochDay(r.nextInt(4_000_000) - 1_000_000);
        return pick(date(d), date(d), date(LocalDate.of(1, 1, 1)), date(LocalDate.of(9999, 12, 31)),
            date(LocalDate.of(2024, 2, 29)), "0044-03-15 BC", date(LocalDate.of(1970, 1, 1)));
      }
      case TIMESTAMP:
      case TIMESTAMPTZ: {
        long micros = (long) (r.nextDouble() * 4e17) - 1_000_000_000_000_000L;
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), 0, ZoneOffset.UTC)
            .withNano((int) Math.floorMod(micros, 1_000_000) * 1000);
        String s = date(t.toLocalDate()) + " " + time(t.toLocalTime());
        if (t.getYear() <= 0) {
          s = s.replace(" BC", "") + " BC"; // Redshift puts the era last
        }
        if (col.type() == ColumnType.TIMESTAMPTZ) {
          int bc = s.indexOf(" BC");
          s = bc < 0 ? s + pick("+00", "+00", "+00", "+05:30", "-08") : s.substring(0, bc) + "+00 BC";
        }
        return pick(s, s, s, "2000-01-02 12:34:56" + (col.type() == ColumnType.TIMESTAMPTZ ? "+00" : ""),
            "2000-01-02 12:34:56.5" + (col.type() == ColumnType.TIMESTAMPTZ ? "+00" : ""));
      }
      case TIME:
        return pick(time(LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000L) * 1000)), "00:00:00", "23:59:59.999999",
            "24:00:00");
      case TIMETZ:
        return pick(time(LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000L) * 1000)) + "+00", "04:05:06+00",
            "23:00:00-02", "00:00:00+05:30");
      case VARBYTE: {
        byte[] b = new byte[r.nextInt(12)];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
      }
      default:
        throw new IllegalStateException(col.type().name());
    }
  }

  private String text() {
    Random r = random;
    int kind = r.nextInt(20);
    if (kind == 0) {
      return "";
    }
    if (kind == 1) {
      return "big:" + "x,\"\n".repeat(r.nextInt(30_000));
    }
    if (kind == 2) {
      return nullMarker == null ? "NULL" : nullMarker + "x";
    }
    if (kind < 8) {
      return pick("roku", "firetv", "android", "ios", "web"); // a categorical value
    }
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String date(LocalDate d) {
    if (d.getYear() <= 0) {
      return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
    return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  private String time(LocalTime t) {
    String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      String f = String.format("%06d", micros);
      if (random.nextBoolean()) {
        f = f.replaceAll("0+$", "");
      }
      s += "." + f;
    }
    return s;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
