package dev.tdr.spark;

import dev.tdr.core.Column;
import dev.tdr.core.ConfigException;
import dev.tdr.core.ManifestException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.TdrListener;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import dev.tdr.core.unload.Pushdown;
import dev.tdr.core.unload.QueryControl;
import dev.tdr.core.unload.UnloadEngine;
import dev.tdr.core.unload.Unloaded;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read: the UNLOAD runs once, lazily, when Spark first asks for statistics or partitions;
 * the manifest is cached; each part (or group of small parts) becomes an input partition. The
 * run's files are deleted when the Spark query that read them ends (see {@link Cleanup}).
 */
final class TdrScan implements Scan, Batch, SupportsReportStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(TdrScan.class);

  private final SparkSession spark;
  private final TdrSparkOptions options;
  private final TdrConfig config;
  private final Schema source;
  private final List<String> sourceNames;
  private final StructType readSchema;
  private final Pushdown pushed;
  private final boolean timeType;
  private Planned planned;
  private boolean cleaned;
  /** The scan's one S3 client, built by the UNLOAD and kept to delete its files, then closed. */
  private PartStore store;

  /** What the UNLOAD produced, as the readers need it. */
  private record Planned(Manifest manifest, Schema parsed, CsvDialect dialect, int[] output,
      long rows, Unloaded unloaded) {}

  TdrScan(SparkSession spark, TdrSparkOptions options, TdrConfig config, Schema source,
      List<String> sourceNames, StructType readSchema, Pushdown pushed, boolean timeType) {
    this.spark = spark;
    this.options = options;
    this.config = config;
    this.source = source;
    this.sourceNames = sourceNames;
    this.readSchema = readSchema;
    this.pushed = pushed;
    this.timeType = timeType;
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public String description() {
    return "tdr-redshift " + (options.manifestMode() ? "manifest " + options.get(TdrSparkOptions.MANIFEST)
        : "[" + dev.tdr.core.Secrets.scrub(dev.tdr.core.sql.SqlRedaction.redact(sql())) + "]");
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** The SELECT the UNLOAD runs, with the pushed-down columns, filters and limit (written by the engine). */
  String sql() {
    return pushdown().sql(TdrTable.baseQuery(options));
  }

  /** What Spark pushed down, as the engine's value: its filters, order, limit or grouping, and the columns read. */
  Pushdown pushdown() {
    if (!options.pushdown()) {
      return Pushdown.NONE;
    }
    if (pushed.grouping() != null) {
      return pushed;
    }
    List<String> cols = null;
    if (readSchema.fields().length == 0) {
      cols = List.of();
    } else if (!sourceNames.contains(null)) {
      cols = new ArrayList<>();
      for (StructField f : readSchema.fields()) {
        cols.add(sourceNames.get(source.indexOf(f.name())));
      }
    }
    return pushed.select(cols);
  }

  private synchronized Planned plan() {
    if (planned != null) {
      return planned;
    }
    if (options.manifestMode()) {
      String uri = options.get(TdrSparkOptions.MANIFEST);
      try (PartStore store = PartStore.create(config, 1)) {
        byte[] json = store.readIfExists(S3Uri.parse(uri)).orElse(null);
        if (json == null && !options.has(TdrSparkOptions.TDR_SCHEMA)) {
          throw new ManifestException("no manifest at " + uri);
        }
        if (json == null && options.has(TdrSparkOptions.TDR_ROWS) && !options.get(TdrSparkOptions.TDR_ROWS).equals("0")) {
          throw new ManifestException("no manifest at " + uri + ": the files of this TDR result are gone (a result's"
              + " files are deleted when it is read locally or closed)");
        }
        // A TDR result of zero rows may have no manifest at all (Redshift writes none).
        Manifest m = json == null ? Manifest.empty(uri) : Manifest.parse(uri, json);
        planned = new Planned(m, source, CsvDialect.existingCsv(options.get(TdrSparkOptions.NULL_AS)),
            outputOf(source), m.totalRecords(), null);
      }
      return planned;
    }
    PartStore s = PartStore.create(config, 1);
    try (UnloadEngine engine = new UnloadEngine(config, s)) {
      Unloaded u = engine.unload(TdrTable.baseQuery(options), pushdown(), TdrListener.NONE, new QueryControl());
      store = s;
      Cleanup.register(spark, this);
      TdrSpark.report(options.get(TdrSparkOptions.TDR_RUN), u);
      planned = new Planned(u.manifest(), u.schema(), u.dialect(), outputOf(u.schema()), u.rows(), u);
      LOG.info("tdr-redshift: UNLOAD of {} rows in {} parts ({} bytes) under {}", u.rows(),
          u.manifest().entries().size(), u.manifest().totalBytes(), u.prefix());
      return planned;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Position in the read schema of each parsed column, -1 to drop. */
  private int[] outputOf(Schema parsed) {
    int[] out = new int[parsed.size()];
    boolean grouped = options.pushdown() && !options.manifestMode() && pushed.grouping() != null;
    boolean pushed = grouped || options.pushdown() && !options.manifestMode() && !sourceNames.contains(null);
    for (int c = 0; c < parsed.size(); c++) {
      if (pushed) {
        out[c] = readSchema.fields().length == 0 ? -1 : c;
      } else {
        out[c] = TdrTable.indexOf(readSchema, parsed.column(c).name());
      }
    }
    if (pushed && readSchema.fields().length > 0 && parsed.size() != readSchema.fields().length) {
      throw new ConfigException("the UNLOAD returned " + parsed.size() + " columns where " + readSchema.fields().length
          + " were expected; the query's columns changed while it was planned");
    }
    return out;
  }

  @Override
  public Statistics estimateStatistics() {
    Planned p = plan();
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(Math.max(1, p.manifest().totalBytes()));
      }

      @Override
      public OptionalLong numRows() {
        return p.rows() >= 0 ? OptionalLong.of(p.rows()) : OptionalLong.empty();
      }
    };
  }

  @Override
  public InputPartition[] planInputPartitions() {
    Planned p = plan();
    long target = options.targetPartitionBytes();
    List<InputPartition> out = new ArrayList<>();
    List<Manifest.Entry> group = new ArrayList<>();
    long bytes = 0;
    for (Manifest.Entry e : p.manifest().entries()) {
      if (!group.isEmpty() && bytes + e.contentLength() > target) {
        out.add(new TdrPartition(out.size(), group));
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(e);
      bytes += e.contentLength();
    }
    if (!group.isEmpty()) {
      out.add(new TdrPartition(out.size(), group));
    }
    return out.toArray(InputPartition[]::new);
  }

  /** Text a batch holds before it ends early, so that long values keep a task's memory bounded. */
  static final long MAX_TEXT_BYTES_PER_BATCH = 8L << 20;

  @Override
  public ColumnarSupportMode columnarSupportMode() {
    return options.columnar() ? ColumnarSupportMode.SUPPORTED : ColumnarSupportMode.UNSUPPORTED;
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    Planned p = plan();
    boolean offHeap = "true".equalsIgnoreCase(spark.conf().get("spark.sql.columnVector.offheap.enabled", "false"));
    return new TdrReaderFactory(p.parsed(), p.dialect(), p.output(), readSchema, timeType, config.s3Settings(),
        !options.manifestMode(), new TdrReaderFactory.Reading(options.columnar(), options.batchRows(),
            MAX_TEXT_BYTES_PER_BATCH, offHeap));
  }

  /** Deletes the run's files (once), unless they are to be kept or belong to someone else. */
  synchronized void cleanup() {
    if (cleaned || planned == null || planned.unloaded() == null || config.keepFiles()) {
      cleaned = true;
      closeStore();
      return;
    }
    cleaned = true;
    try (PartStore closing = store) {
      store = null;
      int n = dev.tdr.core.unload.Runs.delete(closing, planned.unloaded().prefix());
      LOG.debug("tdr-redshift: deleted {} objects under {}", n, planned.unloaded().prefix());
    } catch (RuntimeException e) {
      LOG.warn("tdr-redshift: could not delete {}: {}", planned.unloaded().prefix(), e.getMessage());
    }
  }

  private void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** The columns as Spark reads them (for tests and explain). */
  List<Column> parsedColumns() {
    return plan().parsed().columns();
  }
}
