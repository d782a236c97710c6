package dev.tdr.core.read;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import dev.tdr.core.csv.CsvDialect;
import dev.tdr.core.unload.Manifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the byte decoder compiled before the first real part arrives: a background thread, once
 * per JVM, decodes a synthetic part with every column type (NULLs, quoted fields with doubled
 * quotes and newlines, empty strings) until the JIT has seen enough of it, or until a real read
 * starts. A fresh process (the command line, a new notebook) starts it with its client, so it
 * runs while Redshift unloads, which the query waits for anyway.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final int ROWS = 2000;
  private static final int ROUNDS = 60;
  private static volatile boolean stop;

  private WarmUp() {}

  static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(WarmUp::run, "tdr-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** A real read started: it now warms the code itself. */
  static void stop() {
    stop = true;
  }

  private static void run() {
    long t0 = System.nanoTime();
    int rounds = 0;
    try {
      Manifest.parse("s3://warm-up/manifest", ("{\"entries\":[{\"url\":\"s3://warm-up/0000_part_00\","
          + "\"meta\":{\"content_length\":1,\"record_count\":1}}]}").getBytes(StandardCharsets.UTF_8));
      Schema schema = schema();
      CsvDialect dialect = CsvDialect.of(',', "NULL-tdr-warm-up-0123456789");
      byte[] part = part(schema, dialect.nullMarker());
      Columns columns = new Columns(schema, ROWS);
      PartDecoder decoder = new PartDecoder(dialect, schema, 1 << 16);
      for (; rounds < ROUNDS && !stop; rounds++) {
        columns.clear(0, ROWS);
        decoder.begin(new ByteArrayInputStream(part), "s3://warm-up/0000_part_00", 1, columns, 0, ROWS);
        if (decoder.decode(0, ROWS) != ROWS) {
          throw new IllegalStateException("the warm-up part did not decode");
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("decoder warm-up stopped: {}", e.toString());
    }
    LOG.debug("decoder warm-up: {} rounds of {} rows in {} ms", rounds, ROWS, (System.nanoTime() - t0) / 1_000_000);
  }

  private static Schema schema() {
    List<Column> cols = new ArrayList<>();
    ColumnType[] types = {ColumnType.BIGINT, ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DECIMAL,
        ColumnType.DOUBLE, ColumnType.REAL, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP,
        ColumnType.TIMESTAMPTZ, ColumnType.VARCHAR, ColumnType.VARCHAR};
    for (int i = 0; i < types.length; i++) {
      boolean fixed = i == 2;
      cols.add(new Column("c" + i, types[i], fixed ? 12 : 0, fixed ? 2 : 0, types[i].name().toLowerCase()));
    }
    return new Schema(cols);
  }

  private static byte[] part(Schema schema, String nul) {
    StringBuilder sb = new StringBuilder(ROWS * 160);
    for (int g = 1; g <= ROWS; g++) {
      for (int c = 0; c < schema.size(); c++) {
        if (c > 0) {
          sb.append(',');
        }
        if ((g + c) % 9 == 0) {
          sb.append(nul);
          continue;
        }
        switch (c) {
          case 0 -> sb.append(g * 7_919L - 1_000_000);
          case 1 -> sb.append((g * 31) % 100_000);
          case 2 -> sb.append(g % 1000).append('.').append(10 + g % 90);
          case 3 -> sb.append(g % 77).append(g % 3 == 0 ? "" : ".25");
          case 4 -> sb.append(g / 7.0);
          case 5 -> sb.append((float) (g / 3.0));
          case 6 -> sb.append(g % 3 == 0 ? 't' : 'f');
          case 7 -> sb.append(2000 + g % 30).append("-0").append(1 + g % 9).append('-').append(10 + g % 18);
          case 8, 9 -> sb.append(2000 + g % 30).append("-1").append(g % 3).append('-').append(10 + g % 18)
              .append(' ').append(10 + g % 14).append(':').append(10 + g % 50).append(':').append(10 + g % 49)
              .append(g % 2 == 0 ? "" : "." + (100_000 + g)).append(c == 9 ? "+00" : "");
          case 10 -> sb.append("code").append(g % 50);
          default -> sb.append(g % 5 == 0 ? "\"a \"\"quoted\"\" note, with a comma\nand a newline " + g + "\""
              : g % 5 == 1 ? "" : "plain text " + Integer.toHexString(g * 31));
        }
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
