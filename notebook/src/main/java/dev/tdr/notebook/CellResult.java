package dev.tdr.notebook;

import dev.tdr.QueryStats;
import org.dflib.DataFrame;

/**
 * What a {@code %%sql} cell produced: the variable name to bind, the rows, how they came, and the
 * SQL that ran (snippets expanded).
 */
public record CellResult(String name, DataFrame df, QueryStats stats, String sql) {}
