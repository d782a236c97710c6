package dev.tdr.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The real clients a user would point at the emulator: redshift-jdbc42 and the AWS SDK v2. */
final class Clients {
  private Clients() {}

  static Connection redshift(RedshiftEmulator emu) throws SQLException {
    return redshift(emu, new Properties());
  }

  static Connection redshift(RedshiftEmulator emu, Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", emu.user());
    p.setProperty("password", emu.password());
    p.putAll(extra);
    return DriverManager.getConnection(emu.jdbcUrl(), p);
  }

  static S3Client s3(RedshiftEmulator emu) {
    return s3(emu, b -> { });
  }

  static S3Client s3(RedshiftEmulator emu, java.util.function.Consumer<software.amazon.awssdk.services.s3.S3ClientBuilder> tweak) {
    software.amazon.awssdk.services.s3.S3ClientBuilder b = S3Client.builder()
        .endpointOverride(emu.s3Endpoint())
        .forcePathStyle(true)
        .region(Region.of(emu.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(emu.accessKeyId(), emu.secretAccessKey())))
        .httpClientBuilder(Apache5HttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    tweak.accept(b);
    return b.build();
  }

  /** Keys under {@code s3://bucket/prefix}, sorted. */
  static List<String> keys(S3Client s3, String bucket, String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
      out.add(o.key());
    }
    out.sort(null);
    return out;
  }

  static byte[] bytes(S3Client s3, String bucket, String key) {
    ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    return r.asByteArray();
  }

  static String text(S3Client s3, String bucket, String key) {
    return new String(bytes(s3, bucket, key), StandardCharsets.UTF_8);
  }

  static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> out = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  static String gunzip(byte[] data) {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message of the statement's first warning (the UNLOAD notice), or null. */
  static String warning(Statement s) throws SQLException {
    return s.getWarnings() == null ? null : s.getWarnings().getMessage();
  }

  /** The key part of {@code s3://bucket/key}. */
  static String key(String s3Uri) {
    String rest = s3Uri.substring("s3://".length());
    return rest.substring(rest.indexOf('/') + 1);
  }

  /** Properties that avoid redshift-jdbc42's fetch ring buffer (racy with multi-result queries). */
  static Properties noRingBuffer() {
    Properties p = new Properties();
    p.setProperty("enableFetchRingBuffer", "false");
    return p;
  }

  /** UNLOAD of {@code query} to {@code prefix} with the emulator's keys and {@code options}. */
  static String unload(RedshiftEmulator emu, String query, String prefix, String options) {
    return "UNLOAD (" + dev.tdr.core.sql.SqlLiterals.quote(query) + ") TO '" + prefix + "' ACCESS_KEY_ID '"
        + emu.accessKeyId() + "' SECRET_ACCESS_KEY '" + emu.secretAccessKey() + "' " + options;
  }

  /** The text of every object under {@code prefix}, in key order, concatenated. */
  static String concatenated(S3Client s3, RedshiftEmulator emu, String prefix, boolean skipManifest) {
    StringBuilder sb = new StringBuilder();
    for (String k : keys(s3, emu.bucket(), key(prefix))) {
      if (skipManifest && k.endsWith("manifest")) {
        continue;
      }
      sb.append(text(s3, emu.bucket(), k));
    }
    return sb.toString();
  }
}
