package dev.tdr.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.QueryStats;
import dev.tdr.Route;
import dev.tdr.core.ConfigException;
import dev.tdr.core.TdrException;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** The shared query layer's pure parts: routes by name, messages for people, the writers. */
class QueryLayerTest {
  @Test
  void routesAreNamedAsUsersTypeThem() {
    assertThat(Route.parse("Spark")).isEqualTo(Route.SPARK);
    assertThat(Route.AUTO.toString()).isEqualTo("auto");
    assertThatThrownBy(() -> Route.parse("fast")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'fast' is not a route; use auto, local, jdbc or spark");
  }

  @Test
  void messagesUnwrapAndNameTheDatabaseState() {
    SQLException db = new SQLException("relation \"nope\" does not exist  ", "42P01");
    assertThat(Messages.describe(new ExecutionException(db))).isEqualTo("database error [SQLSTATE 42P01]: relation \"nope\" does not exist");
    assertThat(Messages.describe(new ExecutionException(new TdrException("part s3://b/p line 3")))).isEqualTo("part s3://b/p line 3");
  }

  @Test
  void timingSaysTheRouteAndTheParts() {
    QueryStats s = new QueryStats(Route.LOCAL, 4, 100, 10, Duration.ofMillis(902), Duration.ofMillis(211));
    assertThat(Routes.timing(Duration.ofMillis(1204), s)).isEqualTo("1.204 s via local (UNLOAD 0.902 s, read 0.211 s, 4 parts)");
  }

  @Test
  void csvWritesNullAsEmptyAndQuotesWhatNeedsIt() {
    DataFrame df = DataFrame.foldByRow("a", "b").of("x,y", null, "plain", "say \"hi\"");
    StringWriter w = new StringWriter();
    ResultWriter.csv(df, w);
    assertThat(w.toString()).startsWith("a,b").contains("\"x,y\",").contains("\"say \"\"hi\"\"\"");
  }

  @Test
  void tablesAlignWideCharactersByDisplayWidth() {
    DataFrame df = DataFrame.foldByRow("title", "n").of("日本語", 1, "abc", 22, "🎉 party", 333, "e\u0301t\u00e9", 4);
    StringWriter w = new StringWriter();
    ResultWriter.table(df, w, 100, 40);
    String[] lines = w.toString().split("\n");
    assertThat(lines[0]).isEqualTo("title    | n");
    assertThat(lines[2]).isEqualTo("日本語   |   1");
    assertThat(lines[3]).isEqualTo("abc      |  22");
    assertThat(lines[4]).isEqualTo("🎉 party | 333");
    assertThat(lines[5]).isEqualTo("e\u0301t\u00e9      |   4");
    for (int i = 2; i <= 5; i++) {
      assertThat(ResultWriter.displayWidth(lines[i])).as(lines[i]).isEqualTo(14);
    }
    StringWriter cut = new StringWriter();
    ResultWriter.table(DataFrame.foldByRow("v").of("日本語日本語日本語"), cut, 100, 7);
    assertThat(cut.toString()).contains("日本語…\n");
  }

  @Test
  void expandedShowsOneLinePerColumnAndValuesWhole() {
    DataFrame df = DataFrame.foldByRow("id", "label").of(1, "x".repeat(60), 2, null);
    StringWriter w = new StringWriter();
    ResultWriter.expanded(df, w, 100);
    assertThat(w.toString()).isEqualTo("-[ RECORD 1 ]-\nid    | 1\nlabel | " + "x".repeat(60) + "\n"
        + "-[ RECORD 2 ]-\nid    | 2\nlabel | NULL\n(2 rows)\n");
  }
}
