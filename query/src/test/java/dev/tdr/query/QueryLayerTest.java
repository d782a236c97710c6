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
}
