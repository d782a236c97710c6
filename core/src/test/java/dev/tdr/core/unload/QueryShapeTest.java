package dev.tdr.core.unload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryShapeTest {

  @Test
  void findsTheOutermostOrderByAndLimit() {
    QueryShape s = QueryShape.analyze("select a, b as x from t where c in (select c from u order by c limit 3) "
        + "order by x desc, 1, \"Mixed Case\" asc nulls first, lower(b) limit 10");
    assertThat(s.outerLimit()).isTrue();
    assertThat(s.orderBy()).extracting(QueryShape.OrderKey::text)
        .containsExactly("x desc", "1", "\"Mixed Case\" asc nulls first", "lower(b)");
    assertThat(s.orderBy().get(0)).isEqualTo(new QueryShape.OrderKey("x desc", 0, "x", true, true));
    assertThat(s.orderBy().get(1)).isEqualTo(new QueryShape.OrderKey("1", 1, null, false, false));
    assertThat(s.orderBy().get(2).name()).isEqualTo("Mixed Case");
    assertThat(s.orderBy().get(2).nullsFirst()).isTrue();
    assertThat(s.orderBy().get(3).expression()).isTrue();
  }

  @Test
  void innerLimitsAndOrdersDoNotCount() {
    QueryShape s = QueryShape.analyze("with r as (select * from t order by a limit 5) select * from r");
    assertThat(s.outerLimit()).isFalse();
    assertThat(s.orderBy()).isEmpty();
    QueryShape w = QueryShape.analyze("select a, row_number() over (order by b) from t");
    assertThat(w.orderBy()).isEmpty();
    QueryShape lit = QueryShape.analyze("select 'order by x limit 1' as \"limit\" from t -- order by y");
    assertThat(lit.outerLimit()).isFalse();
    assertThat(lit.orderBy()).isEmpty();
  }

  @Test
  void unionOrderByAppliesToTheWholeQuery() {
    QueryShape s = QueryShape.analyze("select a from t union all select a from u order by 1 desc nulls last");
    assertThat(s.orderBy()).containsExactly(new QueryShape.OrderKey("1 desc nulls last", 1, null, true, false));
    assertThat(QueryShape.analyze("select a from t offset 3").outerLimit()).isTrue();
  }

  private static Schema schema(String... names) {
    List<Column> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(new Column(n, n.startsWith("s") ? ColumnType.SUPER : ColumnType.INTEGER, 0, 0, "int4"));
    }
    return new Schema(cols);
  }

  @Test
  void keysThatAreOutputColumnsSortLocally() {
    List<SortKey> sort = new ArrayList<>();
    QueryShape s = QueryShape.analyze("select a, b as x from t order by x desc, 1");
    assertThat(UnloadEngine.planSort(s, List.of("a", "x"), schema("a", "x"), sort)).isFalse();
    assertThat(sort).containsExactly(new SortKey(1, true, true), new SortKey(0, false, false));
  }

  @Test
  void expressionsAmbiguousNamesAndSuperFallBackToParallelOff() {
    List<SortKey> sort = new ArrayList<>();
    assertThat(UnloadEngine.planSort(QueryShape.analyze("select a from t order by b"),
        List.of("a"), schema("a"), sort)).isTrue();
    assertThat(sort).isEmpty();
    assertThat(UnloadEngine.planSort(QueryShape.analyze("select a, a from t order by a"),
        List.of("a", "a"), schema("a", "a_2"), sort)).isTrue();
    assertThat(UnloadEngine.planSort(QueryShape.analyze("select a from t order by a + 1"),
        List.of("a"), schema("a"), sort)).isTrue();
    assertThat(UnloadEngine.planSort(QueryShape.analyze("select s from t order by 1"),
        List.of("s"), schema("s"), sort)).isTrue();
    assertThat(UnloadEngine.planSort(QueryShape.analyze("select a from t order by 2"),
        List.of("a"), schema("a"), sort)).isTrue();
    assertThat(UnloadEngine.planSort(QueryShape.analyze("select a from t"),
        List.of("a"), schema("a"), sort)).isFalse();
  }

  @Test
  void normalizeDropsTrailingNoiseAndRejectsScripts() {
    assertThat(UnloadEngine.normalize("select 1; -- done\n")).isEqualTo("select 1");
    assertThat(UnloadEngine.normalize("/* hi */ select 1 /* bye */ ;;")).isEqualTo("/* hi */ select 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnloadEngine.normalize("select 1; select 2"))
        .hasMessageContaining("one query at a time; found 2 statements");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnloadEngine.normalize("-- nothing"))
        .hasMessageContaining("empty");
  }
}
