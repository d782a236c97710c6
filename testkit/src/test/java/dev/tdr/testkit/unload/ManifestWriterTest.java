package dev.tdr.testkit.unload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {
  private final TypeRegistry types = new TypeRegistry(90001, 90002, 90003);

  @Test
  void verboseManifestHasRedshiftsShape() throws Exception {
    String json = ManifestWriter.write(
        List.of(new ManifestWriter.Entry("s3://b/run/0000_part_00", 32295, 10),
            new ManifestWriter.Entry("s3://b/run/0001_part_00", 31900, 9)),
        List.of(new ManifestWriter.Element("venueid", types.manifestType(TypeRegistry.INT4, -1)),
            new ManifestWriter.Element("venuename", types.manifestType(TypeRegistry.VARCHAR, 25 + 4)),
            new ManifestWriter.Element("price", types.manifestType(TypeRegistry.NUMERIC, ((8 << 16) | 2) + 4)),
            new ManifestWriter.Element("doc", types.manifestType(90002, -1))),
        true);
    JsonNode m = new ObjectMapper().readTree(json);
    assertThat(m.get("entries")).hasSize(2);
    assertThat(m.at("/entries/0/url").asText()).isEqualTo("s3://b/run/0000_part_00");
    assertThat(m.at("/entries/1/meta/content_length").asLong()).isEqualTo(31900);
    assertThat(m.at("/entries/1/meta/record_count").asLong()).isEqualTo(9);
    assertThat(m.at("/meta/content_length").asLong()).isEqualTo(64195);
    assertThat(m.at("/meta/record_count").asLong()).isEqualTo(19);
    assertThat(m.at("/author/name").asText()).isEqualTo("Amazon Redshift");
    assertThat(m.at("/author/version").asText()).isEqualTo("1.0.0");
    assertThat(m.at("/schema/elements/0").toString()).isEqualTo("{\"name\":\"venueid\",\"type\":{\"base\":\"integer\"}}");
    assertThat(m.at("/schema/elements/1/type").toString())
        .isEqualTo("{\"base\":\"character varying\",\"max_length\":25}");
    assertThat(m.at("/schema/elements/2/type").toString())
        .isEqualTo("{\"base\":\"numeric\",\"precision\":8,\"scale\":2}");
    assertThat(m.at("/schema/elements/3/type/base").asText()).isEqualTo("super");
    // one entry per line, as Redshift writes it
    assertThat(json.lines().filter(l -> l.contains("\"url\""))).hasSize(2);
  }

  @Test
  void plainManifestHasOnlyUrlsAndLengths() throws Exception {
    String json = ManifestWriter.write(List.of(new ManifestWriter.Entry("s3://b/k", 5, 1)), List.of(), false);
    JsonNode m = new ObjectMapper().readTree(json);
    assertThat(m.fieldNames()).toIterable().containsExactly("entries");
    assertThat(m.at("/entries/0/meta").fieldNames()).toIterable().containsExactly("content_length");
  }

  @Test
  void emptyManifest() throws Exception {
    JsonNode m = new ObjectMapper().readTree(ManifestWriter.write(List.of(), List.of(), true));
    assertThat(m.get("entries")).isEmpty();
    assertThat(m.at("/meta/record_count").asLong()).isZero();
  }
}
