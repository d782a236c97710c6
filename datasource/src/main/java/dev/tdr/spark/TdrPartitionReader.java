package dev.tdr.spark;

import dev.tdr.core.CsvParseException;
import dev.tdr.core.PartReadException;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.csv.PartParser;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.core.unload.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Streams the parts of one partition from S3 through the shared part parser into Spark rows.
 * Every error names the part (and the line and column for bad content); a part's row count is
 * checked against the manifest; streams are closed on success, failure and early stop.
 */
final class TdrPartitionReader implements PartitionReader<InternalRow> {
  /** Open part streams in this JVM (for tests: every stream must be closed). */
  static final AtomicInteger OPEN_STREAMS = new AtomicInteger();

  private final TdrPartition partition;
  private final PartStore store;
  private final PartParser parser;
  private final SparkTypes.RowWriter writer;
  private final boolean ownFiles;
  private int next;
  private Manifest.Entry current;
  private Reader in;

  TdrPartitionReader(TdrPartition partition, PartStore store, Schema parsed, CsvDialect dialect,
      int[] output, int width, boolean timeType, boolean ownFiles) {
    this.partition = partition;
    this.store = store;
    this.parser = new PartParser(dialect, parsed);
    this.writer = new SparkTypes.RowWriter(parsed, output, width, timeType);
    this.ownFiles = ownFiles;
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (in == null) {
        if (next >= partition.parts().size()) {
          return false;
        }
        open(partition.parts().get(next++));
      }
      boolean row;
      try {
        row = parser.next(writer);
      } catch (com.univocity.parsers.common.TextParsingException e) {
        throw unwrap(e);
      }
      if (row) {
        return true;
      }
      long rows = parser.rows();
      closeCurrent();
      if (current.recordCount() >= 0 && rows != current.recordCount()) {
        throw new CsvParseException(current.url(), 0, 0, "parsed " + rows + " rows but the manifest lists "
            + current.recordCount() + " (truncated or corrupted part)", null);
      }
    }
  }

  private void open(Manifest.Entry e) throws IOException {
    current = e;
    InputStream raw;
    try {
      raw = store.open(S3Uri.parse(e.url()), e.contentLength());
    } catch (PartReadException pre) {
      if (ownFiles && pre.getMessage().contains("no such object")) {
        throw new PartReadException(e.url(), "it is gone: TDR deletes a scan's files when the Spark query"
            + " that read them ends; read the data again (a new spark.read) or set keep_files=true", pre);
      }
      throw pre;
    }
    OPEN_STREAMS.incrementAndGet();
    try {
      InputStream body = e.url().endsWith(".gz") ? new GZIPInputStream(raw, 65536) : raw;
      in = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    } catch (IOException ex) {
      raw.close();
      OPEN_STREAMS.decrementAndGet();
      throw ex;
    }
    parser.begin(in, e.url(), 1, e.recordCount() >= 0 ? e.recordCount() : Long.MAX_VALUE);
  }

  private RuntimeException unwrap(RuntimeException e) {
    Throwable c = e.getCause();
    while (c != null && !(c instanceof IOException)) {
      c = c.getCause();
    }
    if (c instanceof java.nio.charset.CharacterCodingException) {
      return new CsvParseException(current.url(), 0, 0, "not valid UTF-8 (" + c + ")", e);
    }
    if (c != null) {
      return new PartReadException(current.url(), c.getMessage(), e);
    }
    return new CsvParseException(current.url(), 0, 0, e.getMessage(), e);
  }

  @Override
  public InternalRow get() {
    return writer.row();
  }

  private void closeCurrent() throws IOException {
    if (in != null) {
      try {
        parser.end();
        in.close();
      } finally {
        in = null;
        OPEN_STREAMS.decrementAndGet();
      }
    }
  }

  @Override
  public void close() throws IOException {
    closeCurrent();
  }
}
