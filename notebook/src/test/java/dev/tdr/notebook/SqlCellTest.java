package dev.tdr.notebook;

import dev.tdr.Route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ConfigException;
import org.junit.jupiter.api.Test;

class SqlCellTest {
  @Test
  void defaults() {
    assertThat(SqlCell.parse("")).isEqualTo(new SqlCell("df", Route.AUTO));
    assertThat(SqlCell.parse(null)).isEqualTo(new SqlCell("df", Route.AUTO));
  }

  @Test
  void nameAndRouteInAnyOrder() {
    assertThat(SqlCell.parse("top --via jdbc")).isEqualTo(new SqlCell("top", Route.JDBC));
    assertThat(SqlCell.parse("--via=SPARK  daily_users")).isEqualTo(new SqlCell("daily_users", Route.SPARK));
    assertThat(SqlCell.parse("  --via local ")).isEqualTo(new SqlCell("df", Route.LOCAL));
  }

  @Test
  void mistakesNameTheOptionAndTheFix() {
    assertThatThrownBy(() -> SqlCell.parse("--route jdbc")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown option '--route'").hasMessageContaining("--via auto|local|jdbc|spark");
    assertThatThrownBy(() -> SqlCell.parse("--via odbc")).hasMessageContaining("--via odbc is not a route")
        .hasMessageContaining("auto, local, jdbc or spark");
    assertThatThrownBy(() -> SqlCell.parse("--via")).hasMessageContaining("--via needs a route");
    assertThatThrownBy(() -> SqlCell.parse("select 1")).hasMessageContaining("one result name")
        .hasMessageContaining("lines below");
    assertThatThrownBy(() -> SqlCell.parse("class")).hasMessageContaining("'class' cannot name the result");
    assertThatThrownBy(() -> SqlCell.parse("2x")).hasMessageContaining("'2x' cannot name the result");
    assertThatThrownBy(() -> SqlCell.parse("my-df")).hasMessageContaining("'my-df' cannot name the result");
  }
}
