package dev.tdr.core.read;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import dev.tdr.core.ColumnType;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.TypedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the CSV of TDR's own UNLOADs (see {@link CsvDialect#byteDecodable()}) from bytes
 * straight into {@link Columns}: no {@code String} per field, no boxing. One pass over the bytes
 * tokenizes and converts: numbers, decimals, booleans, dates and timestamps in the form Redshift
 * writes them are converted from the bytes; a {@code String} is made only for string columns
 * (strict UTF-8), shared for values repeated in the same column of a part ({@link StringCache}).
 * A field in any other form goes through {@link TypedText}, exactly as the general parser converts
 * it, so both readers give the same value and the same verdict for every text. Errors name the
 * part, line and column.
 *
 * <p>The input is read into a buffer that grows for records longer than it; a record cut by the
 * end of the buffer is decoded again once the rest has arrived. Not thread-safe: one decoder per
 * thread, reused across parts.
 */
final class PartDecoder {
  static final int DEFAULT_BUFFER = 1 << 20;
  /** Bytes after the data: the sentinel and room for 8-byte reads past it. */
  private static final int PAD = 16;
  private static final int NEED_MORE = -1;
  private static final int SLOW = -2;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final boolean[] NUMBER_BYTE = new boolean[128];
  private static final double[] POWERS_OF_TEN = new double[23];
  /** Days from 1970-01-01 to January 1st of each year 0..9999. */
  private static final int[] YEAR_START = new int[10_000];
  /** Days before each month (1-based), in common and in leap years. */
  private static final int[][] BEFORE_MONTH = {
      {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
      {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335}};

  static {
    for (char ch : "0123456789+-.eE".toCharArray()) {
      NUMBER_BYTE[ch] = true;
    }
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p; // exact up to 10^22
      p *= 10;
    }
    for (int y = 0; y < YEAR_START.length; y++) {
      YEAR_START[y] = (int) java.time.LocalDate.of(y, 1, 1).toEpochDay();
    }
  }

  private static final int K_INT = 0;
  private static final int K_LONG = 1;
  private static final int K_DECIMAL = 2;
  private static final int K_FLOAT = 3;
  private static final int K_DOUBLE = 4;
  private static final int K_BOOLEAN = 5;
  private static final int K_STRING = 6;
  private static final int K_DATE = 7;
  private static final int K_TIMESTAMP = 8;
  private static final int K_TIMESTAMPTZ = 9;
  /** DECIMAL without a declared precision: each value keeps its own scale. */
  private static final int K_DECIMAL_ANY_SCALE = 10;
  /** Always converted from text: TIME, TIMETZ, VARBYTE, GEOMETRY. */
  private static final int K_TEXT = 11;
  /** A string column held as UTF-8 bytes ({@link Columns.Layout#UTF8}). */
  private static final int K_UTF8 = 12;
  /** A column nobody reads: the field is scanned (quotes checked) and nothing is converted. */
  private static final int K_SKIP = 13;

  private final Schema schema;
  private final int n;
  private final int[] kinds;
  private final boolean[] skipped;
  private final ColumnType[] types;
  private final boolean[] superColumn;
  private final int[] scales;
  private final byte delim;
  private final long delimWord;
  private final byte[] marker;
  /** The marker's first byte, or 0xFF (never in UTF-8) when NULL is an empty field. */
  private final byte markerFirst;
  private final StringCache[] caches;
  private final int initialBuffer;

  private int[][] ints;
  private long[][] longs;
  private float[][] floats;
  private double[][] doubles;
  private boolean[][] booleans;
  private Object[][] objects;
  private long[][] nulls;
  private byte[][] decimalScales;
  private Columns out;
  private int plainLo;
  private int plainHi;

  private InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private String uri;
  private long line;
  private int recordNewlines;
  /** The column being decoded, for errors found while scanning. */
  private int column;

  private byte[] scratch = new byte[256];
  private byte[] vb;
  private int vs;
  private int vl;

  PartDecoder(CsvDialect dialect, Schema schema) {
    this(dialect, schema, DEFAULT_BUFFER, null);
  }

  /** With an initial buffer of {@code bufferBytes} (tests use tiny ones to cut records everywhere). */
  PartDecoder(CsvDialect dialect, Schema schema, int bufferBytes) {
    this(dialect, schema, bufferBytes, null);
  }

  /**
   * {@code skip[c]} true: column {@code c} is read by nobody, so its fields are only scanned (their
   * quoting checked), never converted, and its values in the columns are left as they were.
   */
  PartDecoder(CsvDialect dialect, Schema schema, int bufferBytes, boolean[] skip) {
    if (!dialect.byteDecodable()) {
      throw new IllegalArgumentException("the byte decoder does not read " + dialect);
    }
    this.schema = schema;
    this.n = schema.size();
    this.kinds = new int[n];
    this.types = new ColumnType[n];
    this.superColumn = new boolean[n];
    this.scales = new int[n];
    this.caches = new StringCache[n];
    this.skipped = new boolean[n];
    for (int c = 0; c < n; c++) {
      ColumnType t = schema.column(c).type();
      types[c] = t;
      superColumn[c] = t == ColumnType.SUPER;
      scales[c] = schema.column(c).scale();
      kinds[c] = switch (t) {
        case SMALLINT, INTEGER -> K_INT;
        case BIGINT -> K_LONG;
        case DECIMAL -> Columns.fixedScale(schema.column(c)) ? K_DECIMAL : K_DECIMAL_ANY_SCALE;
        case REAL -> K_FLOAT;
        case DOUBLE -> K_DOUBLE;
        case BOOLEAN -> K_BOOLEAN;
        case CHAR, VARCHAR, SUPER -> K_STRING;
        case DATE -> K_DATE;
        case TIMESTAMP -> K_TIMESTAMP;
        case TIMESTAMPTZ -> K_TIMESTAMPTZ;
        case TIME, TIMETZ, VARBYTE, GEOMETRY -> K_TEXT;
      };
      if (kinds[c] == K_STRING) {
        caches[c] = new StringCache();
      }
      if (skip != null && c < skip.length && skip[c]) {
        skipped[c] = true;
        kinds[c] = K_SKIP;
      }
    }
    this.delim = (byte) dialect.delimiter();
    this.delimWord = ONES * (delim & 0xff);
    this.marker = dialect.nullMarker() == null || dialect.nullMarker().isEmpty() ? null
        : dialect.nullMarker().getBytes(StandardCharsets.UTF_8);
    this.markerFirst = marker == null ? (byte) 0xff : marker[0];
    this.initialBuffer = Math.max(1, bufferBytes);
  }

  /**
   * Starts decoding {@code input} into {@code columns}, whose rows {@code [firstRow, endRow)} this
   * decoder owns (other threads may write the rows around them). {@code firstLine} is the line
   * number of the input's first byte within the part {@code uri}.
   */
  void begin(InputStream input, String partUri, long firstLine, Columns columns, int firstRow, int endRow) {
    this.in = input;
    this.uri = partUri;
    this.line = firstLine;
    if (buf == null || buf.length - PAD < initialBuffer) {
      buf = new byte[initialBuffer + PAD];
    }
    pos = 0;
    limit = 0;
    eof = false;
    buf[0] = '\n';
    if (out != columns) {
      out = columns;
      int cols = n;
      ints = new int[cols][];
      longs = new long[cols][];
      floats = new float[cols][];
      doubles = new double[cols][];
      booleans = new boolean[cols][];
      objects = new Object[cols][];
      nulls = new long[cols][];
      decimalScales = new byte[cols][];
      for (int c = 0; c < cols; c++) {
        decimalScales[c] = columns.decimalScales(c);
        ints[c] = columns.ints(c);
        longs[c] = columns.longs(c);
        floats[c] = columns.floats(c);
        doubles[c] = columns.doubles(c);
        booleans[c] = columns.booleans(c);
        objects[c] = columns.objects(c);
        nulls[c] = columns.nulls(c);
        if (!skipped[c] && (kinds[c] == K_STRING || kinds[c] == K_UTF8)) {
          kinds[c] = columns.layout(c) == Columns.Layout.UTF8 ? K_UTF8 : K_STRING;
        }
      }
    }
    plainLo = (firstRow + 63) >>> 6;
    plainHi = endRow >>> 6;
    for (StringCache cache : caches) {
      if (cache != null) {
        cache.reset();
      }
    }
  }

  /**
   * Decodes up to {@code max} records into rows {@code row, row + 1, ...}; returns how many
   * (fewer only at the end of the input).
   */
  int decode(int row, int max) {
    int done = 0;
    while (done < max) {
      if (pos >= limit) {
        if (!fill()) {
          break;
        }
        continue;
      }
      int r = row + done;
      int end = record(r);
      if (end == NEED_MORE) {
        out.clear(r, r + 1);
        fill();
        continue;
      }
      pos = end;
      line += 1 + recordNewlines;
      done++;
    }
    return done;
  }

  /** True if input is left after the records decoded so far. */
  boolean hasMore() {
    return pos < limit || fill() && pos < limit;
  }

  /** The line number the next record starts on. */
  long line() {
    return line;
  }

  // ------------------------------------------------------------------ input

  /** Reads more input behind the unconsumed bytes; false if the input was already at its end. */
  private boolean fill() {
    if (eof) {
      return false;
    }
    int keep = limit - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, keep);
    }
    if (keep >= buf.length - PAD) {
      buf = Arrays.copyOf(buf, (buf.length - PAD) * 2 + PAD);
    }
    pos = 0;
    limit = keep;
    int cap = buf.length - PAD;
    try {
      while (limit < cap) {
        int got = in.read(buf, limit, cap - limit);
        if (got < 0) {
          eof = true;
          break;
        }
        limit += got;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    buf[limit] = '\n'; // the sentinel: every scan stops here at the latest
    return true;
  }

  // ------------------------------------------------------------------ records and fields

  /** Decodes the record at {@code pos} into row {@code r}; returns where the next one starts, or NEED_MORE. */
  private int record(int r) {
    recordNewlines = 0;
    int p = pos;
    int last = n - 1;
    for (int c = 0; ; c++) {
      int t = field(c, r, p);
      if (t == NEED_MORE || t == limit && !eof) {
        return NEED_MORE;
      }
      if (t == limit) {
        if (c < last) {
          throw error(c, "expected " + n + " fields, found " + (c + 1));
        }
        return limit;
      }
      byte b = buf[t];
      if (c < last) {
        if (b == delim) {
          p = t + 1;
          continue;
        }
        throw error(c, "expected " + n + " fields, found " + (c + 1));
      }
      if (b == '\n') {
        return t + 1;
      }
      throw error(c, "expected " + n + " fields, found more");
    }
  }

  /** Decodes the field of column {@code c} at {@code p}; returns its terminator's position or NEED_MORE. */
  private int field(int c, int r, int p) {
    column = c;
    if (buf[p] == markerFirst) {
      int e = markerEnd(p);
      if (e >= 0) {
        markNull(c, r); // NULL AS: the same for every type, and never a value
        return e;
      }
    }
    int t = switch (kinds[c]) {
      case K_STRING -> string(c, r, p);
      case K_UTF8 -> utf8(c, r, p);
      case K_SKIP -> scan(p);
      case K_LONG -> fastLong(c, r, p);
      case K_INT -> fastInt(c, r, p);
      case K_DECIMAL -> fastDecimal(c, r, p);
      case K_DECIMAL_ANY_SCALE -> fastDecimalAnyScale(c, r, p);
      case K_DOUBLE -> fastDouble(c, r, p);
      case K_FLOAT -> fastFloat(c, r, p);
      case K_BOOLEAN -> fastBoolean(c, r, p);
      case K_DATE -> fastDate(c, r, p);
      case K_TIMESTAMP -> fastTimestamp(c, r, p, false);
      case K_TIMESTAMPTZ -> fastTimestamp(c, r, p, true);
      default -> SLOW;
    };
    return t == SLOW ? slow(c, r, p) : t;
  }

  private boolean terminator(byte b) {
    return b == delim || b == '\n';
  }

  /** The end of the NULL marker written unquoted at {@code p}, or -1 if the field is something else. */
  private int markerEnd(int p) {
    byte[] m = marker;
    int e = p + m.length;
    if (e > limit || !terminator(buf[e]) || !Arrays.equals(buf, p, e, m, 0, m.length)) {
      return -1;
    }
    return e;
  }

  private int fastLong(int c, int r, int p) {
    byte[] b = buf;
    int i = p;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    int start = i;
    long v = 0;
    int d;
    while ((d = b[i] - '0') >= 0 && d <= 9) {
      v = v * 10 + d;
      i++;
    }
    int digits = i - start;
    if (digits == 0 || digits > 18 || !terminator(b[i])) {
      return SLOW;
    }
    longs[c][r] = negative ? -v : v;
    return i;
  }

  private int fastInt(int c, int r, int p) {
    byte[] b = buf;
    int i = p;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    int start = i;
    int v = 0;
    int d;
    while ((d = b[i] - '0') >= 0 && d <= 9) {
      v = v * 10 + d;
      i++;
    }
    int digits = i - start;
    if (digits == 0 || digits > 9 || !terminator(b[i])) {
      return SLOW;
    }
    ints[c][r] = negative ? -v : v;
    return i;
  }

  private int fastDecimal(int c, int r, int p) {
    byte[] b = buf;
    int i = p;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    int digits = 0;
    int d;
    while ((d = b[i] - '0') >= 0 && d <= 9) {
      v = v * 10 + d;
      digits++;
      i++;
    }
    int fraction = 0;
    if (b[i] == '.') {
      i++;
      while ((d = b[i] - '0') >= 0 && d <= 9) {
        v = v * 10 + d;
        fraction++;
        i++;
      }
      digits += fraction;
    }
    int scale = scales[c];
    if (digits == 0 || digits - fraction + scale > 18 || fraction > scale || !terminator(b[i])) {
      return SLOW;
    }
    v *= Decimals.pow10(scale - fraction);
    longs[c][r] = negative ? -v : v;
    return i;
  }

  /** A plain decimal of up to 18 digits, kept at the scale it is written with. */
  private int fastDecimalAnyScale(int c, int r, int p) {
    byte[] b = buf;
    int i = p;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    int digits = 0;
    int d;
    while ((d = b[i] - '0') >= 0 && d <= 9) {
      v = v * 10 + d;
      digits++;
      i++;
    }
    int fraction = 0;
    if (b[i] == '.') {
      i++;
      while ((d = b[i] - '0') >= 0 && d <= 9) {
        v = v * 10 + d;
        fraction++;
        i++;
      }
      digits += fraction;
    }
    if (digits == 0 || digits > 18 || fraction > Byte.MAX_VALUE || !terminator(b[i])) {
      return SLOW;
    }
    longs[c][r] = negative ? -v : v;
    decimalScales[c][r] = (byte) fraction;
    return i;
  }

  /** End of the number-like bytes at {@code p}, or SLOW if they do not end at a terminator. */
  private int numberEnd(int p) {
    byte[] b = buf;
    int i = p;
    byte x;
    while ((x = b[i]) >= 0 && NUMBER_BYTE[x]) {
      i++;
    }
    return i > p && terminator(x) ? i : SLOW;
  }

  private int fastDouble(int c, int r, int p) {
    // a plain decimal of at most 2^53 and at most 22 decimal places: the quotient of two exactly
    // represented doubles, which IEEE division rounds correctly (Clinger's fast path), so the same
    // bits as Double.parseDouble
    byte[] b = buf;
    int i = p;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long m = 0;
    int digits = 0;
    int d;
    while ((d = b[i] - '0') >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      i++;
    }
    int fraction = 0;
    if (b[i] == '.') {
      i++;
      while ((d = b[i] - '0') >= 0 && d <= 9) {
        m = m * 10 + d;
        fraction++;
        i++;
      }
      digits += fraction;
    }
    if (digits > 0 && digits <= 18 && fraction <= 22 && m <= (1L << 53) && terminator(b[i])) {
      double v = fraction == 0 ? (double) m : (double) m / POWERS_OF_TEN[fraction];
      doubles[c][r] = negative ? -v : v;
      return i;
    }
    i = numberEnd(p);
    if (i == SLOW) {
      return SLOW;
    }
    try {
      doubles[c][r] = JavaDoubleParser.parseDouble(buf, p, i - p);
    } catch (NumberFormatException e) {
      return SLOW;
    }
    return i;
  }

  private int fastFloat(int c, int r, int p) {
    int i = numberEnd(p);
    if (i == SLOW) {
      return SLOW;
    }
    try {
      floats[c][r] = JavaFloatParser.parseFloat(buf, p, i - p);
    } catch (NumberFormatException e) {
      return SLOW;
    }
    return i;
  }

  private int fastBoolean(int c, int r, int p) {
    byte x = buf[p];
    if ((x != 't' && x != 'f') || !terminator(buf[p + 1])) {
      return SLOW;
    }
    booleans[c][r] = x == 't';
    return p + 1;
  }

  private int fastDate(int c, int r, int p) {
    if (limit - p < 11) {
      return SLOW;
    }
    long day = epochDay(p);
    if (day == Long.MIN_VALUE || !terminator(buf[p + 10])) {
      return SLOW;
    }
    ints[c][r] = (int) day;
    return p + 10;
  }

  private int fastTimestamp(int c, int r, int p, boolean zoned) {
    if (limit - p < 20) {
      return SLOW;
    }
    byte[] b = buf;
    long day = epochDay(p);
    if (day == Long.MIN_VALUE || b[p + 10] != ' ' || b[p + 13] != ':' || b[p + 16] != ':') {
      return SLOW;
    }
    int h = two(p + 11);
    int m = two(p + 14);
    int s = two(p + 17);
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
      return SLOW;
    }
    long micros = ((h * 60L + m) * 60L + s) * 1_000_000L;
    int i = p + 19;
    if (b[i] == '.') {
      int start = ++i;
      int frac = 0;
      int d;
      while ((d = b[i] - '0') >= 0 && d <= 9) {
        frac = frac * 10 + d;
        if (++i - start > 6) {
          return SLOW;
        }
      }
      int digits = i - start;
      if (digits == 0) {
        return SLOW;
      }
      micros += frac * Decimals.pow10(6 - digits);
    }
    if (zoned) {
      if (i + 3 > limit || b[i] != '+' || b[i + 1] != '0' || b[i + 2] != '0') {
        return SLOW;
      }
      i += 3;
    }
    if (i > limit || !terminator(b[i])) {
      return SLOW;
    }
    longs[c][r] = day * MICROS_PER_DAY + micros;
    return i;
  }

  /** Two ASCII digits at {@code i} as a number, or -1. */
  private int two(int i) {
    int a = buf[i] - '0';
    int b = buf[i + 1] - '0';
    return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
  }

  /** {@code yyyy-MM-dd} at {@code p} (a valid date) as days since 1970-01-01, or Long.MIN_VALUE. */
  private long epochDay(int p) {
    byte[] b = buf;
    int y1 = two(p);
    int y2 = two(p + 2);
    int m = two(p + 5);
    int d = two(p + 8);
    if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || b[p + 4] != '-' || b[p + 7] != '-') {
      return Long.MIN_VALUE;
    }
    int y = y1 * 100 + y2;
    if (d > monthLength(y, m)) {
      return Long.MIN_VALUE;
    }
    // proleptic Gregorian, as java.time
    return YEAR_START[y] + BEFORE_MONTH[leap(y) ? 1 : 0][m] + d - 1;
  }

  private static boolean leap(int y) {
    return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
  }

  private static int monthLength(int y, int m) {
    return switch (m) {
      case 2 -> leap(y) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private int string(int c, int r, int p) {
    int t = scan(p);
    if (t == NEED_MORE) {
      return NEED_MORE;
    }
    if (isNull(superColumn[c])) {
      objects[c][r] = null;
      return t;
    }
    objects[c][r] = caches[c].get(vb, vs, vl, checkUtf8(c));
    return t;
  }

  /** A string field kept as its UTF-8 bytes (checked), never a {@code String}. */
  private int utf8(int c, int r, int p) {
    int t = scan(p);
    if (t == NEED_MORE) {
      return NEED_MORE;
    }
    if (isNull(superColumn[c])) {
      markNull(c, r);
      return t;
    }
    checkUtf8(c);
    out.setUtf8(c, r, vb, vs, vl);
    return t;
  }

  /** Any field in a form the fast paths do not take: NULL, quoted, or text for {@link TypedText}. */
  private int slow(int c, int r, int p) {
    int t = scan(p);
    if (t == NEED_MORE) {
      return NEED_MORE;
    }
    if (isNull(false)) {
      markNull(c, r);
      return t;
    }
    checkUtf8(c);
    String v = new String(vb, vs, vl, StandardCharsets.UTF_8);
    try {
      TypedText.convert(types[c], c, v, out.rowSink(r, r + 1));
    } catch (IllegalArgumentException e) {
      throw error(c, TypedText.notAValue(schema.column(c), v, e));
    }
    return t;
  }

  private void markNull(int c, int r) {
    long[] bits = nulls[c];
    if (bits == null) {
      objects[c][r] = null;
      return;
    }
    int w = r >>> 6;
    if (w >= plainLo && w < plainHi) {
      bits[w] |= 1L << r; // a word only this decoder's rows use
    } else {
      out.setNull(c, r);
    }
  }

  /** NULL as {@link CsvDialect#isNull} decides it, for the value just scanned. */
  private boolean isNull(boolean superColumn) {
    if (marker == null || superColumn) {
      return vl == 0 || isMarker();
    }
    return isMarker();
  }

  private boolean isMarker() {
    byte[] m = marker;
    return m != null && vl == m.length && Arrays.equals(vb, vs, vs + vl, m, 0, m.length);
  }

  /** Checks the value just scanned is well-formed UTF-8; true if it is all ASCII. */
  private boolean checkUtf8(int c) {
    if (ascii(vb, vs, vl)) {
      return true;
    }
    int bad = Utf8.firstMalformed(vb, vs, vs + vl);
    if (bad >= 0) {
      throw error(c, "not valid UTF-8 (byte 0x" + Integer.toHexString(vb[vs + bad] & 0xff) + " at offset " + bad
          + " of the field)");
    }
    return false;
  }

  private static boolean ascii(byte[] b, int from, int len) {
    int i = from;
    int end = from + len;
    long acc = 0;
    for (; i + 8 <= end; i += 8) {
      acc |= (long) LONGS.get(b, i);
    }
    for (; i < end; i++) {
      acc |= b[i];
    }
    return (acc & HIGHS) == 0;
  }

  /**
   * Scans the field at {@code p}: its value goes to {@code vb/vs/vl} (unquoted, doubled quotes
   * undone), the result is its terminator's position, or NEED_MORE if the buffer ends inside it.
   */
  private int scan(int p) {
    byte[] b = buf;
    if (b[p] != '"') {
      int i = endOfUnquoted(b, p);
      if (i == limit && !eof) {
        return NEED_MORE;
      }
      vb = b;
      vs = p;
      vl = i - p;
      return i;
    }
    int i = p + 1;
    int start = i;
    int newlines = 0;
    boolean doubled = false;
    while (true) {
      i = nextQuoteOrNewline(b, i);
      byte x = b[i];
      if (x == '"') {
        if (i + 1 >= limit && !eof) {
          return NEED_MORE;
        }
        if (i + 1 < limit && b[i + 1] == '"') {
          doubled = true;
          i += 2;
          continue;
        }
        break;
      }
      // a newline
      if (i >= limit) {
        if (!eof) {
          return NEED_MORE;
        }
        throw error(column, "a quoted field is not closed before the end of the part (truncated part?)");
      }
      newlines++;
      i++;
    }
    int close = i;
    if (doubled) {
      unescape(start, close);
    } else {
      vb = b;
      vs = start;
      vl = close - start;
    }
    recordNewlines += newlines;
    int j = close + 1;
    byte y;
    while ((y = b[j]) != delim && y != '\n' && y >= 0 && y <= ' ') {
      j++; // univocity, the general parser, skips whitespace after a closing quote too
    }
    if (j == limit && !eof) {
      return NEED_MORE;
    }
    if (y != delim && y != '\n') {
      throw error(column, "unexpected character '" + (char) (y & 0xff) + "' after a quoted value; expected '"
          + (char) delim + "' or the end of the line");
    }
    return j;
  }

  /** The position of the first quote or LF at or after {@code i} (the sentinel stops it). */
  private static int nextQuoteOrNewline(byte[] b, int i) {
    while (true) {
      long w = (long) LONGS.get(b, i);
      long x1 = w ^ (ONES * '"');
      long x2 = w ^ (ONES * '\n');
      long hit = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2) & HIGHS;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
  }

  /** The position of the first delimiter or LF at or after {@code i} (the sentinel stops it). */
  private int endOfUnquoted(byte[] b, int i) {
    long dw = delimWord;
    while (true) {
      long w = (long) LONGS.get(b, i);
      long x1 = w ^ dw;
      long x2 = w ^ (ONES * '\n');
      long hit = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2) & HIGHS;
      if (hit != 0) {
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
  }

  private void unescape(int start, int close) {
    if (scratch.length < close - start) {
      scratch = new byte[Math.max(close - start, scratch.length * 2)];
    }
    byte[] b = buf;
    int k = 0;
    int from = start;
    while (from < close) {
      int q = nextQuoteOrNewline(b, from);
      while (q < close && b[q] != '"') {
        q = nextQuoteOrNewline(b, q + 1); // a newline inside the value: part of it
      }
      int end = Math.min(q + 1, close); // keep one quote of a doubled pair
      System.arraycopy(b, from, scratch, k, end - from);
      k += end - from;
      from = end + 1; // skip the second quote
    }
    vb = scratch;
    vs = 0;
    vl = k;
  }

  private CsvParseException error(int c, String message) {
    return new CsvParseException(uri, line + recordNewlines, c + 1, message, null);
  }
}
