package dev.tdr.core.unload;

import java.io.Serializable;

/**
 * A sort the reader applies after reading, because UNLOAD in parallel does not keep the query's
 * ORDER BY: by output column {@code column} (0-based), NULLs first or last.
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) implements Serializable {}
