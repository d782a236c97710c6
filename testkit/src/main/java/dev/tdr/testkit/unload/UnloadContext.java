package dev.tdr.testkit.unload;

import dev.tdr.testkit.EmptyUnload;
import java.nio.file.Path;
import org.gaul.s3proxy.blobstore.BlobStore;

/** What the UNLOAD executor needs from the emulator. */
public interface UnloadContext {
  /** The S3 store UNLOAD writes into (faults applied). */
  BlobStore store();

  String accessKeyId();

  /** Compared with the UNLOAD's secret; never logged. */
  String secretAccessKey();

  String region();

  /** Number of slices rows are spread over under PARALLEL ON. */
  int slices();

  EmptyUnload emptyUnload();

  /** A directory for part files while they are written. */
  Path workDir();

  TypeRegistry types();

  UnloadFaults faults();

  /** The threads slices render, write and upload their parts on. */
  java.util.concurrent.Executor workers();

  /**
   * Records an UNLOAD's files in stl_unload_log (outside the session's transaction); returns its
   * query id, for pg_last_query_id().
   */
  int logUnload(int pid, String user, long startMillis, long endMillis, String format,
      java.util.List<Integer> slices, java.util.List<String> paths, java.util.List<Long> lines,
      java.util.List<Long> bytes) throws java.sql.SQLException;
}
