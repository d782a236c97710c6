package dev.tdr.core.read;

/**
 * Record splitting for parts read as several byte ranges: what one range holds, given whether it
 * starts inside a quoted field. A record ends at a separator outside quotes (UNLOAD's CSV doubles
 * a quote inside a quoted field, so toggling on every quote byte tracks the state exactly), so the
 * state at the end of one range is the state at the start of the next, and the first record that
 * starts in a range is where a reader of that range can begin.
 *
 * @param firstStart offset of the first record that starts in the range (after its first separator
 *     outside quotes), or -1 if none does
 * @param records separators outside quotes (records that end in the range)
 * @param newlines every separator byte, quoted or not (for line numbers in messages)
 * @param newlinesToFirst separator bytes up to and including the one before {@code firstStart}
 * @param quotedAtEnd whether the range ends inside a quoted field
 */
record RecordScan(int firstStart, long records, long newlines, long newlinesToFirst, boolean quotedAtEnd) {

  /** Scans {@code b}, which starts inside a quoted field when {@code quoted}. */
  static RecordScan of(byte[] b, boolean quoted, byte quote, byte separator) {
    boolean q = quoted;
    int firstStart = -1;
    long records = 0;
    long newlines = 0;
    long toFirst = 0;
    for (int p = 0; p < b.length; p++) {
      byte x = b[p];
      if (x == quote) {
        q = !q;
      } else if (x == separator) {
        newlines++;
        if (!q) {
          records++;
          if (firstStart < 0) {
            firstStart = p + 1;
            toFirst = newlines;
          }
        }
      }
    }
    return new RecordScan(firstStart, records, newlines, toFirst, q);
  }
}
