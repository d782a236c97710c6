package dev.tdr.spark;

import dev.tdr.core.PartReadException;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.read.Columns;
import dev.tdr.core.read.PartReader;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.unload.Manifest;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * The parts of one partition through the shared {@link PartReader}, a batch of rows at a time,
 * handed to Spark row by row. Errors come from the part reader, naming the part (and the line and
 * column for bad content); parts are closed on success, failure and early stop.
 */
final class TdrPartitionReader implements PartitionReader<InternalRow> {
  /** Open parts in this JVM (for tests: every part must be closed). */
  static final AtomicInteger OPEN_STREAMS = new AtomicInteger();
  private static final int BATCH_ROWS = 4096;

  private final TdrPartition partition;
  private final PartReader reader;
  private final Columns batch;
  private final SparkTypes.RowReader rows;
  private final boolean ownFiles;
  private int nextPart;
  private PartReader.Batches current;
  private Manifest.Entry currentEntry;
  private int batchRows;
  private int at;
  private InternalRow row;

  TdrPartitionReader(TdrPartition partition, PartStore store, Schema parsed, CsvDialect dialect,
      int[] output, int width, boolean timeType, boolean ownFiles) {
    this.partition = partition;
    this.reader = new PartReader(store, dialect, parsed);
    this.batch = new Columns(parsed, BATCH_ROWS);
    this.rows = new SparkTypes.RowReader(parsed, output, width, timeType);
    this.ownFiles = ownFiles;
  }

  @Override
  public boolean next() {
    while (at >= batchRows) {
      if (current == null) {
        if (nextPart >= partition.parts().size()) {
          return false;
        }
        open(partition.parts().get(nextPart++));
      }
      batchRows = nextBatch();
      at = 0;
      if (batchRows == 0) {
        closeCurrent();
      }
    }
    row = rows.read(batch, at++);
    return true;
  }

  private void open(Manifest.Entry e) {
    currentEntry = e;
    current = gone(() -> reader.open(e, batch));
    OPEN_STREAMS.incrementAndGet();
  }

  private int nextBatch() {
    return gone(current::next);
  }

  /** A part deleted under a scan: say why and what to do. */
  private <T> T gone(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (PartReadException pre) {
      if (ownFiles && pre.getMessage().contains("no such object")) {
        throw new PartReadException(currentEntry.url(), "it is gone: TDR deletes a scan's files when the Spark"
            + " query that read them ends; read the data again (a new spark.read) or set keep_files=true", pre);
      }
      throw pre;
    }
  }

  @Override
  public InternalRow get() {
    return row;
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } finally {
        current = null;
        OPEN_STREAMS.decrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
