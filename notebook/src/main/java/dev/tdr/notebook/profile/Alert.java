package dev.tdr.notebook.profile;

import java.util.Objects;

/**
 * A warning about the data; {@code column} is null for table-level alerts ({@link
 * AlertType#DUPLICATE_ROWS}).
 */
public record Alert(String column, AlertType type, String message) {
  public Alert {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
