package dev.tdr.testkit.wire;

import dev.tdr.core.sql.SqlLexer;
import dev.tdr.core.sql.SqlLiterals;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.sql.SqlToken;
import dev.tdr.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redshift syntax PostgreSQL lacks, turned into PostgreSQL's (the first step of {@link
 * RedshiftSql#rewrite}); the functions themselves are SQL functions in the emulator's schema
 * (warehouse-setup.sql). Token-level, so quotes, comments and {@code $$} bodies are respected:
 *
 * <ul>
 *   <li>DDL attributes ({@code ENCODE}, {@code DISTKEY}, {@code SORTKEY}, {@code DISTSTYLE},
 *       {@code BACKUP}) accepted and dropped; {@code IDENTITY(seed, step)}; {@code VARCHAR(MAX)};
 *   <li>{@code TOP n}, {@code APPROXIMATE}, {@code SYSDATE}, a date part written as a keyword in
 *       {@code DATEADD}/{@code DATEDIFF}/{@code DATE_PART}, {@code LISTAGG ... WITHIN GROUP},
 *       {@code MEDIAN}, {@code DECODE}, {@code CONVERT(type, expr)}, {@code RATIO_TO_REPORT};
 *   <li>integer {@code AVG} (Redshift truncates it to an integer: the emulator's own aggregate);
 *   <li>{@code COPY} from S3 refused with a message, never silently ignored.
 * </ul>
 */
final class RedshiftDialect {
  private RedshiftDialect() {}

  private static final String SCHEMA = RedshiftSql.SCHEMA;

  private static final Set<String> DATE_PART_FUNCTIONS = Set.of("dateadd", "datediff", "date_part",
      "pgdate_part", "datepart");

  private static final Set<String> TYPE_WORDS = Set.of("int", "int2", "int4", "int8", "integer",
      "smallint", "bigint", "decimal", "numeric", "varchar", "char", "character", "nchar", "nvarchar",
      "bpchar", "text", "float", "float4", "float8", "real", "double", "boolean", "bool", "date",
      "timestamp", "timestamptz", "time", "timetz", "super", "varbyte", "varbinary", "interval");

  /** {@code sql} with Redshift's syntax in PostgreSQL's terms; unchanged if it does not tokenize. */
  static String rewrite(String sql) {
    return rewrite(sql, null);
  }

  /**
   * As {@link #rewrite(String)}; if {@code tokens} is given and the text comes out of a pass
   * that changed nothing, {@code tokens[0]} gets its tokens without comments (else null), so
   * that the caller need not tokenize it again.
   */
  @SuppressWarnings("unchecked")
  static String rewrite(String sql, List<SqlToken>[] tokens) {
    String current = sql;
    for (int pass = 0; pass < 8; pass++) { // nested constructs: the outer one first, then the inner
      boolean[] nested = new boolean[1];
      current = pass(current, nested, tokens);
      if (!nested[0]) {
        return current; // no edit was left for a next pass
      }
    }
    return current;
  }

  private record Edit(int start, int end, String text) {}

  private static String pass(String sql, boolean[] nested, List<SqlToken>[] tokens) {
    List<SqlToken> t;
    if (tokens != null) {
      tokens[0] = null;
    }
    try {
      t = new ArrayList<>();
      for (SqlToken k : SqlLexer.tokenize(sql)) {
        if (!k.isComment()) {
          t.add(k);
        }
      }
    } catch (SqlSyntaxException e) {
      return sql;
    }
    int[] match = matchingParens(t);
    List<Edit> edits = new ArrayList<>();
    int stmt = 0;
    for (int i = 0; i < t.size(); i++) {
      SqlToken k = t.get(i);
      if (k.kind() == Kind.SEMICOLON) {
        stmt = i + 1;
        continue;
      }
      if (i == stmt && k.isKeyword("copy") && copiesFromS3(t, i)) {
        int end = i;
        while (end + 1 < t.size() && t.get(end + 1).kind() != Kind.SEMICOLON) {
          end++;
        }
        edits.add(new Edit(k.start(), t.get(end).end(), RedshiftSql.refusal("0A000",
            "COPY from Amazon S3 is not supported by the TDR Redshift emulator; load fixtures with "
                + "INSERT, COPY FROM STDIN or RedshiftEmulator.backingConnection()")));
        i = end;
        continue;
      }
      if (i == stmt && k.isKeyword("create")) {
        createTable(t, match, i, edits);
      }
      if (k.kind() != Kind.WORD) {
        continue;
      }
      String w = k.text().toLowerCase(Locale.ROOT);
      boolean qualified = i > 0 && t.get(i - 1).text().equals(".");
      boolean call = i + 1 < t.size() && t.get(i + 1).kind() == Kind.LEFT_PAREN && match[i + 1] > i + 1;
      if (qualified) {
        continue;
      }
      switch (w) {
        case "sysdate" -> {
          if (!call) {
            edits.add(new Edit(k.start(), k.end(), SCHEMA + ".sysdate()"));
          }
        }
        case "approximate" -> {
          boolean countDistinct = i + 3 < t.size() && t.get(i + 1).isKeyword("count")
              && t.get(i + 2).kind() == Kind.LEFT_PAREN && t.get(i + 3).isKeyword("distinct");
          if (countDistinct || i + 1 < t.size() && t.get(i + 1).isKeyword("percentile_disc")) {
            edits.add(new Edit(k.start(), t.get(i + 1).start(), ""));
          }
        }
        case "top" -> {
          if (i > 0 && (t.get(i - 1).isKeyword("select") || t.get(i - 1).isKeyword("distinct"))
              && i + 1 < t.size() && t.get(i + 1).kind() == Kind.NUMBER) {
            int end = scopeEnd(t, match, i + 2);
            edits.add(new Edit(k.start(), t.get(i + 1).end(), ""));
            int at = end < t.size() ? t.get(end).start() : sql.length();
            int after = end > 0 ? t.get(end - 1).end() : at;
            edits.add(new Edit(after, after, " LIMIT " + t.get(i + 1).text()));
          }
        }
        case "numeric", "decimal" -> {
          // Redshift's DECIMAL without a precision is DECIMAL(18,0); PostgreSQL's is unconstrained
          boolean typed = i + 1 < t.size() && t.get(i + 1).kind() == Kind.LEFT_PAREN;
          if (!typed && i > 0 && (t.get(i - 1).text().equals("::") || castType(t, match, i) || columnType(t, i))) {
            edits.add(new Edit(k.end(), k.end(), "(18,0)"));
          }
        }
        case "varchar", "varbyte", "varbinary" -> varcharMax(t, i, w, edits);
        case "character" -> {
          if (i + 1 < t.size() && t.get(i + 1).isKeyword("varying")) {
            varcharMax(t, i + 1, "varchar", edits);
          }
        }
        default -> {
          if (call) {
            function(sql, t, match, i, w, edits);
          }
        }
      }
    }
    if (edits.isEmpty() && tokens != null) {
      tokens[0] = t;
    }
    return apply(sql, edits, nested);
  }

  // ---------------------------------------------------------------- functions

  private static void function(String sql, List<SqlToken> t, int[] match, int i, String w, List<Edit> edits) {
    int open = i + 1;
    int close = match[open];
    List<int[]> args = arguments(t, match, open, close);
    SqlToken name = t.get(i);
    if (DATE_PART_FUNCTIONS.contains(w) && !args.isEmpty()) {
      int[] first = args.get(0);
      if (first[1] - first[0] == 1 && t.get(first[0]).kind() == Kind.WORD) {
        SqlToken part = t.get(first[0]);
        edits.add(new Edit(part.start(), part.end(), SqlLiterals.quote(part.text().toLowerCase(Locale.ROOT))));
      }
      if (w.equals("date_part") || w.equals("pgdate_part") || w.equals("datepart")) {
        edits.add(new Edit(name.start(), name.end(), SCHEMA + ".date_part"));
      }
      return;
    }
    switch (w) {
      case "extract" -> {
        // EXTRACT(part FROM v): Redshift's part names and an integer result
        if (close > open + 3 && t.get(open + 2).isKeyword("from")
            && (t.get(open + 1).kind() == Kind.WORD || t.get(open + 1).kind() == Kind.STRING)) {
          SqlToken part = t.get(open + 1);
          String p = part.kind() == Kind.STRING ? part.text() : SqlLiterals.quote(part.text().toLowerCase(Locale.ROOT));
          edits.add(new Edit(name.start(), t.get(open + 2).end(), SCHEMA + ".extract(" + p + ","));
        }
      }
      case "avg" -> edits.add(new Edit(name.start(), name.end(), SCHEMA + ".avg"));
      case "hll" -> {
        if (args.size() == 1) { // HLL's cardinality estimate is exact here
          edits.add(new Edit(name.start(), t.get(open).end(), "count(DISTINCT "));
        }
      }
      // PostgreSQL's own functions that Redshift defines differently (pg_catalog comes first)
      case "repeat", "octet_length" -> edits.add(new Edit(name.start(), name.end(), SCHEMA + "." + w));
      case "regexp_substr", "regexp_replace" -> {
        if (args.size() == 5) { // Redshift's parameters string: 'c', 'i', 'e', 'p'
          edits.add(new Edit(name.start(), name.end(), SCHEMA + "." + w));
        }
      }
      case "decode" -> {
        if (args.size() >= 3) {
          StringBuilder b = new StringBuilder("(CASE");
          String e = text(sql, t, args.get(0));
          int n = args.size();
          for (int a = 1; a + 1 < n; a += 2) {
            b.append(" WHEN (").append(e).append(") IS NOT DISTINCT FROM (").append(text(sql, t, args.get(a)))
                .append(") THEN ").append(text(sql, t, args.get(a + 1)));
          }
          if (n % 2 == 0) {
            b.append(" ELSE ").append(text(sql, t, args.get(n - 1)));
          }
          b.append(" END)");
          edits.add(new Edit(name.start(), t.get(close).end(), b.toString()));
        }
      }
      case "median" -> {
        if (args.size() == 1) {
          edits.add(new Edit(name.start(), t.get(close).end(),
              "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + text(sql, t, args.get(0)) + ")"));
        }
      }
      case "listagg" -> listagg(sql, t, match, i, args, edits);
      case "convert" -> {
        if (args.size() == 2 && TYPE_WORDS.contains(t.get(args.get(0)[0]).text().toLowerCase(Locale.ROOT))) {
          edits.add(new Edit(name.start(), t.get(close).end(),
              "CAST(" + text(sql, t, args.get(1)) + " AS " + text(sql, t, args.get(0)) + ")"));
        }
      }
      case "ratio_to_report" -> {
        int over = close + 1;
        if (args.size() == 1 && over + 1 < t.size() && t.get(over).isKeyword("over")
            && t.get(over + 1).kind() == Kind.LEFT_PAREN && match[over + 1] > over + 1) {
          String e = text(sql, t, args.get(0));
          String window = sql.substring(t.get(over).start(), t.get(match[over + 1]).end());
          edits.add(new Edit(name.start(), t.get(match[over + 1]).end(),
              "((" + e + ")::float8 / nullif(sum(" + e + ") " + window + ", 0))"));
        }
      }
      default -> {
        // not a Redshift-only construct
      }
    }
  }

  /**
   * {@code LISTAGG([DISTINCT] expr [, delimiter]) [WITHIN GROUP (ORDER BY ...)]} as {@code
   * string_agg([DISTINCT] expr::text, delimiter [ORDER BY ...])}; a window form ({@code OVER}) is
   * left for PostgreSQL to refuse.
   */
  private static void listagg(String sql, List<SqlToken> t, int[] match, int i, List<int[]> args,
      List<Edit> edits) {
    int close = match[i + 1];
    if (args.isEmpty() || args.size() > 2) {
      return;
    }
    int[] first = args.get(0);
    boolean distinct = t.get(first[0]).isKeyword("distinct");
    String expr = distinct ? sql.substring(t.get(first[0] + 1).start(), t.get(first[1] - 1).end()) : text(sql, t, first);
    String delimiter = args.size() == 2 ? text(sql, t, args.get(1)) : "''";
    int end = close;
    String order = "";
    if (close + 3 < t.size() && t.get(close + 1).isKeyword("within") && t.get(close + 2).isKeyword("group")
        && t.get(close + 3).kind() == Kind.LEFT_PAREN && match[close + 3] > close + 3) {
      int o = close + 3;
      order = " " + sql.substring(t.get(o + 1).start(), t.get(match[o] - 1).end());
      end = match[o];
    }
    if (end + 2 < t.size() && t.get(end + 1).isKeyword("over") && t.get(end + 2).kind() == Kind.LEFT_PAREN
        && match[end + 2] > end + 2) {
      // LISTAGG ... OVER (PARTITION BY ...): PostgreSQL has no ORDER BY inside a window
      // aggregate's arguments, so the order goes into the window, with a frame of the whole partition
      if (distinct) {
        return;
      }
      int w = end + 2;
      String partition = match[w] > w + 1 ? sql.substring(t.get(w + 1).start(), t.get(match[w] - 1).end()) : "";
      if (partition.toLowerCase(Locale.ROOT).contains("order") || partition.toLowerCase(Locale.ROOT).contains("rows")) {
        return;
      }
      edits.add(new Edit(t.get(i).start(), t.get(match[w]).end(), "array_to_string(array_agg((" + expr
          + ")::text) OVER (" + partition + (order.isEmpty() ? "" : " " + order.strip())
          + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), " + delimiter + ")"));
      return;
    }
    String orderedBy = order.strip().replaceFirst("(?i)^order\\s+by\\s+", "");
    if (distinct && !order.isEmpty() && !orderedBy.replaceFirst("(?i)\\s+(asc|desc)$", "").strip().equals(expr.strip())) {
      return; // DISTINCT ordered by another expression: PostgreSQL refuses it
    }
    if (distinct && !order.isEmpty()) {
      // PostgreSQL wants the ORDER BY of a DISTINCT aggregate in its arguments: order the values, then join them
      edits.add(new Edit(t.get(i).start(), t.get(end).end(), "array_to_string(array_agg(DISTINCT " + expr + order
          + "), " + delimiter + ")"));
      return;
    }
    edits.add(new Edit(t.get(i).start(), t.get(end).end(), "string_agg(" + (distinct ? "DISTINCT " : "")
        + "(" + expr + ")::text, " + delimiter + order + ")"));
  }

  // ---------------------------------------------------------------- DDL

  /** True if token {@code i} follows the AS of a {@code CAST(expr AS type)}. */
  private static boolean castType(List<SqlToken> t, int[] match, int i) {
    if (!t.get(i - 1).isKeyword("as")) {
      return false;
    }
    int depth = 0;
    for (int j = i - 2; j >= 0; j--) {
      Kind k = t.get(j).kind();
      if (k == Kind.RIGHT_PAREN) {
        depth++;
      } else if (k == Kind.LEFT_PAREN) {
        if (depth == 0) {
          return j > 0 && (t.get(j - 1).isKeyword("cast") || t.get(j - 1).isKeyword("convert"))
              && match[j] == i + 1;
        }
        depth--;
      }
    }
    return false;
  }

  /** True if token {@code i} is the type of a column definition ({@code (name numeric, ...}) in CREATE/ALTER TABLE. */
  private static boolean columnType(List<SqlToken> t, int i) {
    if (i < 2 || !(t.get(i - 1).kind() == Kind.WORD || t.get(i - 1).kind() == Kind.QUOTED_IDENTIFIER)) {
      return false;
    }
    SqlToken before = t.get(i - 2);
    boolean listed = before.kind() == Kind.LEFT_PAREN || before.kind() == Kind.COMMA || before.isKeyword("column")
        || (before.isKeyword("add") && i >= 3);
    if (!listed) {
      return false;
    }
    for (int j = i - 1; j >= 0 && t.get(j).kind() != Kind.SEMICOLON; j--) {
      if (t.get(j).isKeyword("table")) {
        return j > 0 && (t.get(j - 1).isKeyword("create") || t.get(j - 1).isKeyword("alter")
            || t.get(j - 1).isKeyword("temp") || t.get(j - 1).isKeyword("temporary"));
      }
    }
    return false;
  }

  /**
   * {@code CREATE [TEMP] TABLE}: Redshift's distribution, sort, compression and backup attributes
   * are dropped (PostgreSQL has no slices, no zone maps, no column encodings); IDENTITY columns
   * become PostgreSQL identity columns with the same seed and step.
   */
  /** The Redshift attributes of a CREATE TABLE, recorded for pg_table_def and svv_table_info. */
  private static final class Attributes {
    String table;
    String diststyle;
    String distkey;
    String sortstyle;
    final List<String> sortkey = new ArrayList<>();
    final java.util.Map<String, String> encode = new java.util.LinkedHashMap<>();

    boolean any() {
      return diststyle != null || distkey != null || !sortkey.isEmpty() || !encode.isEmpty();
    }

    /**
     * A comment the warehouse's event trigger reads from the statement's text ({@code
     * current_query()}) when the table has been created.
     */
    String comment() {
      StringBuilder b = new StringBuilder(" /*tdr_redshift:{\"table\":").append(json(table));
      if (diststyle != null) {
        b.append(",\"diststyle\":").append(json(diststyle));
      }
      if (distkey != null) {
        b.append(",\"distkey\":").append(json(distkey));
      }
      if (!sortkey.isEmpty()) {
        b.append(",\"sortstyle\":").append(json(sortstyle == null ? "COMPOUND" : sortstyle)).append(",\"sortkey\":[");
        for (int i = 0; i < sortkey.size(); i++) {
          b.append(i > 0 ? "," : "").append(json(sortkey.get(i)));
        }
        b.append(']');
      }
      if (!encode.isEmpty()) {
        b.append(",\"encode\":{");
        int i = 0;
        for (var e : encode.entrySet()) {
          b.append(i++ > 0 ? "," : "").append(json(e.getKey())).append(':').append(json(e.getValue()));
        }
        b.append('}');
      }
      return b.append("}*/").toString();
    }

    private static String json(String v) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : v.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c == '*' || c == '/' || c < 0x20) {
          b.append(String.format("\\u%04x", (int) c)); // never closes the comment
        } else {
          b.append(c);
        }
      }
      return b.append('"').toString();
    }
  }

  private static String ident(SqlToken k) {
    return RedshiftSql.name(k, true);
  }

  private static void createTable(List<SqlToken> t, int[] match, int create, List<Edit> edits) {
    int i = create + 1;
    while (i < t.size() && (t.get(i).isKeyword("temp") || t.get(i).isKeyword("temporary")
        || t.get(i).isKeyword("local") || t.get(i).isKeyword("global"))) {
      i++;
    }
    if (i >= t.size() || !t.get(i).isKeyword("table")) {
      return;
    }
    int end = i;
    while (end < t.size() && t.get(end).kind() != Kind.SEMICOLON) {
      end++;
    }
    Attributes attrs = new Attributes();
    int n = i + 1;
    if (n + 2 < end && t.get(n).isKeyword("if") && t.get(n + 1).isKeyword("not") && t.get(n + 2).isKeyword("exists")) {
      n += 3;
    }
    while (n + 2 < end && t.get(n + 1).text().equals(".")) {
      n += 2;
    }
    if (n < end && (t.get(n).kind() == Kind.WORD || t.get(n).kind() == Kind.QUOTED_IDENTIFIER)) {
      attrs.table = ident(t.get(n));
    }
    int last = end;
    for (int j = i + 1; j < end; j++) {
      SqlToken k = t.get(j);
      if (k.isKeyword("as") && j + 1 < end && (t.get(j + 1).isKeyword("select") || t.get(j + 1).isKeyword("with")
          || t.get(j + 1).kind() == Kind.LEFT_PAREN)) {
        last = j;
        break; // CTAS: the query is not DDL
      }
      if (k.kind() == Kind.LEFT_PAREN && match[j] > j) {
        columnAttributes(t, match, j + 1, match[j], edits, attrs);
        j = match[j];
        continue;
      }
      if (k.isKeyword("diststyle") || k.isKeyword("backup") || k.isKeyword("encode")) {
        int to = j + 1 < end ? j + 1 : j;
        if (k.isKeyword("diststyle") && to > j) {
          attrs.diststyle = t.get(to).text().toUpperCase(Locale.ROOT);
        }
        edits.add(new Edit(k.start(), t.get(to).end(), ""));
        j = to;
      } else if ((k.isKeyword("compound") || k.isKeyword("interleaved")) && j + 1 < end && t.get(j + 1).isKeyword("sortkey")) {
        keys(t, match, j + 1, end, attrs, k.text().toUpperCase(Locale.ROOT));
        j = dropKey(t, match, j, j + 1, end, edits);
      } else if (k.isKeyword("sortkey") || k.isKeyword("distkey")) {
        keys(t, match, j, end, attrs, null);
        j = dropKey(t, match, j, j, end, edits);
      }
    }
    if (attrs.table != null && attrs.any() && last > 0) {
      int at = t.get(last - 1).end();
      edits.add(new Edit(at, at, attrs.comment()));
    }
  }

  /** The columns of {@code SORTKEY (a, b)} / {@code DISTKEY (a)} at {@code key}, into {@code attrs}. */
  private static void keys(List<SqlToken> t, int[] match, int key, int end, Attributes attrs, String style) {
    if (key + 1 >= end || t.get(key + 1).kind() != Kind.LEFT_PAREN || match[key + 1] < key + 1) {
      return; // SORTKEY AUTO
    }
    List<String> cols = new ArrayList<>();
    for (int c = key + 2; c < match[key + 1]; c++) {
      if (t.get(c).kind() == Kind.WORD || t.get(c).kind() == Kind.QUOTED_IDENTIFIER) {
        cols.add(ident(t.get(c)));
      }
    }
    if (t.get(key).isKeyword("distkey")) {
      attrs.distkey = cols.isEmpty() ? null : cols.get(0);
    } else {
      attrs.sortkey.clear();
      attrs.sortkey.addAll(cols);
      attrs.sortstyle = style;
    }
  }

  private static int dropKey(List<SqlToken> t, int[] match, int from, int key, int end, List<Edit> edits) {
    int to = key;
    if (key + 1 < end && t.get(key + 1).kind() == Kind.LEFT_PAREN && match[key + 1] > key + 1) {
      to = match[key + 1];
    } else if (key + 1 < end && t.get(key + 1).isKeyword("auto")) {
      to = key + 1;
    }
    edits.add(new Edit(t.get(from).start(), t.get(to).end(), ""));
    return to;
  }

  /** Inside the column list: ENCODE x, DISTKEY, SORTKEY dropped; IDENTITY(seed, step) rewritten. */
  private static void columnAttributes(List<SqlToken> t, int[] match, int from, int to, List<Edit> edits,
      Attributes attrs) {
    String column = null;
    for (int j = from; j < to; j++) {
      SqlToken k = t.get(j);
      if (k.kind() == Kind.LEFT_PAREN && match[j] > j) {
        j = match[j];
        continue;
      }
      if ((j == from || t.get(j - 1).kind() == Kind.COMMA)
          && (k.kind() == Kind.WORD || k.kind() == Kind.QUOTED_IDENTIFIER)) {
        column = ident(k);
      }
      if (k.isKeyword("encode") && j + 1 < to) {
        if (column != null) {
          attrs.encode.put(column, t.get(j + 1).text().toLowerCase(Locale.ROOT));
        }
        edits.add(new Edit(k.start(), t.get(j + 1).end(), ""));
        j++;
      } else if ((k.isKeyword("distkey") || k.isKeyword("sortkey"))
          && (j + 1 >= to || t.get(j + 1).kind() != Kind.LEFT_PAREN)) {
        if (column != null && k.isKeyword("distkey")) {
          attrs.distkey = column;
        } else if (column != null) {
          attrs.sortkey.add(column);
        }
        edits.add(new Edit(k.start(), k.end(), ""));
      } else if ((k.isKeyword("compound") || k.isKeyword("interleaved") || k.isKeyword("sortkey")
          || k.isKeyword("distkey")) && j + 1 < to) {
        // table-level keys written inside the parentheses: "..., sortkey(a)"
        int key = k.isKeyword("compound") || k.isKeyword("interleaved") ? j + 1 : j;
        if (key < to && (t.get(key).isKeyword("sortkey") || t.get(key).isKeyword("distkey"))) {
          int start = j;
          if (start > from && t.get(start - 1).kind() == Kind.COMMA) {
            start--;
          }
          keys(t, match, key, to, attrs, key == j ? null : k.text().toUpperCase(Locale.ROOT));
          int end = dropKey(t, match, start, key, to, edits);
          j = end;
        }
      } else if (k.isKeyword("identity") && j + 1 < to && t.get(j + 1).kind() == Kind.LEFT_PAREN
          && match[j + 1] > j + 1) {
        List<int[]> a = arguments(t, match, j + 1, match[j + 1]);
        if (a.size() == 2) {
          boolean byDefault = j >= 3 && t.get(j - 1).isKeyword("as") && t.get(j - 2).isKeyword("default");
          int start = byDefault ? j - 4 : j; // GENERATED BY DEFAULT AS IDENTITY(...)
          if (byDefault && !(start >= from && t.get(start).isKeyword("generated"))) {
            start = j;
            byDefault = false;
          }
          String seed = t.get(a.get(0)[0]).text();
          String step = t.get(a.get(1)[0]).text();
          edits.add(new Edit(t.get(start).start(), t.get(match[j + 1]).end(), "GENERATED "
              + (byDefault ? "BY DEFAULT" : "ALWAYS") + " AS IDENTITY (START WITH " + seed + " INCREMENT BY " + step + ")"));
          j = match[j + 1];
        }
      }
    }
  }

  private static void varcharMax(List<SqlToken> t, int i, String w, List<Edit> edits) {
    if (i + 3 < t.size() && t.get(i + 1).kind() == Kind.LEFT_PAREN && t.get(i + 2).isKeyword("max")
        && t.get(i + 3).kind() == Kind.RIGHT_PAREN) {
      edits.add(new Edit(t.get(i + 2).start(), t.get(i + 2).end(), w.equals("varchar") ? "65535" : "1024000"));
    }
  }

  private static boolean copiesFromS3(List<SqlToken> t, int copy) {
    for (int j = copy + 1; j < t.size() && t.get(j).kind() != Kind.SEMICOLON; j++) {
      if (t.get(j).isKeyword("from") && j + 1 < t.size() && t.get(j + 1).kind() == Kind.STRING) {
        String from = SqlLiterals.unquote(t.get(j + 1).text()).toLowerCase(Locale.ROOT);
        return from.startsWith("s3://") || from.startsWith("arn:") || from.startsWith("emr://")
            || from.startsWith("ssh://") || from.startsWith("dynamodb://");
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- tokens

  static int[] matchingParens(List<SqlToken> t) {
    int[] match = new int[t.size()];
    java.util.Arrays.fill(match, -1);
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).kind() == Kind.LEFT_PAREN) {
        open.push(i);
      } else if (t.get(i).kind() == Kind.RIGHT_PAREN && !open.isEmpty()) {
        int o = open.pop();
        match[o] = i;
        match[i] = o;
      }
    }
    return match;
  }

  /** Token ranges {from, to} of the top-level arguments between parens {@code open} and {@code close}. */
  /** The top-level comma-separated arguments between the parens at {@code open} and {@code close}. */
  static List<int[]> arguments(List<SqlToken> t, int[] match, int open, int close) {
    List<int[]> out = new ArrayList<>();
    int s = open + 1;
    for (int j = open + 1; j <= close; j++) {
      if (j == close || t.get(j).kind() == Kind.COMMA) {
        if (j > s) {
          out.add(new int[] {s, j});
        }
        s = j + 1;
      } else if (t.get(j).kind() == Kind.LEFT_PAREN && match[j] > j) {
        j = match[j];
      }
    }
    return out;
  }

  /** Index of the token that ends the select scope containing {@code from}: ')' of its level, ';' or the end. */
  private static int scopeEnd(List<SqlToken> t, int[] match, int from) {
    int j = from;
    while (j < t.size()) {
      SqlToken k = t.get(j);
      if (k.kind() == Kind.RIGHT_PAREN || k.kind() == Kind.SEMICOLON) {
        return j;
      }
      j = k.kind() == Kind.LEFT_PAREN && match[j] > j ? match[j] + 1 : j + 1;
    }
    return j;
  }

  private static String text(String sql, List<SqlToken> t, int[] range) {
    return sql.substring(t.get(range[0]).start(), t.get(range[1] - 1).end());
  }

  private static String apply(String sql, List<Edit> edits, boolean[] nested) {
    if (edits.isEmpty()) {
      return sql;
    }
    edits.sort(Comparator.comparingInt(Edit::start));
    StringBuilder b = new StringBuilder(sql.length() + 64);
    int at = 0;
    for (Edit e : edits) {
      if (e.start() < at) {
        nested[0] = true;
        continue; // inside an earlier edit: the next pass rewrites it
      }
      b.append(sql, at, e.start()).append(e.text());
      at = e.end();
    }
    return b.append(sql, at, sql.length()).toString();
  }
}
