package dev.tdr.spark;

import dev.tdr.core.PartReadException;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.read.Columns;
import dev.tdr.core.read.PartReader;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.unload.Manifest;
import java.util.function.Supplier;

/**
 * The parts of one input partition, batch by batch, through the shared {@link PartReader}: what
 * both partition readers (rows and columnar) stand on. The part reader opens, resumes, checks row
 * counts and names the part in every error; this adds only the step from one part to the next and
 * what to say when a scan's files were deleted under it. A part is closed when its rows are done,
 * on failure and on {@link #close()} (Spark stopping early).
 */
final class PartsCursor implements AutoCloseable {
  /** Told of each part opened and closed: a seam for tests that check every part is closed. */
  interface PartEvents {
    PartEvents NONE = new PartEvents() {
      @Override
      public void opened() {}

      @Override
      public void closed() {}
    };

    void opened();

    void closed();
  }

  /** {@link PartEvents#NONE} unless a test listens. */
  static volatile PartEvents events = PartEvents.NONE;

  private final TdrPartition partition;
  private final PartReader reader;
  private final Columns batch;
  private final long maxTextBytes;
  private final boolean ownFiles;
  private int nextPart;
  private PartReader.Batches current;
  private Manifest.Entry currentEntry;

  /**
   * @param read which parsed columns anybody reads (the others are scanned, not converted)
   * @param batchRows rows per batch
   * @param maxTextBytes a batch ends early once its text holds this many bytes
   * @param ownFiles the files are the scan's own (deleted when its query ends)
   */
  PartsCursor(TdrPartition partition, PartStore store, Schema parsed, CsvDialect dialect, boolean[] read,
      int batchRows, long maxTextBytes, boolean ownFiles) {
    this.partition = partition;
    boolean[] skip = new boolean[parsed.size()];
    for (int c = 0; c < skip.length; c++) {
      skip[c] = !read[c];
    }
    this.reader = new PartReader(store, dialect, parsed, skip);
    this.batch = new Columns(parsed, batchRows, Columns.Strings.UTF8);
    this.maxTextBytes = maxTextBytes;
    this.ownFiles = ownFiles;
  }

  /** The batch the rows of {@link #next()} are in (reused). */
  Columns batch() {
    return batch;
  }

  /** Reads the next batch: its rows (at least one), or 0 when every part is done. */
  int next() {
    while (true) {
      if (current == null) {
        if (nextPart >= partition.parts().size()) {
          return 0;
        }
        open(partition.parts().get(nextPart++));
      }
      int rows = gone(current::next);
      if (rows > 0) {
        return rows;
      }
      closeCurrent();
    }
  }

  private void open(Manifest.Entry e) {
    currentEntry = e;
    current = gone(() -> reader.open(e, batch, maxTextBytes));
    events.opened();
  }

  /** A part deleted under a scan: say why and what to do. */
  private <T> T gone(Supplier<T> read) {
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

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } finally {
        current = null;
        events.closed();
      }
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
