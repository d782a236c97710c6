package dev.tdr.core;

import java.io.Serializable;
import java.util.List;

/** The columns of a result, in order, with unique names. */
public record Schema(List<Column> columns) implements Serializable {
  public Schema {
    columns = List.copyOf(columns);
  }

  public int size() {
    return columns.size();
  }

  public Column column(int index) {
    return columns.get(index);
  }

  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  /** Position of the column named {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
