package dev.tdr.bench.jmh;

import dev.tdr.testkit.wire.RedshiftSql;
import dev.tdr.testkit.wire.RelationColumns;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the emulator's front costs a statement: Redshift's SQL rewritten into PostgreSQL's
 * (identifiers, lateral aliases, date parts, DECODE, LISTAGG, DDL attributes...), microseconds
 * for a statement of about 10 KB. The catalog lookup of lateral aliases is an in-memory map here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlRewriteBenchmark {
  private static final RelationColumns RELATIONS = r -> Optional.of(Set.of("id", "code", "amount", "day", "note"));

  /** A statement of about 10 KB with something to rewrite in every line. */
  String tenKb;
  /** The same size with nothing to rewrite: the cost every statement pays. */
  String plain;

  @Setup
  public void setUp() {
    StringBuilder b = new StringBuilder("SELECT TOP 100 \"ID\", code AS c0");
    StringBuilder p = new StringBuilder("SELECT id, code AS c0");
    int i = 0;
    while (b.length() < 10_000) {
      i++;
      b.append(",\n  decode(code, 'a").append(i).append("', 1, 'b', 2, 0) + c0 AS c").append(i)
          .append(", dateadd(day, ").append(i).append(", \"DAY\") AS d").append(i)
          .append(", nvl(note, 'none') AS n").append(i);
      p.append(",\n  CASE code WHEN 'a").append(i).append("' THEN 1 WHEN 'b' THEN 2 ELSE 0 END AS c").append(i)
          .append(", day + ").append(i).append(" AS d").append(i)
          .append(", coalesce(note, 'none') AS n").append(i);
    }
    b.append("\nFROM public.\"SALES\" s WHERE c1 > 0 AND amount > 10 ORDER BY 1");
    p.append("\nFROM public.sales s WHERE amount > 10 ORDER BY 1");
    tenKb = b.toString();
    plain = p.toString();
  }

  @Benchmark
  public String redshiftStatement() {
    return RedshiftSql.rewrite(tenKb, RELATIONS);
  }

  @Benchmark
  public String plainStatement() {
    return RedshiftSql.rewrite(plain, RELATIONS);
  }
}
