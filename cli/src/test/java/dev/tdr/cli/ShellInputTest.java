package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the shell has a whole statement: the last code token is ';', outside quotes and comments. */
class ShellInputTest {
  @Test
  void aStatementEndsAtASemicolonInCode() {
    assertThat(ShellInput.complete("select 1;")).isTrue();
    assertThat(ShellInput.complete("select 1; -- done")).isTrue();
    assertThat(ShellInput.complete("select 1")).isFalse();
    assertThat(ShellInput.complete("select ';")).isFalse();
    assertThat(ShellInput.complete("select 1 /* ; */")).isFalse();
    assertThat(ShellInput.complete("select $$;$$")).isFalse();
    assertThat(ShellInput.complete("\\via jdbc")).isTrue();
    assertThat(ShellInput.complete("  quit ")).isTrue();
    assertThat(ShellInput.complete("")).isTrue();
  }
}
