package dev.tdr.notebook.profile;

/** How many non-null values of a boolean column are true and false. */
public record BooleanStats(long trues, long falses) {}
