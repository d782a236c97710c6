package dev.tdr.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class DisplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DataFrame nasty() {
    return DataFrame.foldByRow("id", "name", "amount", "ratio", "day", "at", "seen", "bytes").of(
        1L, "<b>&\"'", new BigDecimal("12.50"), Double.NaN, LocalDate.of(2024, 6, 1),
        LocalDateTime.of(2024, 6, 1, 10, 0, 5), OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
        new byte[] {1, (byte) 0xab},
        2L, "", null, Double.POSITIVE_INFINITY, null, null, null, null,
        9_007_199_254_740_993L, "line1\nline2 ünï ✓", new BigDecimal("-0.01"), Double.NEGATIVE_INFINITY,
        LocalDate.of(1, 1, 1), null, null, new byte[0]);
  }

  @Test
  void htmlEscapesMarksNullAndEmptyAndShowsTypes() {
    String html = Display.of(nasty()).textHtml();
    assertThat(html).contains("&lt;b&gt;&amp;&quot;&#39;").doesNotContain("<b>&");
    assertThat(html).contains("<span class=\"null\">NULL</span>", "title=\"empty string\">''</span>");
    assertThat(html).contains("bigint", "varchar", "decimal", "double", "date", "timestamp", "timestamptz", "varbyte");
    assertThat(html).contains("3 rows × 8 columns").doesNotContain("<script");
    // the table's CSS only applies inside it
    assertThat(html.substring(html.indexOf("<style>"), html.indexOf("</style>")).lines()
        .filter(l -> l.contains("{")).allMatch(l -> l.startsWith(".tdr-df"))).isTrue();
    assertThat(html).contains("line1\nline2 ünï ✓");
    assertThat(html).contains("2024-06-01 10:00:00.000000+0000");
  }

  @Test
  void htmlSaysShowingNofM() {
    Object[] values = new Object[25];
    for (int i = 0; i < 25; i++) {
      values[i] = i;
    }
    DataFrame df = DataFrame.foldByRow("n").of(values);
    DisplayBundle b = Display.of(df, DisplayOptions.defaults().withDataResourceRows(10));
    assertThat(b.textHtml()).contains("showing 20 of 25 rows").contains("<th>19</th>").doesNotContain("<th>20</th>");
    assertThat(b.textPlain()).contains("(showing 20 of 25 rows)");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) b.metadata().get(DisplayBundle.DATA_RESOURCE);
    assertThat(meta).containsEntry("sampled", true).containsEntry("rows", 25).containsEntry("shown", 10);
  }

  @Test
  void dataResourceIsTableSchemaJson() throws Exception {
    DisplayBundle b = Display.of(nasty());
    String json = JSON.writeValueAsString(b.data().get(DisplayBundle.DATA_RESOURCE));
    JsonNode r = JSON.readTree(json);
    assertThat(r.at("/schema/primaryKey/0").asText()).isEqualTo("index");
    assertThat(r.at("/schema/fields").findValuesAsText("type"))
        .containsExactly("integer", "integer", "string", "number", "number", "date", "datetime", "datetime", "string");
    assertThat(r.at("/data/0/ratio").asText()).isEqualTo("NaN");
    assertThat(r.at("/data/1/ratio").asText()).isEqualTo("INF");
    assertThat(r.at("/data/2/ratio").asText()).isEqualTo("-INF");
    assertThat(r.at("/data/0/amount").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(r.at("/data/1/amount").isNull()).isTrue();
    assertThat(r.at("/data/1/name").asText()).isEmpty();
    assertThat(r.at("/data/2/id").asLong()).isEqualTo(9_007_199_254_740_993L);
    assertThat(r.at("/data/0/at").asText()).isEqualTo("2024-06-01T10:00:05");
    assertThat(r.at("/data/0/seen").asText()).isEqualTo("2024-06-01T10:00Z");
    assertThat(r.at("/data/0/bytes").asText()).isEqualTo("01ab");
    assertThat(r.at("/data/2/index").asInt()).isEqualTo(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) b.metadata().get(DisplayBundle.DATA_RESOURCE);
    assertThat(meta).containsEntry("sampled", false);
  }

  @Test
  void indexColumnDoesNotCollideWithTheRowKey() {
    DataFrame df = DataFrame.foldByRow("index", "x").of(7, "a");
    Map<String, Object> r = Display.dataResource(df, 1);
    assertThat(r.toString()).contains("primaryKey=[tdr_index]", "tdr_index=0", "index=7");
  }

  @Test
  void rowKeyAvoidsEveryColumnName() {
    DataFrame df = DataFrame.foldByRow("index", "tdr_index").of(7, 8);
    assertThat(Display.dataResource(df, 1).toString()).contains("primaryKey=[tdr_index_2]", "tdr_index_2=0");
  }

  @Test
  void longCellsAreCutBetweenCharactersNotInsideThem() {
    String emoji = "🎉".repeat(10);
    assertThat(Display.cut(emoji, 4)).isEqualTo("🎉🎉🎉…");
    assertThat(Display.cut("short", 5)).isEqualTo("short");
    String html = Display.of(DataFrame.foldByRow("s").of("🎉".repeat(300))).textHtml();
    assertThat(html).contains("🎉".repeat(199) + "…").doesNotContain("\uFFFD");
  }

  @Test
  void primitiveColumnsAreTypedWithoutLookingAtValues() {
    assertThat(ValueKind.of(org.dflib.Series.ofInt(1, 2))).isEqualTo(ValueKind.INTEGER);
    assertThat(ValueKind.of(org.dflib.Series.ofLong(1L))).isEqualTo(ValueKind.BIGINT);
    assertThat(ValueKind.of(org.dflib.Series.ofDouble(1.5))).isEqualTo(ValueKind.DOUBLE);
    assertThat(ValueKind.of(org.dflib.Series.ofBool(true))).isEqualTo(ValueKind.BOOLEAN);
    assertThat(ValueKind.of(org.dflib.Series.ofInt())).isEqualTo(ValueKind.NULL);
  }

  @Test
  void emptyFrameAndEmptyColumns() {
    DataFrame none = DataFrame.foldByRow("a", "b").of();
    DisplayBundle b = Display.of(none);
    assertThat(b.textHtml()).contains("0 rows × 2 columns", "<span class=\"t\">null</span>");
    assertThat(b.textPlain()).contains("(0 rows)");
  }

  @Test
  void cellResultShowsItsTimingUnderTheTable() {
    CellResult r = new CellResult("df", DataFrame.foldByRow("a").of(1), new dev.tdr.QueryStats(dev.tdr.Route.LOCAL, 4,
        1000, 1, java.time.Duration.ofMillis(900), java.time.Duration.ofMillis(211)), java.time.Duration.ofMillis(1204), "select 1");
    DisplayBundle b = Display.of(r);
    assertThat(b.textHtml()).contains("1 row × 1 column · 1.204 s via local (UNLOAD 0.900 s, read 0.211 s, 4 parts)</div>");
    assertThat(b.textPlain()).endsWith("(1 row)\n1.204 s via local (UNLOAD 0.900 s, read 0.211 s, 4 parts)\n");
  }

  @Test
  void otherValuesAreText() {
    assertThat(Display.of(42).data()).containsOnlyKeys(DisplayBundle.TEXT).containsEntry(DisplayBundle.TEXT, "42");
  }

  @Test
  void valueKindsWidenIntegersAndFlagMixtures() {
    assertThat(ValueKind.of(org.dflib.Series.of(1, 2L, null))).isEqualTo(ValueKind.BIGINT);
    assertThat(ValueKind.of(org.dflib.Series.of(1, "a"))).isEqualTo(ValueKind.OTHER);
    assertThat(ValueKind.of(org.dflib.Series.of(null, null))).isEqualTo(ValueKind.NULL);
  }
}
