package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Aggregates, top-N and predicates pushed into the UNLOAD: every pushed query gives exactly what
 * Spark computes over the same rows unpushed, and the plan shows what was pushed.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class SparkPushdownIT {
  private static SparkSession spark;
  private static RedshiftEmulator emu;

  @BeforeAll
  static void start(RedshiftEmulator emulator) throws Exception {
    emu = emulator;
    spark = LocalSpark.builder("local[2]", "tdr-pushdown-it").getOrCreate();
    try (Connection c = emu.backingConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists spark_agg");
      s.execute("create table spark_agg as select g as id, (g * 7919) % 1000 as score, (g % 7)::smallint as small,"
          + " g::bigint * 1000000007 as big, case when g % 10 = 0 then null else 'app ' || (g % 5) end as app,"
          + " ((g % 100)::numeric(10,2) / 4)::numeric(14,4) as amount, (g % 7) * 0.5::float8 as ratio,"
          + " (g % 3) * 0.25::real as r4, date '2024-01-01' + (g % 60) as day,"
          + " timestamp '2024-01-01' + (g || ' seconds')::interval as at, g % 2 = 0 as even,"
          + " case when g % 13 = 0 then null else g % 11 end as sparse"
          + " from generate_series(1, 3000) g");
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @org.junit.jupiter.api.AfterEach
  void everyRunIsCleanedUp() {
    assertThat(SparkReadIT.leftovers(spark, emu)).isEmpty();
  }

  private static DataFrameReader read() {
    return spark.read().format("tdr-redshift").options(SparkReadIT.options(emu)).option("dbtable", "spark_agg");
  }

  private static Dataset<Row> pushed() {
    return read().load();
  }

  private static Dataset<Row> notPushed() {
    return read().option("pushdown", "false").load();
  }

  private static String plan(Dataset<Row> d) {
    return d.queryExecution().executedPlan().toString();
  }

  @Test
  void everyPushedAggregateIsWhatSparkComputes() {
    String[] aggregates = {
        "count(*) as n", "count(app) as apps", "count(distinct app) as distinct_apps", "sum(score) as s",
        "sum(small) as s_small", "sum(big) as s_big", "sum(amount) as s_amount", "sum(ratio) as s_ratio",
        "avg(score) as a", "avg(small) as a_small", "avg(ratio) as a_ratio", "avg(r4) as a_r4", "min(score) as mn",
        "max(big) as mx", "min(day) as first_day", "max(at) as last_at", "min(amount) as mn_amount",
        "sum(sparse) as s_sparse", "avg(sparse) as a_sparse", "count(distinct sparse) as d_sparse"};
    String[] groups = {"", "app", "day", "app, even"};
    for (String g : groups) {
      for (String a : aggregates) {
        Dataset<Row> p = pushed().selectExpr(a);
        Dataset<Row> q = notPushed().selectExpr(a);
        if (!g.isEmpty()) {
          p = pushed().groupBy(g.split(", ")[0], g.split(", ").length > 1 ? new String[] {"even"} : new String[0])
              .agg(org.apache.spark.sql.functions.expr(a));
          q = notPushed().groupBy(g.split(", ")[0], g.split(", ").length > 1 ? new String[] {"even"} : new String[0])
              .agg(org.apache.spark.sql.functions.expr(a));
        }
        String order = g.isEmpty() ? a.substring(a.lastIndexOf(' ') + 1) : g.split(", ")[0];
        List<Row> got = p.orderBy(g.isEmpty() ? order : g.split(", ")[0]).collectAsList();
        List<Row> want = q.orderBy(g.isEmpty() ? order : g.split(", ")[0]).collectAsList();
        assertThat(sorted(got)).as("group by [%s] %s", g, a).isEqualTo(sorted(want));
        assertThat(p.schema()).as("group by [%s] %s", g, a).isEqualTo(q.schema());
        assertThat(plan(p)).as("group by [%s] %s: pushed", g, a).contains("tdr-redshift [SELECT").contains("AS agg_0");
      }
    }
  }

  private static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  @Test
  void aggregatesThatRedshiftWouldAnswerDifferentlyAreLeftToSpark() {
    // MIN of text (collations may differ) and functions with no pushed form stay with Spark
    for (String a : new String[] {"min(app)", "stddev(score)"}) {
      Dataset<Row> p = pushed().groupBy("even").agg(org.apache.spark.sql.functions.expr(a));
      assertThat(plan(p)).as(a).doesNotContain("agg_0");
      assertThat(sorted(p.collectAsList())).as(a)
          .isEqualTo(sorted(notPushed().groupBy("even").agg(org.apache.spark.sql.functions.expr(a)).collectAsList()));
    }
    // AVG of a DECIMAL: Redshift keeps the input's scale, Spark adds 4; Spark pushes SUM and COUNT and divides itself
    Dataset<Row> p = pushed().groupBy("even").agg(org.apache.spark.sql.functions.expr("avg(amount)"));
    assertThat(plan(p)).contains("COUNT(\"amount\") AS agg_0", "SUM(\"amount\") AS agg_1").doesNotContain("AVG(");
    assertThat(sorted(p.collectAsList()))
        .isEqualTo(sorted(notPushed().groupBy("even").agg(org.apache.spark.sql.functions.expr("avg(amount)")).collectAsList()));
  }

  @Test
  void filtersAndAggregatesTogether() {
    Dataset<Row> p = pushed().where("score > 500 and app is not null").groupBy("app")
        .agg(org.apache.spark.sql.functions.expr("count(*) as n"), org.apache.spark.sql.functions.expr("max(score) as m"));
    Dataset<Row> q = notPushed().where("score > 500 and app is not null").groupBy("app")
        .agg(org.apache.spark.sql.functions.expr("count(*) as n"), org.apache.spark.sql.functions.expr("max(score) as m"));
    assertThat(sorted(p.collectAsList())).isEqualTo(sorted(q.collectAsList()));
    assertThat(plan(p)).contains("\"score\" > 500", "GROUP BY \"app\"", "COUNT(*) AS agg_0", "MAX(\"score\") AS agg_1");
  }

  @Test
  void topNRunsInRedshiftInOrder() {
    Dataset<Row> p = pushed().orderBy(org.apache.spark.sql.functions.col("score").desc(),
        org.apache.spark.sql.functions.col("id").asc()).limit(7).select("id", "score");
    Dataset<Row> q = notPushed().orderBy(org.apache.spark.sql.functions.col("score").desc(),
        org.apache.spark.sql.functions.col("id").asc()).limit(7).select("id", "score");
    assertThat(p.collectAsList()).isEqualTo(q.collectAsList()); // the same rows, in the same order
    assertThat(plan(p)).contains("ORDER BY \"score\" DESC NULLS LAST, \"id\" ASC NULLS FIRST LIMIT 7");
    Dataset<Row> nulls = pushed().orderBy(org.apache.spark.sql.functions.col("sparse").asc_nulls_last(),
        org.apache.spark.sql.functions.col("id")).limit(5).select("id", "sparse");
    assertThat(nulls.collectAsList()).isEqualTo(notPushed().orderBy(org.apache.spark.sql.functions.col("sparse")
        .asc_nulls_last(), org.apache.spark.sql.functions.col("id")).limit(5).select("id", "sparse").collectAsList());
  }

  @Test
  void v2PredicatesIncludingNotEqualAndTimes() {
    String[] filters = {"score <> 500", "not (app = 'app 1')", "day between date '2024-01-10' and date '2024-01-20'",
        "at >= timestamp_ntz '2024-01-01 00:30:00'", "app like 'app%'", "app like '%3'", "sparse in (1, 2) or sparse is null"};
    for (String f : filters) {
      assertThat(sorted(pushed().where(f).collectAsList())).as(f).isEqualTo(sorted(notPushed().where(f).collectAsList()));
    }
    Dataset<Row> ne = pushed().where("score <> 500");
    assertThat(plan(ne)).contains("(NOT \"score\" = 500)");
    ne.collectAsList(); // the UNLOAD ran while the plan was made; the query's end deletes its files
  }
}
