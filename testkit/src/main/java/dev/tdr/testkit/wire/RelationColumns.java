package dev.tdr.testkit.wire;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The column names (lower case) of a table or view as a FROM clause names it, or empty if there is none. */
@FunctionalInterface
public interface RelationColumns {
  Optional<Set<String>> columns(String relation);

  /**
   * The columns of {@code relation} with their types as PostgreSQL's {@code format_type} writes
   * them (e.g. {@code numeric(12,2)}); empty if unknown (then no result type is derived from them).
   */
  default Optional<Map<String, String>> columnTypes(String relation) {
    return Optional.empty();
  }
}
