package dev.tdr.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    String script = """
        create table t (a varchar(10)); -- first; still a comment
        insert into t values ('a;b'), ('it''s; fine'), ('back\\'slash;');
        /* block; /* nested; */ still; */ select "we;ird" from t;
        select $$dollar; body$$, $tag$ x; $tag$;
        ;;
        -- only a comment;
        """;
    assertThat(SqlScript.split(script))
        .containsExactly(
            "create table t (a varchar(10))",
            "-- first; still a comment\ninsert into t values ('a;b'), ('it''s; fine'), ('back\\'slash;')",
            "/* block; /* nested; */ still; */ select \"we;ird\" from t",
            "select $$dollar; body$$, $tag$ x; $tag$");
  }

  @Test
  void lastStatementNeedsNoTerminator() {
    assertThat(SqlScript.split("select 1; select 2")).containsExactly("select 1", "select 2");
    assertThat(SqlScript.split("  ")).isEmpty();
  }

  @Test
  void firstKeywordSkipsCommentsAndParentheses() {
    assertThat(SqlScript.firstKeyword("-- hi\n/* x */ ((Select 1))")).isEqualTo("SELECT");
    assertThat(SqlScript.firstKeyword("  unload ('x') to 'y'")).isEqualTo("UNLOAD");
    assertThat(SqlScript.firstKeyword("'lit'")).isEmpty();
    assertThat(SqlScript.firstKeyword("")).isEmpty();
  }

  @Test
  void stripTrailingRemovesTerminatorsAndComments() {
    assertThat(SqlScript.stripTrailing("select 1 ; -- done\n;  /* bye */ "))
        .isEqualTo("select 1");
    assertThat(SqlScript.stripTrailing("select '--not a comment;'"))
        .isEqualTo("select '--not a comment;'");
    assertThat(SqlScript.stripTrailing("-- lead\nselect 1")).isEqualTo("-- lead\nselect 1");
    assertThat(SqlScript.stripTrailing("-- nothing")).isEmpty();
    assertThat(SqlScript.isBlank("-- nothing\n;")).isTrue();
    assertThat(SqlScript.isBlank("select")).isFalse();
  }

  @Test
  void unterminatedLiteralIsAnErrorNamingTheOffset() {
    assertThatThrownBy(() -> SqlScript.split("select 'abc"))
        .isInstanceOf(SqlSyntaxException.class)
        .hasMessageContaining("offset 7");
    assertThatThrownBy(() -> SqlLexer.tokenize("select /* x"))
        .hasMessageContaining("unterminated /* comment");
    assertThatThrownBy(() -> SqlLexer.tokenize("select $a$ x"))
        .hasMessageContaining("$a$");
  }

  @Test
  void lexerTellsTokenKindsApart() {
    var tokens = SqlLexer.tokenize("a.b::int >= 1.5e3 , $1 E'x\\'y' \"Q\"\"q\"");
    assertThat(tokens).extracting(SqlToken::kind)
        .containsExactly(
            SqlToken.Kind.WORD, SqlToken.Kind.SYMBOL, SqlToken.Kind.WORD, SqlToken.Kind.SYMBOL,
            SqlToken.Kind.WORD, SqlToken.Kind.SYMBOL, SqlToken.Kind.SYMBOL, SqlToken.Kind.NUMBER,
            SqlToken.Kind.COMMA, SqlToken.Kind.SYMBOL, SqlToken.Kind.NUMBER,
            SqlToken.Kind.STRING, SqlToken.Kind.QUOTED_IDENTIFIER);
    assertThat(tokens.get(7).text()).isEqualTo("1.5e3");
  }
}
