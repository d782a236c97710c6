package dev.tdr.core;

import java.io.Serializable;

/**
 * One result column.
 *
 * @param name the column's name in results (made unique, see {@link ColumnNames})
 * @param type its Redshift type
 * @param precision DECIMAL precision or CHAR/VARCHAR length, 0 if not applicable
 * @param scale DECIMAL scale, 0 otherwise
 * @param databaseType the type name the database reported, e.g. {@code numeric} or {@code int4}
 */
public record Column(String name, ColumnType type, int precision, int scale, String databaseType)
    implements Serializable {
}
