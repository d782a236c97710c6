package dev.tdr.cli;

import dev.tdr.core.TdrConfig;
import dev.tdr.core.sql.SqlLexer;
import dev.tdr.core.sql.SqlSyntaxException;
import dev.tdr.core.sql.SqlToken;
import dev.tdr.notebook.Catalog;
import dev.tdr.query.Messages;
import dev.tdr.snippets.Snippet;
import dev.tdr.snippets.SnippetLibrary;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * The shell's input: when a statement is whole (it ends with {@code ;} outside quotes and
 * comments), and completion of backslash commands, snippet names, tables and columns.
 */
final class ShellInput {
  private ShellInput() {}

  /** True when {@code text} holds a whole statement: the last code token is ';'. */
  static boolean complete(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.startsWith("\\") || t.equalsIgnoreCase("quit") || t.equalsIgnoreCase("exit")) {
      return true;
    }
    try {
      SqlToken lastCode = null;
      for (SqlToken token : SqlLexer.tokenize(t)) {
        if (!token.isComment()) {
          lastCode = token;
        }
      }
      return lastCode == null || lastCode.kind() == SqlToken.Kind.SEMICOLON;
    } catch (SqlSyntaxException e) {
      return false; // an open quote or comment: keep reading
    }
  }

  /** Asks for more lines until the statement ends with ';'. */
  static final class StatementParser implements Parser {
    private final DefaultParser words = new DefaultParser();

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !complete(line)) {
        throw new EOFError(-1, -1, "the statement continues until ';'", ";");
      }
      return words.parse(line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.UNSPECIFIED : context);
    }

    @Override
    public boolean isEscapeChar(char ch) {
      return false;
    }
  }

  /** Completes backslash commands, snippet names, and table and column names from the catalog. */
  static final class NameCompleter implements Completer {
    private final TdrConfig config;
    private final Supplier<SnippetLibrary> snippets;
    private Catalog catalog;
    private boolean failed;
    private long retryAt;

    NameCompleter(TdrConfig config, Supplier<SnippetLibrary> snippets) {
      this.config = config;
      this.snippets = snippets;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
      String word = line.word();
      if (word.startsWith("\\")) {
        for (String c : List.of("\\snippets", "\\via", "\\timing", "\\rows", "\\save", "\\render", "\\help", "\\q")) {
          candidates.add(new Candidate(c));
        }
        return;
      }
      // the name being typed starts after the last character that cannot be in one: "sum(zeb" -> "zeb"
      int cut = word.length();
      while (cut > 0 && (Character.isJavaIdentifierPart(word.charAt(cut - 1)) || word.charAt(cut - 1) == '.')) {
        cut--;
      }
      String head = word.substring(0, cut);
      // after an alias or a table ("e.seco", "viewing_events.seco"), columns complete after the dot
      int dot = word.lastIndexOf('.');
      String qualified = dot >= cut ? word.substring(0, dot + 1) : null;
      for (Snippet s : snippets.get().list()) {
        candidates.add(new Candidate(head + s.name(), s.name(), "snippets", s.description(), null, null, true));
      }
      for (Catalog.TableInfo t : tables(reader)) {
        candidates.add(new Candidate(head + t.name(), t.name(), "tables", t.description(), null, null, true));
        candidates.add(new Candidate(head + t.qualifiedName(), t.qualifiedName(), "tables", t.description(), null, null, true));
        for (Catalog.ColumnInfo c : t.columns()) {
          String where = t.name() + " " + c.type();
          candidates.add(new Candidate(head + c.name(), c.name(), "columns", where, null, null, true));
          if (qualified != null) {
            candidates.add(new Candidate(qualified + c.name(), c.name(), "columns", where, null, null, true));
          }
        }
      }
    }

    /**
     * The catalog's tables (read at the first Tab, kept as the catalog keeps them); none if it
     * cannot be read: completion must not fail. It says why once, and tries again a minute later.
     */
    private List<Catalog.TableInfo> tables(LineReader reader) {
      if (failed && System.nanoTime() - retryAt < 0) {
        return List.of();
      }
      try {
        if (catalog == null) {
          catalog = Catalog.of(config);
        }
        return catalog.tables();
      } catch (RuntimeException e) {
        if (!failed) {
          reader.printAbove("(table and column names cannot be completed: " + Messages.describe(e) + ")");
        }
        failed = true;
        retryAt = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        return List.of();
      }
    }
  }
}
