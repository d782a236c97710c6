package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.QueryResult;
import dev.tdr.Route;
import dev.tdr.Tdr;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.EmptyUnload;
import dev.tdr.testkit.Fixtures;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.sql.Connection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One engine, two readers: a TDR query result read by Spark without a second UNLOAD. */
@ExtendWith(RedshiftEmulatorExtension.class)
class ToDatasetIT {
  private static SparkSession spark;
  private static Tdr tdr;

  @BeforeAll
  static void start(RedshiftEmulator emu) throws Exception {
    spark = LocalSpark.builder("local[2]", "to-dataset-it").getOrCreate();
    tdr = Tdr.connect(TdrConfig.builderFromEnvironment(emu.environment()).localThreshold(100).build());
    try (Connection c = emu.backingConnection()) {
      Fixtures.nastyValues(c, "ds_nasty");
    }
  }

  @AfterAll
  static void stop() {
    tdr.close();
    spark.stop();
  }

  @Test
  void aboveTheThresholdTheSameUnloadIsReadBySpark(RedshiftEmulator emu) {
    String prefix;
    try (QueryResult r = tdr.query("select * from ds_nasty")) {
      assertThat(r.route()).isEqualTo(Route.SPARK);
      prefix = r.unloaded().prefix().toString();
      Dataset<Row> ds = r.toDataset(spark);
      List<Row> rows = ds.orderBy("id").collectAsList();
      assertThat(rows).hasSize(5);
      assertThat(ds.count()).isEqualTo(5); // a second action reads the same files
      assertThat(rows.get(2).isNullAt(6)).isTrue();
      assertThat(rows.get(2).getString(7)).isEmpty();     // '' stays '' (the NULL marker travels)
      assertThat(rows.get(3).isNullAt(15)).isTrue();      // SUPER NULL
      assertThat(rows.get(0).getString(15)).isEqualTo("{\"a\":[1,2],\"b\":\"x y\"}");
      DataFrame local = r.forceLocal();                    // the same parts, locally
      assertThat(local.height()).isEqualTo(5);
    }
    try (PartStore store = PartStore.create(tdr.config(), 1)) {
      assertThat(store.list(S3Uri.parse(prefix))).isEmpty();
    }
  }

  @Test
  void emptyResultsWithoutAManifest(RedshiftEmulator emu) {
    emu.emptyUnload(EmptyUnload.NO_FILES);
    try (QueryResult r = tdr.query("select id, v from ds_nasty where id < 0")) {
      Dataset<Row> ds = r.toDataset(spark);
      assertThat(ds.collectAsList()).isEmpty();
      assertThat(ds.columns()).containsExactly("id", "v");
    }
  }

  @Test
  void closedResultsRefuse() {
    QueryResult r = tdr.query("select 1 as x");
    r.close();
    assertThatThrownBy(() -> r.toDataset(spark)).hasMessageContaining("files are gone");
  }
}
