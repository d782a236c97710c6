package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.ConfigException;
import dev.tdr.core.ManifestException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.UnloadEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A query, table or existing UNLOAD as a readable Spark table. Its schema comes from statement
 * metadata (or the VERBOSE manifest); a user-supplied schema must name existing columns with
 * the same types.
 */
final class TdrTable implements SupportsRead {
  private final SparkSession spark;
  private final TdrSparkOptions options;
  private final TdrConfig config;
  private final Schema source;
  private final List<String> sourceNames;
  private final StructType sourceStruct;
  private final StructType schema;
  private final boolean timeType;
  private final Map<String, String> properties;

  private TdrTable(SparkSession spark, TdrSparkOptions options, TdrConfig config, Schema source,
      List<String> sourceNames, StructType userSchema) {
    this.spark = spark;
    this.options = options;
    this.config = config;
    this.source = source;
    this.sourceNames = sourceNames;
    this.timeType = "true".equalsIgnoreCase(spark.conf().get("spark.sql.timeType.enabled", "false"));
    this.sourceStruct = SparkTypes.structType(source, timeType);
    this.schema = userSchema == null ? sourceStruct : checked(userSchema);
    this.properties = Map.of();
  }

  private TdrTable(TdrTable t, StructType schema, Map<String, String> properties) {
    this.spark = t.spark;
    this.options = t.options;
    this.config = t.config;
    this.source = t.source;
    this.sourceNames = t.sourceNames;
    this.timeType = t.timeType;
    this.sourceStruct = schema;
    this.schema = schema;
    this.properties = Map.copyOf(properties);
  }

  /**
   * This table with column comments (by column name) in its schema and a table comment in its
   * properties, as {@code DESCRIBE} shows them (from a catalog's remarks).
   */
  TdrTable withComments(String tableComment, Map<String, String> columnComments) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      String c = columnComments.get(f.name());
      fields.add(c == null ? f : f.withComment(c));
    }
    Map<String, String> props = new java.util.HashMap<>(properties);
    if (tableComment != null) {
      props.put(org.apache.spark.sql.connector.catalog.TableCatalog.PROP_COMMENT, tableComment);
    }
    return new TdrTable(this, new StructType(fields.toArray(StructField[]::new)), props);
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  static TdrTable create(SparkSession spark, TdrSparkOptions options, StructType userSchema) {
    TdrConfig config = options.engineConfig(options.manifestMode() ? null : Credentials.forwarded(spark, options));
    if (options.manifestMode()) {
      Schema s;
      if (options.has(TdrSparkOptions.TDR_SCHEMA)) {
        s = dev.tdr.core.SchemaJson.read(options.get(TdrSparkOptions.TDR_SCHEMA));
        return new TdrTable(spark, options, config, s, s.names(), null);
      } else if (userSchema != null) {
        s = fromSpark(userSchema);
      } else {
        s = fromManifest(config, options.get(TdrSparkOptions.MANIFEST));
      }
      return new TdrTable(spark, options, config, s, s.names(), userSchema);
    }
    String base = baseQuery(options);
    {
      // one connection, no S3 client: the scan builds the one store a read needs
      dev.tdr.core.jdbc.JdbcSchema.Described described = UnloadEngine.describe(config, base);
      Schema s = described.schema();
      List<String> labels = described.labels();
      // A column whose label is not unique in the query cannot be referenced by name.
      List<String> names = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        String label = labels.get(i);
        boolean unique = labels.stream().filter(label::equals).count() == 1;
        names.add(unique && s.column(i).name().equals(label) ? label : null);
      }
      return new TdrTable(spark, options, config, s, names, userSchema);
    }
  }

  static String baseQuery(TdrSparkOptions o) {
    return o.baseQuery();
  }

  private StructType checked(StructType user) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : user.fields()) {
      int i = indexOf(sourceStruct, f.name());
      if (i < 0) {
        throw new ConfigException("the given schema names column '" + f.name() + "', which the query does not return;"
            + " its columns: " + String.join(", ", sourceStruct.fieldNames()));
      }
      StructField actual = sourceStruct.fields()[i];
      if (!actual.dataType().sameType(f.dataType())) {
        throw new ConfigException("the given schema says column '" + f.name() + "' is " + f.dataType().simpleString()
            + " but it is " + actual.dataType().simpleString() + " (Redshift " + source.column(i).databaseType() + ")");
      }
      out.add(actual);
    }
    return new StructType(out.toArray(StructField[]::new));
  }

  static int indexOf(StructType s, String name) {
    String[] names = s.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The TDR schema for a user-supplied Spark schema (manifest reads). */
  static Schema fromSpark(StructType s) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : s.fields()) {
      ColumnType t = switch (f.dataType().typeName()) {
        case "short" -> ColumnType.SMALLINT;
        case "integer" -> ColumnType.INTEGER;
        case "long" -> ColumnType.BIGINT;
        case "float" -> ColumnType.REAL;
        case "double" -> ColumnType.DOUBLE;
        case "boolean" -> ColumnType.BOOLEAN;
        case "string" -> ColumnType.VARCHAR;
        case "date" -> ColumnType.DATE;
        case "timestamp_ntz" -> ColumnType.TIMESTAMP;
        case "timestamp" -> ColumnType.TIMESTAMPTZ;
        case "binary" -> ColumnType.VARBYTE;
        default -> {
          if (f.dataType() instanceof org.apache.spark.sql.types.DecimalType) {
            yield ColumnType.DECIMAL;
          }
          if (f.dataType() instanceof org.apache.spark.sql.types.TimeType) {
            yield ColumnType.TIME;
          }
          throw new ConfigException("column '" + f.name() + "': Spark type " + f.dataType().simpleString()
              + " cannot be read from an UNLOAD; use short, int, long, decimal, float, double, boolean,"
              + " string, date, timestamp_ntz, timestamp, time or binary");
        }
      };
      int p = f.dataType() instanceof org.apache.spark.sql.types.DecimalType d ? d.precision() : 0;
      int sc = f.dataType() instanceof org.apache.spark.sql.types.DecimalType d ? d.scale() : 0;
      cols.add(new Column(f.name(), t, p, sc, f.dataType().simpleString()));
    }
    return new Schema(cols);
  }

  /** The schema recorded in a VERBOSE manifest. */
  static Schema fromManifest(TdrConfig config, String manifestUri) {
    byte[] json;
    try (PartStore store = PartStore.create(config, 1)) {
      json = store.readIfExists(S3Uri.parse(manifestUri)).orElseThrow(
          () -> new ManifestException("no manifest at " + manifestUri));
    }
    JsonNode elements;
    try {
      elements = new ObjectMapper().readTree(json).at("/schema/elements");
    } catch (java.io.IOException e) {
      throw new ManifestException("manifest " + manifestUri + " is not valid JSON", e);
    }
    if (!elements.isArray() || elements.isEmpty()) {
      throw new ManifestException("manifest " + manifestUri + " has no schema (it was not written with"
          + " MANIFEST VERBOSE): give the schema with spark.read().schema(...)");
    }
    List<Column> cols = new ArrayList<>();
    for (JsonNode e : elements) {
      String name = e.path("name").asText();
      String base = e.at("/type/base").asText();
      ColumnType t = ColumnType.fromDatabaseName(base);
      if (t == null) {
        throw new ManifestException("manifest " + manifestUri + ": column '" + name + "' has type '" + base
            + "', which TDR cannot map");
      }
      cols.add(new Column(name, t, e.at("/type/precision").asInt(e.at("/type/max_length").asInt(0)),
          e.at("/type/scale").asInt(0), base));
    }
    List<String> names = dev.tdr.core.ColumnNames.unique(cols.stream().map(Column::name).toList());
    List<Column> unique = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      unique.add(new Column(names.get(i), c.type(), c.precision(), c.scale(), c.databaseType()));
    }
    return new Schema(unique);
  }

  @Override
  public String name() {
    return options.manifestMode() ? "tdr-redshift manifest " + options.get(TdrSparkOptions.MANIFEST)
        : "tdr-redshift " + (options.has(TdrSparkOptions.DBTABLE) ? options.get(TdrSparkOptions.DBTABLE) : "query");
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return new TdrScanBuilder(spark, options, config, source, sourceNames, schema, timeType);
  }
}
