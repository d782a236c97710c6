package dev.tdr.testkit.unload;

import dev.tdr.testkit.wire.PgMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes an UNLOAD's rows as Redshift's {@code FORMAT PARQUET} parts, with parquet-java:
 * Parquet format 1.0, SNAPPY per row group, row groups of ROWGROUPSIZE (32 MB by default), a
 * new part when MAXFILESIZE (rounded down to whole row groups) is reached, named {@code
 * <prefix><slice:4>_part_<n:2>.parquet} (PARALLEL OFF: {@code <prefix><n:3>.parquet}). Rows go
 * to the slices in turn, as for text.
 *
 * <p>Types, as Redshift documents them where it does (SUPER as the JSON type, TIMESTAMPTZ as a
 * UTC timestamp without its zone; TIME, TIMETZ, VARBYTE and GEOMETRY refused) and as files
 * Redshift wrote were seen to hold where it does not: SMALLINT, INTEGER, BIGINT as INT32/INT64
 * with their integer width; DECIMAL(p,s) as the narrowest FIXED_LEN_BYTE_ARRAY for p; REAL,
 * DOUBLE PRECISION, BOOLEAN as themselves; CHAR (blank-padded) and VARCHAR as UTF-8 strings;
 * DATE as DATE; TIMESTAMP and TIMESTAMPTZ as INT96; every column optional.
 */
final class ParquetPartWriter implements UnloadParts {
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01 in Unix micros
  private static final long PG_EPOCH_DAYS = 10_957;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int JULIAN_UNIX_EPOCH = 2_440_588;

  /** How one result column is written. */
  enum Kind { INT16, INT32, INT64, DECIMAL, FLOAT, DOUBLE, BOOLEAN, STRING, JSON, DATE, TIMESTAMP }

  /** A column of the Parquet parts: its name, kind, and DECIMAL precision, scale and byte width. */
  record Col(String name, Kind kind, int precision, int scale, int width) {}

  /**
   * The Parquet column for a result column of Redshift type {@code type} (a VERBOSE manifest
   * type: {@code base}, precision, scale); refused as Redshift refuses it.
   */
  static Col column(String name, Map<String, Object> type) throws UnloadError {
    String base = String.valueOf(type.get("base"));
    return switch (base) {
      case "smallint" -> new Col(name, Kind.INT16, 0, 0, 0);
      case "integer" -> new Col(name, Kind.INT32, 0, 0, 0);
      case "bigint" -> new Col(name, Kind.INT64, 0, 0, 0);
      case "numeric" -> {
        int p = ((Number) type.getOrDefault("precision", 38)).intValue();
        int s = ((Number) type.getOrDefault("scale", 0)).intValue();
        yield new Col(name, Kind.DECIMAL, p, s, width(p));
      }
      case "real" -> new Col(name, Kind.FLOAT, 0, 0, 0);
      case "double precision" -> new Col(name, Kind.DOUBLE, 0, 0, 0);
      case "boolean" -> new Col(name, Kind.BOOLEAN, 0, 0, 0);
      case "date" -> new Col(name, Kind.DATE, 0, 0, 0);
      case "timestamp without time zone", "timestamp with time zone" -> new Col(name, Kind.TIMESTAMP, 0, 0, 0);
      case "super" -> new Col(name, Kind.JSON, 0, 0, 0);
      case "time without time zone", "time with time zone", "varbyte", "geometry" -> throw new UnloadError(
          UnloadError.NOT_SUPPORTED, "column \"" + name + "\" is " + label(base) + ", which UNLOAD cannot write as"
              + " PARQUET; unload it as TEXT or CSV, or cast it in the query (e.g. to VARCHAR)");
      default -> new Col(name, Kind.STRING, 0, 0, 0); // CHAR, VARCHAR, and what PostgreSQL shows as text
    };
  }

  private static String label(String base) {
    return switch (base) {
      case "time without time zone" -> "TIME";
      case "time with time zone" -> "TIMETZ";
      default -> base.toUpperCase(java.util.Locale.ROOT);
    };
  }

  /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
  static int width(int precision) {
    BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
    int bytes = 1;
    while (BigInteger.TWO.pow(8 * bytes - 1).subtract(BigInteger.ONE).compareTo(max) < 0) {
      bytes++;
    }
    return bytes;
  }

  static MessageType schema(List<Col> cols) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Col c : cols) {
      switch (c.kind()) {
        case INT16 -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(c.name());
        case INT32 -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named(c.name());
        case INT64 -> b.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, true)).named(c.name());
        case DECIMAL -> b.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(c.width())
            .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(c.name());
        case FLOAT -> b.optional(PrimitiveTypeName.FLOAT).named(c.name());
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
        case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
        case JSON -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType()).named(c.name());
        case DATE -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
        case TIMESTAMP -> b.optional(PrimitiveTypeName.INT96).named(c.name());
        default -> throw new IllegalStateException(c.kind().name());
      }
    }
    return b.named("schema");
  }

  private final class Slice {
    final String folder;
    final int index;
    ParquetWriter<Group> writer;
    Path file;
    String key;
    int partNo;
    long records;
    final List<PartWriter.Part> done = new ArrayList<>();

    Slice(String folder, int index) {
      this.folder = folder;
      this.index = index;
    }
  }

  private final UnloadCommand cmd;
  private final Path dir;
  private final List<Col> cols;
  private final ColumnKind[] wire;
  /** Field of the file for each result column, -1 for a partition column left out of the files. */
  private final int[] field;
  /** Result columns of PARTITION BY, in its order (empty without). */
  private final int[] partitionBy;
  private final MessageType schema;
  private final SimpleGroupFactory groups;
  private final long rowGroupSize;
  private final long fileLimit;
  private final int sliceCount;
  /** The slices of each partition folder ("" without PARTITION BY), in folder order. */
  private final java.util.TreeMap<String, Slice[]> folders = new java.util.TreeMap<>();
  private final ByteBuf scratch = new ByteBuf(256);
  private final StringBuilder folder = new StringBuilder();
  private long rows;

  /**
   * {@code wire} says how each column's value arrives (PostgreSQL text, or binary for dates and
   * times); {@code partitionBy} are the result columns of PARTITION BY (left out of the files
   * unless INCLUDE).
   */
  ParquetPartWriter(UnloadCommand cmd, Path dir, int slices, List<Col> cols, ColumnKind[] wire, int[] partitionBy) {
    this.cmd = cmd;
    this.dir = dir;
    this.cols = cols;
    this.wire = wire;
    this.partitionBy = partitionBy;
    this.field = new int[cols.size()];
    List<Col> written = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      boolean partition = false;
      for (int p : partitionBy) {
        partition |= p == i;
      }
      field[i] = partition && !cmd.partitionInclude() ? -1 : written.size();
      if (field[i] >= 0) {
        written.add(cols.get(i));
      }
    }
    this.schema = schema(written);
    this.groups = new SimpleGroupFactory(schema);
    // Redshift rounds MAXFILESIZE down to whole row groups; below one row group (the emulator's
    // choice, undocumented), a row group is the file.
    this.rowGroupSize = Math.min(cmd.rowGroupSize(), cmd.maxFileSize());
    this.fileLimit = cmd.maxFileSize() / rowGroupSize * rowGroupSize;
    this.sliceCount = cmd.parallel() ? slices : 1;
    if (partitionBy.length == 0) {
      folders.put("", newSlices(""));
    }
  }

  /** The schema of the files: the result's columns, less the partition columns unless INCLUDE. */
  MessageType schema() {
    return schema;
  }

  private Slice[] newSlices(String folder) {
    Slice[] out = new Slice[sliceCount];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Slice(folder, i);
    }
    return out;
  }

  @Override
  public void addRow(byte[] body, int len) throws IOException {
    Slice[] slices = partitionBy.length == 0 ? folders.get("") : folders.computeIfAbsent(folderOf(body), this::newSlices);
    Slice s = slices[(int) (rows++ % slices.length)];
    if (s.writer == null) {
      open(s);
    }
    s.writer.write(group(body));
    s.records++;
    if (s.writer.getDataSize() >= fileLimit) {
      closePart(s);
    }
  }

  /**
   * The Hive-style folder of a row: {@code col=value/} per partition column, the value as UNLOAD's
   * text output writes it, escaped as Hive escapes path names; NULL is {@code
   * __HIVE_DEFAULT_PARTITION__}.
   */
  private String folderOf(byte[] b) {
    folder.setLength(0);
    for (int col : partitionBy) {
      int p = 2;
      for (int i = 0; i < col; i++) {
        int len = PgMessage.int32At(b, p);
        p += 4 + Math.max(len, 0);
      }
      int len = PgMessage.int32At(b, p);
      p += 4;
      String value;
      if (len < 0) {
        value = "__HIVE_DEFAULT_PARTITION__";
      } else {
        ByteBuf r = ValueRenderer.render(wire[col], b, p, len, scratch);
        value = escape(r == null ? text(b, p, len) : new String(r.data, 0, r.len, StandardCharsets.UTF_8));
      }
      folder.append(escape(cols.get(col).name())).append('=').append(value).append('/');
    }
    return folder.toString();
  }

  /**
   * Hive's escaping of a path name: {@code %XX} for control characters and for the quote, hash,
   * percent, apostrophe, asterisk, slash, colon, equals sign, question mark, backslash, opening
   * brace and bracket, closing bracket and caret.
   */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private Group group(byte[] b) {
    Group g = groups.newGroup();
    int n = PgMessage.int16At(b, 0);
    int p = 2;
    for (int i = 0; i < n; i++) {
      int len = PgMessage.int32At(b, p);
      p += 4;
      if (len >= 0) {
        if (field[i] >= 0) {
          set(g, i, b, p, len);
        }
        p += len;
      }
    }
    return g;
  }

  private void set(Group g, int col, byte[] b, int off, int len) {
    Col c = cols.get(col);
    int i = field[col];
    switch (c.kind()) {
      case INT16, INT32 -> g.add(i, Integer.parseInt(text(b, off, len)));
      case INT64 -> g.add(i, Long.parseLong(text(b, off, len)));
      case DECIMAL -> g.add(i, Binary.fromConstantByteArray(unscaled(new BigDecimal(text(b, off, len)), c)));
      case FLOAT -> g.add(i, Float.parseFloat(text(b, off, len)));
      case DOUBLE -> g.add(i, Double.parseDouble(text(b, off, len)));
      case BOOLEAN -> g.add(i, b[off] == 't');
      case STRING -> g.add(i, Binary.fromConstantByteArray(java.util.Arrays.copyOfRange(b, off, off + len)));
      case JSON -> {
        ByteBuf r = ValueRenderer.render(ColumnKind.JSON, b, off, len, scratch);
        g.add(i, Binary.fromConstantByteArray(java.util.Arrays.copyOf(r.data, r.len)));
      }
      case DATE -> g.add(i, (int) (ValueRenderer.readInt(b, off) + PG_EPOCH_DAYS));
      case TIMESTAMP -> g.add(i, Binary.fromConstantByteArray(int96(ValueRenderer.readLong(b, off))));
      default -> throw new IllegalStateException(c.kind().name());
    }
  }

  private static String text(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  /** The unscaled value in big-endian two's complement, sign-extended to the column's width. */
  private static byte[] unscaled(BigDecimal v, Col c) {
    byte[] raw = v.setScale(c.scale()).unscaledValue().toByteArray();
    if (raw.length > c.width()) {
      throw new IllegalStateException("value " + v + " does not fit DECIMAL(" + c.precision() + "," + c.scale() + ")");
    }
    byte[] out = new byte[c.width()];
    byte fill = (byte) (raw[0] < 0 ? 0xff : 0);
    java.util.Arrays.fill(out, 0, out.length - raw.length, fill);
    System.arraycopy(raw, 0, out, out.length - raw.length, raw.length);
    return out;
  }

  /** A PostgreSQL timestamp (micros since 2000-01-01) as INT96: nanos of the day, then the Julian day, little-endian. */
  static byte[] int96(long pgMicros) {
    long micros = pgMicros + PG_EPOCH_MICROS;
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
    return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(ofDay * 1000).putInt((int) (day + JULIAN_UNIX_EPOCH))
        .array();
  }

  private void open(Slice s) throws IOException {
    s.file = dir.resolve("part-" + UUID.randomUUID() + ".parquet");
    s.key = PartWriter.keyOf(cmd, s.folder, s.index, s.partNo++, ".parquet");
    s.records = 0;
    s.writer = ExampleParquetWriter.builder(new LocalOutputFile(s.file))
        .withConf(new PlainParquetConfiguration())
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withRowGroupSize(rowGroupSize)
        .build();
  }

  private void closePart(Slice s) throws IOException {
    s.writer.close();
    s.writer = null;
    s.done.add(new PartWriter.Part(s.key, s.file, s.index, s.partNo - 1, s.records));
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public List<PartWriter.Part> finish(boolean everySlice) throws IOException {
    List<PartWriter.Part> all = new ArrayList<>();
    for (Slice[] slices : folders.values()) { // folder by folder, then slice and part number
      List<PartWriter.Part> inFolder = new ArrayList<>();
      for (Slice s : slices) {
        if (everySlice && s.writer == null && s.done.isEmpty()) {
          open(s);
        }
        if (s.writer != null) {
          closePart(s);
        }
        inFolder.addAll(s.done);
      }
      inFolder.sort(Comparator.comparingInt(PartWriter.Part::slice).thenComparingInt(PartWriter.Part::partNo));
      all.addAll(inFolder);
    }
    return List.copyOf(all);
  }

  @Override
  public void close() {
    for (Slice s : folders.values().stream().flatMap(java.util.Arrays::stream).toList()) {
      if (s.writer != null) {
        try {
          s.writer.close();
        } catch (IOException | RuntimeException ignored) {
          // deleting anyway
        }
        PartWriter.deleteQuietly(s.file);
      }
      for (PartWriter.Part p : s.done) {
        PartWriter.deleteQuietly(p.file());
      }
    }
  }
}
