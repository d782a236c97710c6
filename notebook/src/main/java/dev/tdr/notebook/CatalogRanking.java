package dev.tdr.notebook;

import dev.tdr.core.TdrException;
import dev.tdr.notebook.Catalog.ColumnInfo;
import dev.tdr.notebook.Catalog.Hit;
import dev.tdr.notebook.Catalog.TableInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Catalog search: a query (keywords or {@code /regex/}) scores the tables and columns and ranks them, best first (scores in {@link Catalog}). */
final class CatalogRanking {
  private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** The regular expression, or null for keywords. */
  private final Pattern regex;
  /** The lower-case keywords, or null for a regular expression. */
  private final List<String> words;

  private CatalogRanking(Pattern regex, List<String> words) {
    this.regex = regex;
    this.words = words;
  }

  /**
   * The ranking for {@code query}: keywords, or a regular expression between slashes.
   *
   * @throws TdrException if the query is empty or the regular expression is bad
   */
  static CatalogRanking of(String query) {
    String q = Objects.requireNonNull(query, "query").strip();
    if (q.isEmpty()) {
      throw new TdrException("the search is empty: give keywords (search(\"watch time\")) or a /regular expression/");
    }
    if (q.length() >= 2 && q.startsWith("/") && q.endsWith("/")) {
      Pattern p;
      try {
        p = Pattern.compile(q.substring(1, q.length() - 1), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        throw new TdrException("bad regular expression " + q + ": " + e.getDescription() + " near index " + e.getIndex());
      }
      return new CatalogRanking(p, null);
    }
    return new CatalogRanking(null, List.of(q.toLowerCase(Locale.ROOT).split("\\s+")));
  }

  /** The tables and columns of {@code tables} that match, best first. */
  List<Hit> rank(List<TableInfo> tables) {
    List<Hit> hits = new ArrayList<>();
    if (regex != null) {
      for (TableInfo t : tables) {
        add(hits, t, null, regexScore(regex, t.name(), t.description()));
        for (ColumnInfo c : t.columns()) {
          add(hits, t, c, regexScore(regex, c.name(), c.description()));
        }
      }
    } else {
      for (TableInfo t : tables) {
        add(hits, t, null, keywordScore(words, t.name(), null, t.description()));
        for (ColumnInfo c : t.columns()) {
          add(hits, t, c, keywordScore(words, c.name(), t.name(), c.description()));
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::score).reversed()
        .thenComparing(h -> h.column() == null ? 0 : 1)
        .thenComparing(Hit::schema).thenComparing(Hit::table)
        .thenComparing(h -> h.column() == null ? "" : h.column()));
    return hits;
  }

  private static void add(List<Hit> hits, TableInfo t, ColumnInfo c, int score) {
    if (score <= 0) {
      return;
    }
    hits.add(c == null
        ? new Hit("table", t.schema(), t.name(), null, t.type(), t.description(), score)
        : new Hit("column", t.schema(), t.name(), c.name(), c.type(), c.description(), score));
  }

  private static int regexScore(Pattern p, String name, String description) {
    if (p.matcher(name).find()) {
      return 2;
    }
    return description != null && p.matcher(description).find() ? 1 : 0;
  }

  /** Sum over the keywords of each one's best score; 0 if a keyword matches nothing. */
  static int keywordScore(List<String> words, String name, String parentName, String description) {
    int total = 0;
    for (String w : words) {
      int best = nameScore(w, name);
      if (parentName != null) {
        best = Math.max(best, nameScore(w, parentName) / 2);
      }
      if (description != null) {
        best = Math.max(best, descriptionScore(w, description));
      }
      if (best == 0) {
        return 0;
      }
      total += best;
    }
    return total;
  }

  static int nameScore(String word, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals(word)) {
      return 100;
    }
    for (String part : WORD_SPLIT.split(n)) {
      if (part.equals(word)) {
        return 70;
      }
    }
    if (n.startsWith(word)) {
      return 60;
    }
    return n.contains(word) ? 40 : 0;
  }

  static int descriptionScore(String word, String description) {
    String d = description.toLowerCase(Locale.ROOT);
    if (!d.contains(word)) {
      return 0;
    }
    Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(d);
    return m.find() ? 12 : 6;
  }
}
