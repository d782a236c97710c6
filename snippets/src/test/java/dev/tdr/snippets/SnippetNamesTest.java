package dev.tdr.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnippetNamesTest {
  @Test
  void identifiersAreValidNames() {
    assertThat(SnippetNames.check("ott_app")).isEqualTo("ott_app");
    assertThat(SnippetNames.check("_private2")).isEqualTo("_private2");
  }

  @Test
  void otherNamesAreRejectedWithAFix() {
    assertThatThrownBy(() -> SnippetNames.check("ott-app"))
        .hasMessageContaining("'ott-app' is not an identifier").hasMessageContaining("(e.g. ott_app)");
    assertThatThrownBy(() -> SnippetNames.check("9lives")).hasMessageContaining("(e.g. _9lives)");
    assertThatThrownBy(() -> SnippetNames.check("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> SnippetNames.check("for")).hasMessageContaining("Jinja keyword");
  }
}
