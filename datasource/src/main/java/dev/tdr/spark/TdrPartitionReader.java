package dev.tdr.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * The row reader (option {@code columnar=false}): each row of a batch handed to Spark as an
 * {@link InternalRow}. The columnar reader ({@link TdrColumnarReader}) is the default.
 */
final class TdrPartitionReader implements PartitionReader<InternalRow> {
  private final PartsCursor parts;
  private final SparkTypes.RowReader rows;
  private int batchRows;
  private int at;
  private InternalRow row;

  TdrPartitionReader(PartsCursor parts, SparkTypes.RowReader rows) {
    this.parts = parts;
    this.rows = rows;
  }

  @Override
  public boolean next() {
    if (at >= batchRows) {
      batchRows = parts.next();
      at = 0;
      if (batchRows == 0) {
        parts.close();
        return false;
      }
    }
    row = rows.read(parts.batch(), at++);
    return true;
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  public void close() {
    parts.close();
  }
}
