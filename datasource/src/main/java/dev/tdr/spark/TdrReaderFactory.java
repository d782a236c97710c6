package dev.tdr.spark;

import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Settings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Sent to executors: how the parts were written, how to reach S3 and how to hand rows to Spark
 * (columnar batches by default, rows with {@code columnar=false}). Executors share one S3 client
 * per distinct {@link S3Settings}.
 */
final class TdrReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 2L;
  private static final Map<S3Settings, PartStore> STORES = new ConcurrentHashMap<>();

  /** How a scan reads: columnar or not, batch size, text per batch, vectors on or off the heap. */
  record Reading(boolean columnar, int batchRows, long maxTextBytes, boolean offHeap) implements java.io.Serializable {}

  private final Schema parsed;
  private final CsvDialect dialect;
  private final int[] output;
  private final StructType readSchema;
  private final boolean timeType;
  private final S3Settings s3;
  private final boolean ownFiles;
  private final Reading reading;

  TdrReaderFactory(Schema parsed, CsvDialect dialect, int[] output, StructType readSchema, boolean timeType,
      S3Settings s3, boolean ownFiles, Reading reading) {
    this.parsed = parsed;
    this.dialect = dialect;
    this.output = output;
    this.readSchema = readSchema;
    this.timeType = timeType;
    this.s3 = s3;
    this.ownFiles = ownFiles;
    this.reading = reading;
  }

  private PartsCursor parts(InputPartition partition) {
    PartStore store = STORES.computeIfAbsent(s3, s -> PartStore.create(s, 16));
    boolean[] read = new boolean[parsed.size()];
    for (int c = 0; c < read.length; c++) {
      read[c] = output[c] >= 0;
    }
    return new PartsCursor((TdrPartition) partition, store, parsed, dialect, read, reading.batchRows(),
        reading.maxTextBytes(), ownFiles);
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return reading.columnar();
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    PartsCursor parts = parts(partition);
    return new TdrColumnarReader(parts, new SparkTypes.VectorWriter(parsed, output, timeType),
        SparkTypes.VectorWriter.allocate(reading.batchRows(), readSchema, reading.offHeap()));
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new TdrPartitionReader(parts(partition),
        new SparkTypes.RowReader(parsed, output, readSchema.fields().length, timeType));
  }
}
