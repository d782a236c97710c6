package dev.tdr.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSqlFileTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String sql = "-- a file\nCREATE TEMPORARY VIEW v USING `tdr;x` OPTIONS (password 'a;b\\';c', q \"d;e\");\n"
        + "/* ; */ SELECT 1; -- trailing ; comment\n;\n  -- only a comment;\nSELECT ';'";
    assertThat(RunSqlFile.statements(sql)).containsExactly(
        "-- a file\nCREATE TEMPORARY VIEW v USING `tdr;x` OPTIONS (password 'a;b\\';c', q \"d;e\")",
        "/* ; */ SELECT 1",
        "-- only a comment;\nSELECT ';'"); // the ';' of a comment ends nothing
  }

  @Test
  void anEmptyFileHasNoStatements() {
    assertThat(RunSqlFile.statements("  \n-- nothing\n/* at all */ ;")).isEmpty();
  }
}
