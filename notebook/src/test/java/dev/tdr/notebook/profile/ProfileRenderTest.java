package dev.tdr.notebook.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ProfileRenderTest {
  private static final String NASTY = "<b>&\"'";

  /** A frame with every section: numbers (with NaN), strings (nasty), dates, booleans, nulls. */
  static DataFrame sample() {
    return DataFrame.byColumn("n", NASTY, "d", "b", "nothing", "x").of(
        Series.of(1, 2, 3, 4, 100, null),
        Series.of(NASTY, NASTY, "", "ctl\u0001\n", "  ", null),
        Series.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), null, null, null, LocalDate.of(2023, 1, 1)),
        Series.of(true, false, true, null, true, true),
        Series.of(null, null, null, null, null, null),
        Series.of(1.5, Double.NaN, Double.POSITIVE_INFINITY, 0.0, -2.0, 1.5));
  }

  static List<String> svgs(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void htmlIsSelfContainedAndEscaped() {
    String html = Profile.of(sample()).toHtml();
    assertThat(html).startsWith("<div class=\"tdr-profile\">");
    assertThat(html).contains("<style>");
    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("javascript:")
        .doesNotContain("http://fonts").doesNotContain("url(").doesNotContain("<img").doesNotContain("<link")
        .doesNotContain(" onload").doesNotContain(" onclick");
    // the only URL is the SVG namespace
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
    assertThat(html).doesNotContain(NASTY);
    assertThat(html).contains("&lt;b&gt;&amp;&quot;&#39;");
    // the column name (card heading) and the top value (an SVG label) are both escaped
    assertThat(html).contains("<h4>&lt;b&gt;&amp;&quot;&#39;<span class=\"tp-kind\">varchar</span></h4>");
    assertThat(html).containsPattern("<text[^>]*>&lt;b&gt;&amp;&quot;&#39;</text>");
    // every CSS rule is scoped
    String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
    for (String rule : css.strip().split("\n")) {
      assertThat(rule).startsWith(".tdr-profile");
    }
    // alert classes per type
    assertThat(html).contains("tp-a-all-missing").contains("tp-a-skewed");
    assertThat(html).contains("Histogram").contains("Top values");
  }

  @Test
  void svgFragmentsAreValidXmlWhateverTheLocale() throws Exception {
    Locale before = Locale.getDefault();
    String html;
    try {
      Locale.setDefault(Locale.GERMANY); // decimal comma
      html = Profile.of(sample()).toHtml();
    } finally {
      Locale.setDefault(before);
    }
    List<String> svgs = svgs(html);
    // histograms: n, d, x; top values: all but "nothing"
    assertThat(svgs).hasSize(3 + 5);
    for (String svg : svgs) {
      Document doc = parseXml(svg);
      assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
      assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
      // numeric attributes use '.' decimals
      assertThat(svg).doesNotContainPattern("(x|y|width|height)=\"-?\\d+,\\d");
    }
    assertThat(String.join("", svgs)).contains("ctl\uFFFD↵"); // the control character is replaced
  }

  @Test
  void textReport() {
    String text = Profile.of(sample()).toText();
    assertThat(text).startsWith("Data profile: 6 rows × 6 columns\n");
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0001");
    assertThat(text).contains("Alerts (");
    assertThat(text).containsPattern("ALL_MISSING +\"nothing\" has only missing values \\(6 rows\\)");
    assertThat(text).contains("n  (int)");
    assertThat(text).containsPattern("mean +22\n");
    assertThat(text).containsPattern("95% +80\\.8");
    assertThat(text).containsPattern("min +2023-01-01 +max +2024-02-01\n");
    // top values aligned: labels padded to one width, counts right-aligned
    assertThat(text).contains("    \"<b>&\"'\"  2  33.3%  ####################\n");
    assertThat(text).contains("    \"\"        1  16.7%  ##########\n");
    assertThat(text).contains("histogram  █");
  }

  @Test
  void jsonHasTheSameNumbersAndStringsForNaN() throws Exception {
    Profile p = Profile.of(sample());
    JsonNode j = new ObjectMapper().readTree(p.toJson());
    assertThat(j.fieldNames()).toIterable().containsExactly("table", "alerts", "columns", "options");
    assertThat(j.at("/table/rows").asLong()).isEqualTo(6);
    assertThat(j.at("/table/columns").asInt()).isEqualTo(6);
    assertThat(j.at("/table/missingCells").asLong()).isEqualTo(p.table().missingCells());
    JsonNode n = j.at("/columns/0");
    assertThat(n.get("name").asText()).isEqualTo("n");
    assertThat(n.get("kind").asText()).isEqualTo("INTEGER");
    assertThat(n.get("kindLabel").asText()).isEqualTo("int");
    assertThat(n.at("/numeric/mean").asDouble()).isEqualTo(22.0);
    assertThat(n.at("/numeric/std").asDouble()).isCloseTo(Math.sqrt(1902.5), within(1e-12));
    assertThat(n.at("/numeric/p95").asDouble()).isCloseTo(80.8, within(1e-12));
    assertThat(n.at("/numeric/histogram/0/count").asLong()).isEqualTo(4);
    assertThat(n.at("/strings").isNull()).isTrue();
    JsonNode x = j.at("/columns/5/numeric");
    assertThat(x.get("nanCount").asLong()).isEqualTo(1);
    assertThat(x.get("infiniteCount").asLong()).isEqualTo(1);
    // finite values 1.5, 0, -2, 1.5: mean 1/4
    assertThat(x.get("mean").asDouble()).isEqualTo(0.25);
    assertThat(j.at("/columns/1/name").asText()).isEqualTo(NASTY);
    assertThat(j.at("/columns/1/topValues/0/value").asText()).isEqualTo(NASTY);
    assertThat(j.at("/columns/1/strings/empty").asLong()).isEqualTo(1);
    assertThat(j.at("/columns/2/temporal/min").asText()).isEqualTo("2023-01-01");
    assertThat(j.at("/columns/3/booleans/trues").asLong()).isEqualTo(4);
    assertThat(j.at("/alerts/0/type").asText()).isEqualTo(p.alerts().get(0).type().name());

    // NaN statistics become strings
    Profile nan = Profile.of(DataFrame.byColumn("v").of(Series.of(1.0, 2.0, Double.NaN)));
    JsonNode k = new ObjectMapper().readTree(nan.toJson());
    assertThat(k.at("/columns/0/numeric/skewness").asText()).isEqualTo("NaN");
    Map<String, Object> m = nan.toMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> num = (Map<String, Object>) ((Map<String, Object>) ((List<?>) m.get("columns")).get(0)).get("numeric");
    assertThat(num.get("skewness")).isEqualTo("NaN");
    assertThat(num.get("mean")).isEqualTo(1.5);
  }

  @Test
  void toMapMatchesToJson() throws Exception {
    Profile p = Profile.of(sample());
    ObjectMapper om = new ObjectMapper();
    assertThat(om.readTree(p.toJson())).isEqualTo(om.readTree(om.writeValueAsString(p.toMap())));
    assertThat(containsOnlyPlainTypes(p.toMap())).isTrue();
  }

  private static boolean containsOnlyPlainTypes(Object o) {
    if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) {
      return true;
    }
    if (o instanceof Map<?, ?> m) {
      return m.keySet().stream().allMatch(k -> k instanceof String) && m.values().stream().allMatch(ProfileRenderTest::containsOnlyPlainTypes);
    }
    if (o instanceof List<?> l) {
      return l.stream().allMatch(ProfileRenderTest::containsOnlyPlainTypes);
    }
    return false;
  }

  @Test
  void millionRows() {
    int n = 1_000_000;
    Integer[] id = new Integer[n];
    Double[] x = new Double[n];
    String[] s = new String[n];
    LocalDate[] d = new LocalDate[n];
    Boolean[] b = new Boolean[n];
    LocalDate base = LocalDate.of(2020, 1, 1);
    for (int i = 0; i < n; i++) {
      id[i] = i;
      x[i] = i % 7 == 0 ? null : (i % 1000) / 10.0;
      s[i] = "name" + (i % 1000);
      d[i] = base.plusDays(i % 1500);
      b[i] = i % 3 == 0;
    }
    DataFrame df = DataFrame.byColumn("id", "x", "s", "d", "b", "i", "dd")
        .of(Series.of(id), Series.of(x), Series.of(s), Series.of(d), Series.of(b),
            Series.ofInt(new int[n]), Series.ofDouble(new double[n]));
    Profile p = Profile.of(df);
    assertThat(p.table().rows()).isEqualTo(n);
    assertThat(p.table().duplicateRows()).isZero();
    ColumnProfile c = p.columns().get(0);
    assertThat(c.distinct()).isEqualTo(n);
    assertThat(c.has(AlertType.UNIQUE)).isTrue();
    // 0..999999: mean 499999.5, median 499999.5
    assertThat(c.numeric().mean()).isEqualTo(499999.5);
    assertThat(c.numeric().p50()).isEqualTo(499999.5);
    // all tied: the smallest values first, in value order (not text order: 0, 1, 10, 100, ...)
    assertThat(c.topValues()).extracting(ValueCount::value).containsExactly("0", "1", "2", "3", "4");
    assertThat(p.columns().get(2).distinct()).isEqualTo(1000);
    assertThat(p.columns().get(5).has(AlertType.ALL_ZEROS)).isTrue();
    assertThat(p.toHtml()).contains("tdr-profile");
  }

  @Test
  void histogramAxisLabelsNeverRunIntoEachOther() {
    String[][] ends = {{"2024-01-01 00:00:00.000000+00:00", "2024-12-31 23:59:59.999999+00:00"},
        {"-123456789012345678901234.5", "123456789012345678901234.5"}, {"0", "1"}, {"日本語日本語日本語日本語", "日本語日本語日本語日本語"}};
    for (String[] e : ends) {
      String[] l = HtmlReport.axisLabels(e[0], e[1]);
      double width = (Labels.width(l[0]) + Labels.width(l[1])) * HtmlReport.AXIS_CHAR_PX + HtmlReport.AXIS_GAP_PX;
      assertThat(width).as(String.join(" / ", l)).isLessThanOrEqualTo(280);
    }
    assertThat(HtmlReport.axisLabels("0", "1")).containsExactly("0", "1");
    assertThat(HtmlReport.axisLabels("2024-01-01", "2024-12-31")).containsExactly("2024-01-01", "2024-12-31");
  }
}
