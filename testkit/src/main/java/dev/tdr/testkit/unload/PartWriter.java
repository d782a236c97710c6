package dev.tdr.testkit.unload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPOutputStream;
import dev.tdr.testkit.wire.PgMessage;

/**
 * Spreads rows over slices, which render and write their own part files in parallel, as Redshift's
 * slices do: {@code <prefix><slice:4>_part_<n:2>} under PARALLEL ON, {@code <prefix><n:3>} under
 * PARALLEL OFF, a new part whenever MAXFILESIZE would be exceeded (measured before compression),
 * every part starting with the header line under HEADER.
 *
 * <p>The session thread hands each row's wire bytes to its slice ({@code row % slices}, in order)
 * in batches; a slice renders its batches one after the other on the workers, so each part holds
 * exactly the rows, in the order, a single thread would have written.
 */
final class PartWriter implements UnloadParts {
  private static final int BATCH_BYTES = 256 << 10;
  /** Batches a slice may have waiting before the session thread waits for it. */
  private static final int MAX_PENDING = 4;

  /** A finished part: its S3 key, local file, and lines written (header included). */
  record Part(String key, Path file, int slice, int partNo, long records) {}

  private final class SliceOut {
    final int slice;
    final int partNo;
    final String key;
    final Path file;
    final OutputStream out;
    long bytes;
    long records;

    SliceOut(int slice, int partNo) throws IOException {
      this.slice = slice;
      this.partNo = partNo;
      this.key = keyOf(slice, partNo);
      this.file = Files.createTempFile(dir, "part-", ".tmp");
      OutputStream raw = Files.newOutputStream(file);
      this.out = cmd.compression() == UnloadCommand.Compression.GZIP
          ? new BufferedOutputStream(new GZIPOutputStream(raw, 65536), 65536)
          : new BufferedOutputStream(raw, 65536);
      if (header != null) {
        out.write(header.data, 0, header.len);
        bytes += header.len;
        records++;
      }
    }

    Part close() throws IOException {
      out.close();
      return new Part(key, file, slice, partNo, records);
    }
  }

  /** One slice: its pending batch (session thread) and its parts (its worker, one batch at a time). */
  private final class Slice {
    final int index;
    ByteBuf batch = new ByteBuf(BATCH_BYTES + 4096);
    CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    final Semaphore pending = new Semaphore(MAX_PENDING);
    final ByteBuf row = new ByteBuf(1024);
    final ByteBuf scratch = new ByteBuf(256);
    final List<Part> done = new ArrayList<>();
    SliceOut current;
    int nextPartNo;

    Slice(int index) {
      this.index = index;
    }
  }

  private final UnloadCommand cmd;
  private final Path dir;
  private final ByteBuf header;
  private final long headerBytes;
  private final FieldWriter fields;
  private final ColumnKind[] kinds;
  private final Executor workers;
  private final Slice[] slices;
  private long rows;

  PartWriter(UnloadCommand cmd, Path dir, int slices, ByteBuf header, FieldWriter fields, ColumnKind[] kinds,
      Executor workers) {
    this.cmd = cmd;
    this.dir = dir;
    this.header = header;
    this.headerBytes = header == null ? 0 : header.len;
    this.fields = fields;
    this.kinds = kinds;
    this.workers = workers;
    this.slices = new Slice[cmd.parallel() ? slices : 1];
    for (int i = 0; i < this.slices.length; i++) {
      this.slices[i] = new Slice(i);
    }
  }

  private String keyOf(int slice, int partNo) {
    return keyOf(cmd, "", slice, partNo, "") + cmd.compression().suffix();
  }

  /**
   * The S3 key of a part of {@code cmd} in {@code folder} (under the prefix; "" for none):
   * {@code <slice:4>_part_<n:2>} under PARALLEL ON, {@code <n:3>} under PARALLEL OFF, then the
   * EXTENSION if one is given, else {@code defaultExtension}.
   */
  static String keyOf(UnloadCommand cmd, String folder, int slice, int partNo, String defaultExtension) {
    String base = cmd.parallel()
        ? String.format("%04d_part_%02d", slice, partNo)
        : String.format("%03d", partNo);
    String ext = defaultExtension;
    if (cmd.extension() != null && !cmd.extension().isEmpty()) {
      ext = cmd.extension().startsWith(".") ? cmd.extension() : "." + cmd.extension();
    }
    return cmd.prefix() + folder + base + ext;
  }

  @Override
  public void addRow(byte[] body, int len) throws IOException {
    Slice s = slices[(int) (rows++ % slices.length)];
    s.batch.addInt(len);
    s.batch.add(body, 0, len);
    if (s.batch.len >= BATCH_BYTES) {
      submit(s);
    }
  }

  private void submit(Slice s) throws IOException {
    ByteBuf b = s.batch;
    s.batch = new ByteBuf(BATCH_BYTES + 4096);
    try {
      s.pending.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the slices write");
    }
    s.tail = s.tail.thenRunAsync(() -> {
      try {
        render(s, b);
      } finally {
        s.pending.release();
      }
    }, workers);
  }

  private void render(Slice s, ByteBuf b) {
    try {
      int p = 0;
      while (p < b.len) {
        int len = ValueRenderer.readInt(b.data, p);
        p += 4;
        renderRow(b.data, p, s.row, s.scratch);
        write(s, s.row);
        p += len;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders the DataRow at {@code b[off...]} into {@code row}. */
  private void renderRow(byte[] b, int off, ByteBuf row, ByteBuf scratch) {
    row.clear();
    int n = PgMessage.int16At(b, off);
    int p = off + 2;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        fields.delimiter(row);
      }
      int len = PgMessage.int32At(b, p);
      p += 4;
      if (len < 0) {
        if (kinds[i] != ColumnKind.JSON) {
          fields.writeNull(row); // NULL AS does not apply to SUPER: NULL stays an empty field
        }
        continue;
      }
      ByteBuf r = ValueRenderer.render(kinds[i], b, p, len, scratch);
      if (r == null) {
        fields.write(row, b, p, len, kinds[i].character);
      } else {
        fields.write(row, r.data, 0, r.len, kinds[i].character);
      }
      p += len;
    }
    fields.endOfLine(row);
  }

  private void write(Slice s, ByteBuf row) throws IOException {
    SliceOut o = s.current;
    if (o == null || (o.bytes > headerBytes && o.bytes + row.len > cmd.maxFileSize())) {
      o = roll(s);
    }
    o.out.write(row.data, 0, row.len);
    o.bytes += row.len;
    o.records++;
  }

  @Override
  public long rows() {
    return rows;
  }

  private SliceOut roll(Slice s) throws IOException {
    if (s.current != null) {
      s.done.add(s.current.close());
    }
    s.current = new SliceOut(s.index, s.nextPartNo++);
    return s.current;
  }

  /** Writes the last batches and waits for every slice; rethrows a slice's failure. */
  private void drain() throws IOException {
    for (Slice s : slices) {
      if (s.batch.len > 0) {
        submit(s);
      }
    }
    for (Slice s : slices) {
      try {
        s.tail.join();
      } catch (CompletionException e) {
        Throwable c = e.getCause();
        if (c instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw new IOException(c);
      }
    }
  }

  /**
   * Closes every part, after the slices have written every row; {@code everySlice} opens a part
   * (possibly empty) for each slice that has none. Returns the parts in manifest order (slice,
   * then part number).
   */
  @Override
  public List<Part> finish(boolean everySlice) throws IOException {
    drain();
    List<Part> all = new ArrayList<>();
    for (Slice s : slices) {
      if (everySlice && s.current == null) {
        roll(s);
      }
      if (s.current != null) {
        s.done.add(s.current.close());
        s.current = null;
      }
      all.addAll(s.done);
    }
    all.sort(Comparator.comparingInt(Part::slice).thenComparingInt(Part::partNo));
    return List.copyOf(all);
  }

  /** Deletes the local files (after waiting for the slices, so none is written after). */
  @Override
  public void close() {
    for (Slice s : slices) {
      s.tail.exceptionally(e -> null).join();
      if (s.current != null) {
        try {
          s.current.out.close();
        } catch (IOException ignored) {
          // deleting anyway
        }
        deleteQuietly(s.current.file);
      }
      for (Part p : s.done) {
        deleteQuietly(p.file());
      }
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // temp file; the work dir is removed on shutdown
    }
  }
}
