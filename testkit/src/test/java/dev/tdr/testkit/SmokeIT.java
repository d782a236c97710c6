package dev.tdr.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(RedshiftEmulatorExtension.class)
class SmokeIT {
  @Test
  void unloadThroughTheRealDriver(RedshiftEmulator emu) throws Exception {
    String prefix = emu.newTempPrefix();
    try (Connection c = Clients.redshift(emu); Statement s = c.createStatement(); S3Client s3 = Clients.s3(emu)) {
      s.execute("create temp table t (a int, b varchar(20))");
      s.execute("insert into t values (1, 'x,y'), (2, null), (3, 'q\"q')");
      boolean rs = s.execute("UNLOAD ('select * from t order by a') TO '" + prefix + "' ACCESS_KEY_ID '"
          + emu.accessKeyId() + "' SECRET_ACCESS_KEY '" + emu.secretAccessKey() + "' FORMAT CSV MANIFEST VERBOSE");
      assertThat(rs).isFalse();
      System.out.println("warning: " + s.getWarnings());
      System.out.println(Clients.rows(c, "select pg_last_unload_count()"));
      String key = prefix.substring(("s3://" + emu.bucket() + "/").length());
      for (String k : Clients.keys(s3, emu.bucket(), key)) {
        System.out.println("== " + k + "\n" + Clients.text(s3, emu.bucket(), k));
      }
    }
  }
}
