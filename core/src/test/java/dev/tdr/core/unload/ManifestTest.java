package dev.tdr.core.unload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.ManifestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Redshift's manifest shape, and every deviation from it an error naming the manifest. */
class ManifestTest {
  private static Manifest parse(String json) {
    return Manifest.parse("s3://b/run/manifest", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aVerboseManifestWithCountsAndSizes() {
    Manifest m = parse("""
        {"entries":[
          {"url":"s3://b/run/0000_part_00","meta":{"content_length":100,"record_count":3}},
          {"url":"s3://b/run/0001_part_00","meta":{"content_length":0,"record_count":0}}],
         "schema":{"elements":[{"name":"a","type":{"base":"integer"}}]},
         "meta":{"content_length":100,"record_count":3},"author":{"name":"Amazon Redshift","version":"1.0.0"}}
        """);
    assertThat(m.entries()).extracting(Manifest.Entry::url).containsExactly("s3://b/run/0000_part_00", "s3://b/run/0001_part_00");
    assertThat(m.verbose()).isTrue();
    assertThat(m.totalBytes()).isEqualTo(100);
    assertThat(m.totalRecords()).isEqualTo(3);
  }

  @Test
  void withoutRecordCountsTheTotalIsUnknown() {
    Manifest m = parse("{\"entries\":[{\"url\":\"s3://b/p\",\"meta\":{\"content_length\":5}}]}");
    assertThat(m.verbose()).isFalse();
    assertThat(m.totalRecords()).isEqualTo(-1);
    assertThat(m.entries().get(0).recordCount()).isEqualTo(-1);
    assertThat(Manifest.empty("s3://b/x/manifest").totalRecords()).isZero();
  }

  @Test
  void deviationsAreErrorsNamingTheManifestAndTheEntry() {
    assertThatThrownBy(() -> parse("{\"entries\":[")).isInstanceOf(ManifestException.class)
        .hasMessageContaining("s3://b/run/manifest is not valid JSON");
    assertThatThrownBy(() -> parse("{}")).hasMessageContaining("has no \"entries\" array");
    assertThatThrownBy(() -> parse("{\"entries\":{}}")).hasMessageContaining("has no \"entries\" array");
    assertThatThrownBy(() -> parse("{\"entries\":[{\"url\":\"https://b/p\",\"meta\":{\"content_length\":1}}]}"))
        .hasMessageContaining("entry 0 has no s3:// url");
    assertThatThrownBy(() -> parse("{\"entries\":[{\"url\":\"s3://b/p\",\"meta\":{}}]}"))
        .hasMessageContaining("entry 0 (s3://b/p) has no meta.content_length");
    assertThatThrownBy(() -> parse("{\"entries\":[{\"url\":\"s3://b/p\",\"meta\":{\"content_length\":-1}}]}"))
        .hasMessageContaining("has no meta.content_length");
  }
}
