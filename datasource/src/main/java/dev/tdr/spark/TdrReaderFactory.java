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

/**
 * Sent to executors: how the parts were written and how to reach S3. Executors share one S3
 * client per distinct {@link S3Settings}.
 */
final class TdrReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  private static final Map<S3Settings, PartStore> STORES = new ConcurrentHashMap<>();

  private final Schema parsed;
  private final CsvDialect dialect;
  private final int[] output;
  private final int width;
  private final boolean timeType;
  private final S3Settings s3;
  private final boolean ownFiles;

  TdrReaderFactory(Schema parsed, CsvDialect dialect, int[] output, int width, boolean timeType,
      S3Settings s3, boolean ownFiles) {
    this.parsed = parsed;
    this.dialect = dialect;
    this.output = output;
    this.width = width;
    this.timeType = timeType;
    this.s3 = s3;
    this.ownFiles = ownFiles;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    PartStore store = STORES.computeIfAbsent(s3, s -> PartStore.create(s, 16));
    return new TdrPartitionReader((TdrPartition) partition, store, parsed, dialect, output, width,
        timeType, ownFiles);
  }
}
