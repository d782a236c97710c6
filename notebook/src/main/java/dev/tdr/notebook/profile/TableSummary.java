package dev.tdr.notebook.profile;

/**
 * The whole frame at a glance.
 *
 * @param rows the frame's height
 * @param columns the frame's width
 * @param memoryBytes an estimate of the JVM heap the frame's values take (64-bit HotSpot with
 *     compressed references): 4 bytes per cell for the reference plus each non-null value's own
 *     size, 8-byte aligned (Integer, Short, Float 16; Long, Double 24; BigDecimal 40, more for
 *     over 18 digits; String 24 + a 16-byte array header + 1 byte per char when all chars are
 *     Latin-1, else 2; LocalDate, LocalTime, Instant 24; LocalDateTime 72; OffsetDateTime,
 *     ZonedDateTime 96; OffsetTime 48; byte[] 16 + length; Boolean 0, its instances being
 *     shared; anything else 16). Primitive DFLib series (IntSeries, LongSeries, DoubleSeries,
 *     FloatSeries, BooleanSeries) count their primitive width per row instead, and TDR's unboxed
 *     series ({@code dev.tdr.UnboxedSeries}) their array and null bitmap. Instances shared
 *     between cells are counted each time; the frame and index objects are not counted.
 * @param duplicateRows how many rows equal an earlier row in every column (null equals null,
 *     byte[] compare by content, numbers by value); 0 for a frame without columns
 * @param missingCells null cells in the frame
 * @param missingCellsRatio missingCells / (rows × columns), 0 for an empty frame
 */
public record TableSummary(
    long rows, int columns, long memoryBytes, long duplicateRows, long missingCells, double missingCellsRatio) {}
