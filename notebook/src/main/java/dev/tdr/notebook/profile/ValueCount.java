package dev.tdr.notebook.profile;

/**
 * A value's display text and how many rows hold it (see {@link ColumnProfile#topValues()} for the
 * display rules).
 */
public record ValueCount(String value, long count) {}
