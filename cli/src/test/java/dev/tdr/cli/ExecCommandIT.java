package dev.tdr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.testkit.RedshiftEmulator;
import dev.tdr.testkit.RedshiftEmulatorExtension;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedshiftEmulatorExtension.class)
class ExecCommandIT {
  private final CliRun cli = new CliRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int tdr(Map<String, String> env, String... args) {
    return cli.run(env, args);
  }

  @Test
  void runsAScriptAndPrintsResultsAndNotices(RedshiftEmulator emu, @TempDir Path dir) throws Exception {
    Path script = dir.resolve("fixtures.sql");
    Files.writeString(script, """
        -- fixtures; with a comment holding a ; semicolon
        drop table if exists exec_it;
        create table exec_it (id int, note varchar(50));
        insert into exec_it values (1, 'semi;colon'), (2, 'it''s'), (3, 'tab\\there');
        /* block ; comment */
        select id, note from exec_it order by id;
        UNLOAD ('select * from exec_it') TO '%s' IAM_ROLE default CSV;
        """.formatted(emu.newTempPrefix()));
    int status = tdr(emu.environment(), "exec", "--file", script.toString());
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("id\tnote\n1\tsemi;colon\n2\tit's\n3\ttab\\there\n");
    assertThat(err.toString())
        .contains("OK, 3 row(s) affected")
        .contains("(3 rows)")
        .contains("UNLOAD completed, 3 record(s) unloaded successfully.");
  }

  @Test
  void firstErrorStopsTheScriptWithSqlStateAndNoSecrets(RedshiftEmulator emu) {
    int status = tdr(emu.environment(), "exec",
        "select 1; UNLOAD ('select 1') TO 's3://no-such-bucket/p/' ACCESS_KEY_ID 'AKIDSECRETISH' "
            + "SECRET_ACCESS_KEY 'very-secret-key'; select 2");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .contains("statement 2 of 3 failed")
        .contains("SQLSTATE XX000")
        .contains("InvalidAccessKeyId")
        .contains("SECRET_ACCESS_KEY '***'")
        .doesNotContain("very-secret-key", "AKIDSECRETISH");
    assertThat(out.toString()).isEqualTo("?column?\n1\n");
  }

  @Test
  void theConfigFileAndItsDriverPropertiesAreHonouredAsByEveryCommand(RedshiftEmulator emu, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("tdr.properties");
    Files.writeString(config, "url=" + emu.jdbcUrl() + "\nuser=" + emu.user() + "\ndriver.ApplicationName=exec-it-app\n");
    Map<String, String> env = new HashMap<>();
    env.put("TDR_CONFIG", config.toString());
    env.put("TDR_PASSWORD", emu.password());
    int status = tdr(env, "exec", "select application_name from pg_stat_activity where pid = pg_backend_pid()");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("application_name\nexec-it-app\n");
  }

  @Test
  void missingSettingsNameTheVariable() {
    int status = tdr(Map.of(), "exec", "select 1");
    assertThat(status).isEqualTo(TdrCli.USAGE);
    assertThat(err.toString()).contains("set $TDR_URL").contains("--url");
  }

  @Test
  void flagsOverrideTheEnvironment(RedshiftEmulator emu) {
    Map<String, String> env = new HashMap<>(emu.environment());
    env.put("TDR_URL", "jdbc:redshift://127.0.0.1:1/nowhere?ssl=false");
    int status = tdr(env, "exec", "--url", emu.jdbcUrl(), "select 'flag wins' as w");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("w\nflag wins\n");
    assertThat(tdr(emu.environment(), "exec", "--", "-- nothing here")).isZero();
    assertThat(err.toString()).contains("nothing to run");
  }
}
