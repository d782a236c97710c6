package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tdr demo} end to end, on a small dataset. */
class DemoCommandIT {
  @Test
  void runsTheAnalystQueriesAndPrintsTheTimingTable() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = TdrCli.run(new String[] {"demo", "--events", "20000"}, new PrintWriter(out, true),
        new PrintWriter(err, true), Map.of());
    assertThat(status).as(err.toString()).isZero();
    String o = out.toString();
    assertThat(o).contains("== 1. Daily sessions and completion rate per country",
        "== 2. Top 20 titles by hours watched", "== 3. OTT viewing in June: every session with its title");
    assertThat(o).contains("Snippets (examples/snippets): engaged, ott_app, watched_between",
        "where {{ ott_app }}", "-- with snippets expanded:",
        "where app IN ('roku', 'firetv', 'androidtv', 'samsung_tv', 'lg_tv', 'vizio')",
        "where started_at >= '2024-06-01'::date AND started_at < '2024-06-07'::date + 1");
    assertThat(o).contains("(showing 5 of 12,000 rows)");
    assertThat(o).contains("TDR: 12,000 rows");
    assertThat(o).contains("JDBC: 12,000 rows");
    assertThat(o).contains("== Time to DataFrame: TDR (UNLOAD + parallel read) vs JDBC (row by row)");
    assertThat(o.lines().filter(l -> l.matches("^[123] .*x$"))).hasSize(3);
  }
}
