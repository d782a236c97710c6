package dev.tdr.notebook.profile;

/**
 * Range of a date/time column.
 *
 * @param min the earliest value, ISO-8601 (zoned values are compared by instant and shown with
 *     their own offset)
 * @param max the latest value, likewise
 * @param histogramUnit what the histogram's bin edges count: {@code epochDay} (date), {@code
 *     epochSecond} (timestamp read as UTC, timestamptz by instant), {@code secondOfDay} (time);
 *     null when there is no histogram (timetz)
 * @param histogram equal-width bins over those numbers, or null
 */
public record TemporalStats(String min, String max, String histogramUnit, Histogram histogram) {}
