package dev.tdr.testkit.wire;

import java.util.Optional;
import java.util.Set;

/** The column names (lower case) of a table or view as a FROM clause names it, or empty if there is none. */
@FunctionalInterface
public interface RelationColumns {
  Optional<Set<String>> columns(String relation);
}
