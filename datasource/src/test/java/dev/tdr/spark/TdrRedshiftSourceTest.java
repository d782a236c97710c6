package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TdrRedshiftSourceTest {
  @Test
  void buildsAgainstSpark4AndNamesItself() {
    assertThat(new TdrRedshiftSource().shortName()).isEqualTo("tdr-redshift");
    assertThat(org.apache.spark.package$.MODULE$.SPARK_VERSION()).startsWith("4.");
  }
}
