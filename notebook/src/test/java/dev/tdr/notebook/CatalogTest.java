package dev.tdr.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  @Test
  void nameMatchesRankAboveDescriptions() {
    assertThat(CatalogRanking.nameScore("app", "app")).isEqualTo(100);
    assertThat(CatalogRanking.nameScore("app", "ott_app")).isEqualTo(70);
    assertThat(CatalogRanking.nameScore("app", "apps_daily")).isEqualTo(60);
    assertThat(CatalogRanking.nameScore("app", "whatsapp")).isEqualTo(40);
    assertThat(CatalogRanking.nameScore("app", "titles")).isZero();
    assertThat(CatalogRanking.descriptionScore("app", "The app that played")).isEqualTo(12);
    assertThat(CatalogRanking.descriptionScore("app", "happy viewers")).isEqualTo(6);
    assertThat(CatalogRanking.descriptionScore("app", "no match")).isZero();
    // the weakest name match beats the strongest description match
    assertThat(CatalogRanking.nameScore("app", "whatsapp")).isGreaterThan(CatalogRanking.descriptionScore("app", "app"));
  }

  @Test
  void everyKeywordMustMatchSomewhere() {
    assertThat(CatalogRanking.keywordScore(List.of("watch", "time"), "seconds_watched", "viewing_events",
        "Watch time of the session")).isEqualTo(40 + 12);
    assertThat(CatalogRanking.keywordScore(List.of("watch", "revenue"), "seconds_watched", "viewing_events",
        "Watch time of the session")).isZero();
    // a column whose table matches scores half the table's match
    assertThat(CatalogRanking.keywordScore(List.of("viewing"), "app", "viewing_events", null)).isEqualTo(35);
  }

  @Test
  void typeNames() {
    assertThat(dev.tdr.core.jdbc.SvvCatalog.typeName("character varying", 256, null, null)).isEqualTo("character varying(256)");
    assertThat(dev.tdr.core.jdbc.SvvCatalog.typeName("numeric", null, 12, 2)).isEqualTo("numeric(12,2)");
    assertThat(dev.tdr.core.jdbc.SvvCatalog.typeName("integer", null, 32, 0)).isEqualTo("integer");
  }

  @Test
  void descriptionsFileShapesAndMistakes(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, """
        public.events:
          description: Events.
          columns:
            App_Id: The app.
        titles: Every title.
        """);
    CatalogDescriptions d = CatalogDescriptions.read(ok);
    assertThat(d.table("public", "events", "remark")).isEqualTo("Events.");
    assertThat(d.table("other", "events", "remark")).isEqualTo("remark");
    assertThat(d.table("any", "TITLES", null)).isEqualTo("Every title.");
    assertThat(d.column("public", "events", "app_id", null)).isEqualTo("The app.");
    assertThat(d.column("public", "events", "user_id", "kept")).isEqualTo("kept");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "events:\n  columns:\n    user_id:\n");
    assertThatThrownBy(() -> CatalogDescriptions.read(bad)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("events.columns.user_id has no description text");
    Files.writeString(bad, "events:\n  descripton: typo\n");
    assertThatThrownBy(() -> CatalogDescriptions.read(bad)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'descripton'").hasMessageContaining("use description and columns");
    Files.writeString(bad, "- a\n- b\n");
    assertThatThrownBy(() -> CatalogDescriptions.read(bad)).hasMessageContaining("must be a mapping");
    assertThatThrownBy(() -> CatalogDescriptions.read(dir.resolve("missing.yaml")))
        .hasMessageContaining("cannot read the catalog descriptions file");
  }
}
