package dev.tdr.spark;

import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The columnar reader (the default): each batch the part reader decodes is copied into Spark's
 * writable column vectors, primitive columns with one array copy each and text as its UTF-8 bytes
 * in one copy, and handed to Spark as one reused {@link ColumnarBatch}.
 */
final class TdrColumnarReader implements PartitionReader<ColumnarBatch> {
  private final PartsCursor parts;
  private final SparkTypes.VectorWriter writer;
  private final WritableColumnVector[] vectors;
  private final ColumnarBatch batch;

  TdrColumnarReader(PartsCursor parts, SparkTypes.VectorWriter writer, WritableColumnVector[] vectors) {
    this.parts = parts;
    this.writer = writer;
    this.vectors = vectors;
    this.batch = new ColumnarBatch(vectors);
  }

  @Override
  public boolean next() {
    int rows = parts.next();
    if (rows == 0) {
      parts.close();
      return false;
    }
    writer.write(parts.batch(), rows, vectors);
    batch.setNumRows(rows);
    return true;
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  @Override
  public void close() {
    try {
      parts.close();
    } finally {
      batch.close();
    }
  }
}
