package dev.tdr.testkit.wire;

import java.util.Optional;
import java.util.Set;

/** The column names (lower case) of a table or view as a FROM clause names it, or empty if there is none. */
@FunctionalInterface
public interface RelationColumns {
  Optional<Set<String>> columns(String relation);

  /**
   * The result column types of {@code select} as PostgreSQL describes it without running it
   * ({@code format_type} names: {@code numeric(12,2)}, {@code numeric} for an unconstrained one,
   * {@code integer}...); empty if it cannot be described.
   */
  default Optional<java.util.List<String>> describe(String select) {
    return Optional.empty();
  }

  /** The result column names of {@code select} as PostgreSQL describes it; empty if it cannot be described. */
  default Optional<java.util.List<String>> columnNames(String select) {
    return Optional.empty();
  }
}
