package dev.tdr.testkit.unload;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Where an UNLOAD's rows go: part files per slice, in one of Redshift's formats. */
interface UnloadParts extends Closeable {
  /** Adds the row whose DataRow message body is {@code body[0, len)} (copied or consumed before returning). */
  void addRow(byte[] body, int len) throws IOException;

  /** Rows added so far. */
  long rows();

  /**
   * Closes every part after every row is written; {@code everySlice} opens a part (possibly
   * empty) for each slice that has none. The parts in manifest order (slice, then part number).
   */
  List<PartWriter.Part> finish(boolean everySlice) throws IOException;

  /** Deletes the local files. */
  @Override
  void close();
}
