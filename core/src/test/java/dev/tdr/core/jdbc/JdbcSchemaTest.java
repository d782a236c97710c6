package dev.tdr.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ColumnType;
import dev.tdr.core.SchemaException;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {
  /** Metadata as a driver reports it: labels, type names, precision and scale per column. */
  private static ResultSetMetaData metadata(String[] labels, String[] types, int[] precision, int[] scale) {
    return (ResultSetMetaData) Proxy.newProxyInstance(JdbcSchemaTest.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (p, m, a) -> switch (m.getName()) {
          case "getColumnCount" -> labels.length;
          case "getColumnLabel" -> labels[(int) a[0] - 1];
          case "getColumnTypeName" -> types[(int) a[0] - 1];
          case "getPrecision" -> precision[(int) a[0] - 1];
          case "getScale" -> scale[(int) a[0] - 1];
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void labelsAsReportedNamesMadeUniqueTypesMapped() throws Exception {
    JdbcSchema.Described d = JdbcSchema.of(metadata(new String[] {"id", "n", "n"},
        new String[] {"int4", "numeric", "varchar"}, new int[] {10, 12, 20}, new int[] {0, 2, 0}));
    assertThat(d.labels()).containsExactly("id", "n", "n");
    assertThat(d.schema().names()).hasSize(3).doesNotHaveDuplicates().startsWith("id", "n");
    assertThat(d.schema().column(1).type()).isEqualTo(ColumnType.fromDatabaseName("numeric"));
    assertThat(d.schema().column(1).scale()).isEqualTo(2);
  }

  @Test
  void aTypeTdrCannotMapNamesTheColumnAndTheFix() {
    assertThatThrownBy(() -> JdbcSchema.of(metadata(new String[] {"relid"}, new String[] {"oid"}, new int[] {10},
        new int[] {0}))).isInstanceOf(SchemaException.class).hasMessageContaining("'relid'").hasMessageContaining("relid::varchar");
  }
}
