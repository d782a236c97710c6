package dev.tdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.CsvParseException;
import dev.tdr.core.Schema;
import dev.tdr.core.TdrConfig;
import dev.tdr.core.s3.PartStore;
import dev.tdr.core.s3.S3Uri;
import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A part split across threads (fewer parts than threads): parts written here byte for byte, as
 * an existing UNLOAD, read with four threads, so the record boundaries between ranges are found
 * by the scan and the runs are decoded in parallel.
 */
@ExtendWith(RedshiftEmulatorExtension.class)
class SplitPartsIT {
  private static final Schema SCHEMA = new Schema(List.of(
      new Column("id", ColumnType.INTEGER, 10, 0, "int4"),
      new Column("txt", ColumnType.VARCHAR, 65535, 0, "varchar")));

  private static S3Client s3(RedshiftEmulator emu) {
    return S3Client.builder().endpointOverride(emu.s3Endpoint()).forcePathStyle(true)
        .region(Region.of(emu.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(emu.accessKeyId(), emu.secretAccessKey())))
        .build();
  }

  private final List<String> written = new ArrayList<>();

  @AfterEach
  void deleteWhatWasWritten(RedshiftEmulator emu) {
    try (PartStore store = PartStore.create(TdrConfig.builderFromEnvironment(emu.environment()).build(), 1)) {
      for (String prefix : written) {
        store.deletePrefix(S3Uri.parse(prefix));
      }
    }
  }

  /** Writes {@code part} as the one part of an existing UNLOAD; returns its manifest's URI. */
  private String put(RedshiftEmulator emu, byte[] part, long records) {
    String prefix = emu.newTempPrefix();
    written.add(prefix);
    String key = prefix.substring(("s3://" + emu.bucket() + "/").length());
    try (S3Client s3 = s3(emu)) {
      s3.putObject(b -> b.bucket(emu.bucket()).key(key + "0000_part_00"), RequestBody.fromBytes(part));
      String manifest = "{\"entries\":[{\"url\":\"" + prefix + "0000_part_00\",\"meta\":{\"content_length\":"
          + part.length + ",\"record_count\":" + records + "}}]}";
      s3.putObject(b -> b.bucket(emu.bucket()).key(key + "manifest"), RequestBody.fromString(manifest));
    }
    return prefix + "manifest";
  }

  private static DataFrame read(RedshiftEmulator emu, String manifest) {
    try (Tdr tdr = Tdr.connect(TdrConfig.builderFromEnvironment(emu.environment()).parallelism(4).build())) {
      return tdr.localReader().read(manifest, SCHEMA);
    }
  }

  @Test
  void recordsLongerThanARangeAndQuotedNewlinesAtEveryBoundary(RedshiftEmulator emu) {
    // 6 MB in one part: ranges of about 1 MB; a 2.5 MB quoted value spans whole ranges with no
    // record boundary in them, and the other values carry quoted newlines and doubled quotes
    StringBuilder sb = new StringBuilder();
    List<String> expected = new ArrayList<>();
    String huge = "x\n\"".repeat(850_000);
    int id = 0;
    while (sb.length() < 6_000_000) {
      String v = id == 1500 ? huge : "line " + id + "\nsecond \"half\", with a comma " + "y".repeat(id % 97);
      expected.add(v);
      sb.append(id++).append(",\"").append(v.replace("\"", "\"\"")).append("\"\n");
    }
    DataFrame df = read(emu, put(emu, sb.toString().getBytes(StandardCharsets.UTF_8), id));
    assertThat(df.height()).isEqualTo(id);
    for (int i = 0; i < id; i++) {
      assertThat(df.getColumn("id").get(i)).isEqualTo(i);
      assertThat(df.getColumn("txt").get(i)).as("row %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsReadAsTheGeneralParserReadsIt(RedshiftEmulator emu) {
    // Redshift never writes one, but a quote inside an unquoted field is a literal quote: the
    // boundary scan counts it as a quote, the runs do not line up, and the part is read again
    // from start to end, giving the right values
    StringBuilder sb = new StringBuilder();
    int rows = 0;
    while (sb.length() < 4_000_000) {
      sb.append(rows).append(',').append(rows % 1000 == 7 ? "5\" tall" : "plain " + rows).append('\n');
      rows++;
    }
    DataFrame df = read(emu, put(emu, sb.toString().getBytes(StandardCharsets.UTF_8), rows));
    assertThat(df.height()).isEqualTo(rows);
    assertThat(df.getColumn("txt").get(7)).isEqualTo("5\" tall");
    assertThat(df.getColumn("txt").get(1007)).isEqualTo("5\" tall");
    assertThat(df.getColumn("txt").get(rows - 1)).isEqualTo((rows - 1) % 1000 == 7 ? "5\" tall" : "plain " + (rows - 1));
  }

  @Test
  void aSplitPartWithTheWrongRecordCountOrABadValueFailsNamingIt(RedshiftEmulator emu) {
    StringBuilder sb = new StringBuilder();
    int rows = 0;
    while (sb.length() < 3_000_000) {
      sb.append(rows).append(",v").append(rows).append('\n');
      rows++;
    }
    byte[] part = sb.toString().getBytes(StandardCharsets.UTF_8);
    String tooMany = put(emu, part, rows + 1);
    assertThatThrownBy(() -> read(emu, tooMany))
        .isInstanceOf(CsvParseException.class)
        .hasMessageContaining("0000_part_00")
        .hasMessageContaining("the manifest lists " + (rows + 1));
    int bad = rows - 10;
    String broken = sb.toString().replace("\n" + bad + ",", "\nx" + bad + ",");
    String withBadValue = put(emu, broken.getBytes(StandardCharsets.UTF_8), rows);
    assertThatThrownBy(() -> read(emu, withBadValue))
        .isInstanceOf(CsvParseException.class)
        .hasMessageContaining("0000_part_00, line " + (bad + 1) + ", column 1: column 'id' (INTEGER): 'x" + bad + "'");
  }
}
