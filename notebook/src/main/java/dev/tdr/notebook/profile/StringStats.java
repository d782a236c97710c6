package dev.tdr.notebook.profile;

/**
 * Lengths of a string column's values in Unicode code points (an emoji outside the BMP counts 1,
 * "héllo" 5).
 *
 * @param minLength the shortest value's length
 * @param maxLength the longest value's length
 * @param meanLength the mean length
 * @param empty values equal to ""
 * @param blank values that are empty or whitespace only ({@link String#isBlank()}), so blank
 *     &gt;= empty
 */
public record StringStats(int minLength, int maxLength, double meanLength, long empty, long blank) {}
