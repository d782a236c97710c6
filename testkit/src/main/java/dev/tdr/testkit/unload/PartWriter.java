package dev.tdr.testkit.unload;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Spreads rows over slices and writes each slice's part files to local disk: {@code
 * <prefix><slice:4>_part_<n:2>} under PARALLEL ON, {@code <prefix><n:3>} under PARALLEL OFF, a
 * new part whenever MAXFILESIZE would be exceeded (measured before compression), every part
 * starting with the header line under HEADER.
 */
final class PartWriter implements Closeable {

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

  private final UnloadCommand cmd;
  private final Path dir;
  private final int slices;
  private final ByteBuf header;
  private final long headerBytes;
  private final SliceOut[] current;
  private final int[] nextPartNo;
  private final List<Part> done = new ArrayList<>();
  private long rows;

  PartWriter(UnloadCommand cmd, Path dir, int slices, ByteBuf header) {
    this.cmd = cmd;
    this.dir = dir;
    this.slices = cmd.parallel() ? slices : 1;
    this.header = header;
    this.headerBytes = header == null ? 0 : header.len;
    this.current = new SliceOut[this.slices];
    this.nextPartNo = new int[this.slices];
  }

  private String keyOf(int slice, int partNo) {
    String base = cmd.parallel()
        ? String.format("%04d_part_%02d", slice, partNo)
        : String.format("%03d", partNo);
    String ext = "";
    if (cmd.extension() != null && !cmd.extension().isEmpty()) {
      ext = cmd.extension().startsWith(".") ? cmd.extension() : "." + cmd.extension();
    }
    return cmd.prefix() + base + ext + cmd.compression().suffix();
  }

  void addRow(ByteBuf row) throws IOException {
    int slice = (int) (rows++ % slices);
    SliceOut o = current[slice];
    if (o == null || (o.bytes > headerBytes && o.bytes + row.len > cmd.maxFileSize())) {
      o = roll(slice);
    }
    o.out.write(row.data, 0, row.len);
    o.bytes += row.len;
    o.records++;
  }

  /** Opens a part for every slice that has none, so each slice leaves a (possibly empty) file. */
  void touchAllSlices() throws IOException {
    for (int s = 0; s < slices; s++) {
      if (current[s] == null) {
        roll(s);
      }
    }
  }

  long rows() {
    return rows;
  }

  private SliceOut roll(int slice) throws IOException {
    if (current[slice] != null) {
      done.add(current[slice].close());
    }
    current[slice] = new SliceOut(slice, nextPartNo[slice]++);
    return current[slice];
  }

  /** Closes every part; returns them in manifest order (slice, then part number). */
  List<Part> finish() throws IOException {
    for (int s = 0; s < slices; s++) {
      if (current[s] != null) {
        done.add(current[s].close());
        current[s] = null;
      }
    }
    done.sort(Comparator.comparingInt(Part::slice).thenComparingInt(Part::partNo));
    return List.copyOf(done);
  }

  /** Deletes the local files. */
  @Override
  public void close() {
    for (SliceOut o : current) {
      if (o != null) {
        try {
          o.out.close();
        } catch (IOException ignored) {
          // deleting anyway
        }
        deleteQuietly(o.file);
      }
    }
    for (Part p : done) {
      deleteQuietly(p.file());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // temp file; the work dir is removed on shutdown
    }
  }
}
