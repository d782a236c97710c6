package dev.tdr.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class ExplorerPageTest {
  @Test
  void valuesCannotEndTheScriptTheyAreIn() {
    DataFrame df = DataFrame.foldByRow("app", "hours").of("</script><script>alert(1)</script>", 1.5, "web", 2.0);
    DisplayBundle b = Display.dataFrame(df, DisplayOptions.defaults());
    String html = ExplorerPage.html(b, "select '<b>' as x", "2026-12-06T06:00:00Z", "tdr-explorer.js");
    assertThat(html).contains("<pre>select &#39;&lt;b&gt;&#39; as x</pre>").doesNotContain("<b>")
        .contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>")
        .contains("<p class=\"tdr-rows\">2 rows, ran 2026-12-06T06:00:00Z</p>")
        .contains("<script src=\"tdr-explorer.js\"></script>");
    // one script element per block: no value closes one early
    assertThat(html.split("</script>", -1)).hasSize(5);
  }

  @Test
  void aSampleSaysHowMuchIsShown() {
    DataFrame df = DataFrame.foldByRow("n").of(1, 2, 3, 4, 5);
    DisplayBundle b = Display.dataFrame(df, new DisplayOptions(20, 3, 200));
    assertThat(ExplorerPage.html(b, "select n", "now", "x.js")).contains("showing the first 3 of 5 rows, ran now")
        .contains("\"sampled\":true");
  }

  @Test
  void theScriptIsOnTheClassPath() {
    assertThat(ExplorerPage.script().length).isGreaterThan(500_000);
    assertThat(new String(ExplorerPage.script(), 0, 200, java.nio.charset.StandardCharsets.UTF_8)).contains("TdrExplorer");
  }
}
