package dev.tdr.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "it's", "back\\slash", "\\'", "''", "a\nb\tc",
      "ünïcødé 🎉", "\\\\'\\", "trailing\\"})
  void quoteThenUnquoteIsIdentity(String value) {
    String literal = SqlLiterals.quote(value);
    assertThat(SqlLexer.tokenize(literal)).singleElement()
        .extracting(SqlToken::kind).isEqualTo(SqlToken.Kind.STRING);
    assertThat(SqlLiterals.unquote(literal)).isEqualTo(value);
  }

  @Test
  void quoteDoublesBackslashesThenQuotes() {
    assertThat(SqlLiterals.quote("it's a \\ test")).isEqualTo("'it''s a \\\\ test'");
  }

  @Test
  void unquoteDecodesRedshiftEscapes() {
    assertThat(SqlLiterals.unquote("'a\\'b''c\\\\d\\ne\\tf\\bg\\x41\\101\\q'"))
        .isEqualTo("a'b'c\\d\ne\tf\bgAAq");
    assertThat(SqlLiterals.unquote("E'x\\ny'")).isEqualTo("x\ny");
    assertThat(SqlLiterals.unquote("$t$it's \\n raw$t$")).isEqualTo("it's \\n raw");
  }

  @Test
  void unquoteRejectsNonLiterals() {
    assertThatThrownBy(() -> SqlLiterals.unquote("abc")).isInstanceOf(IllegalArgumentException.class);
  }
}
