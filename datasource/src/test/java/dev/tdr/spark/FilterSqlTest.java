package dev.tdr.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdr.core.Column;
import dev.tdr.core.ColumnType;
import dev.tdr.core.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;
import org.junit.jupiter.api.Test;

/** Spark predicates (as Spark converts its filters to the V2 API) as Redshift SQL: exactly the same meaning, or nothing (Spark then filters). */
class FilterSqlTest {
  private static Column col(String name, ColumnType type) {
    return new Column(name, type, 0, 0, type.name().toLowerCase());
  }

  private static final Schema SCHEMA = new Schema(List.of(col("id", ColumnType.INTEGER), col("amount", ColumnType.DECIMAL),
      col("ratio", ColumnType.DOUBLE), col("label", ColumnType.VARCHAR), col("code", ColumnType.CHAR),
      col("day", ColumnType.DATE), col("ts", ColumnType.TIMESTAMP), col("tstz", ColumnType.TIMESTAMPTZ),
      col("doc", ColumnType.SUPER), col("ok", ColumnType.BOOLEAN), col("dup_1", ColumnType.INTEGER),
      col("Odd \"Name\"", ColumnType.INTEGER)));
  /** The source query's names; dup_1 was renamed from a duplicate label, so it cannot be referenced. */
  private static final FilterSql F = new FilterSql(SCHEMA, Arrays.asList("id", "amount", "ratio", "label", "code",
      "day", "ts", "tstz", "doc", "ok", null, "Odd \"Name\""));

  /** The V2 predicate Spark hands the connector for {@code f} (its own conversion), translated. */
  private static String sql(org.apache.spark.sql.sources.Filter f) {
    return F.sql(f.toV2());
  }

  @Test
  void comparisonsWithTypedEscapedLiterals() {
    assertThat(sql(new EqualTo("id", 7))).isEqualTo("\"id\" = 7");
    assertThat(sql(new GreaterThan("amount", new BigDecimal("12.50")))).isEqualTo("\"amount\" > 12.50");
    assertThat(sql(new LessThanOrEqual("ratio", 0.5))).isEqualTo("\"ratio\" <= CAST('0.5' AS DOUBLE PRECISION)");
    assertThat(sql(new EqualTo("label", "it's"))).isEqualTo("\"label\" = 'it''s'");
    assertThat(sql(new EqualTo("day", LocalDate.of(2024, 2, 29)))).isEqualTo("\"day\" = CAST('2024-02-29' AS DATE)");
    assertThat(sql(new GreaterThan("ts", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000))))
        .isEqualTo("\"ts\" > CAST('2024-01-02 03:04:05.000006' AS TIMESTAMP)");
    assertThat(sql(new GreaterThan("tstz", Instant.parse("2024-01-02T03:04:05Z"))))
        .isEqualTo("\"tstz\" > CAST('2024-01-02 03:04:05.000000+00' AS TIMESTAMPTZ)");
    assertThat(sql(new EqualTo("ok", true))).isEqualTo("\"ok\" = TRUE");
    assertThat(sql(new EqualTo("Odd \"Name\"", 1))).isEqualTo("\"Odd \"\"Name\"\"\" = 1");
  }

  @Test
  void booleanStructureNullsInAndStrings() {
    assertThat(sql(new And(new IsNotNull("id"), new Or(new IsNull("label"), new Not(new EqualTo("id", 1))))))
        .isEqualTo("(\"id\" IS NOT NULL AND (\"label\" IS NULL OR (NOT \"id\" = 1)))");
    assertThat(sql(new In("id", new Object[] {1, 2, 3}))).isEqualTo("\"id\" IN (1, 2, 3)");
    assertThat(sql(new In("id", new Object[] {}))).isEqualTo("FALSE");
    assertThat(sql(new StringStartsWith("label", "ab'"))).isEqualTo("LEFT(\"label\", 3) = 'ab'''");
    assertThat(sql(new StringEndsWith("label", "é😀"))).isEqualTo("RIGHT(\"label\", 2) = 'é😀'");
    assertThat(sql(new StringContains("label", "x"))).isEqualTo("POSITION('x' IN \"label\") > 0");
  }

  @Test
  void whatCannotBeSaidExactlyIsLeftToSpark() {
    assertThat(sql(new EqualTo("doc", "x"))).as("SUPER").isNull();
    assertThat(sql(new EqualTo("dup_1", 1))).as("renamed duplicate").isNull();
    assertThat(sql(new GreaterThan("code", "a"))).as("range on CHAR").isNull();
    assertThat(sql(new StringStartsWith("code", "a"))).as("string function on CHAR").isNull();
    assertThat(sql(new EqualTo("ratio", Double.NaN))).as("NaN").isNull();
    assertThat(sql(new In("id", new Object[] {1, null}))).as("IN with NULL").isNull();
    assertThat(sql(new EqualNullSafe("id", 1))).as("null-safe equality").isNull();
    assertThat(sql(new EqualTo("id", "1"))).as("a string for an integer").isNull();
    assertThat(sql(new EqualTo("nope", 1))).as("unknown column").isNull();
    assertThat(sql(new And(new EqualTo("id", 1), new EqualTo("doc", "x")))).as("half translatable").isNull();
  }

  @Test
  void v2OnlyForms() {
    var id = org.apache.spark.sql.connector.expressions.Expressions.column("id");
    var seven = new org.apache.spark.sql.connector.expressions.LiteralValue<>(7, org.apache.spark.sql.types.DataTypes.IntegerType);
    assertThat(F.sql(new org.apache.spark.sql.connector.expressions.filter.Predicate("<>",
        new org.apache.spark.sql.connector.expressions.Expression[] {id, seven}))).isEqualTo("\"id\" <> 7");
    // 7 < id is id > 7
    assertThat(F.sql(new org.apache.spark.sql.connector.expressions.filter.Predicate("<",
        new org.apache.spark.sql.connector.expressions.Expression[] {seven, id}))).isEqualTo("\"id\" > 7");
    assertThat(F.sql(new org.apache.spark.sql.connector.expressions.filter.AlwaysFalse())).isEqualTo("FALSE");
    assertThat(F.sql(new org.apache.spark.sql.connector.expressions.filter.AlwaysTrue())).isEqualTo("1 IS NOT NULL");
    assertThat(F.sql(new org.apache.spark.sql.connector.expressions.filter.Predicate("<=>",
        new org.apache.spark.sql.connector.expressions.Expression[] {id, seven}))).isNull();
    // a pre-epoch timestamp with micros survives the conversion from Spark's internal form
    assertThat(sql(new LessThanOrEqual("ts", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000))))
        .isEqualTo("\"ts\" <= CAST('1969-12-31 23:59:59.999999' AS TIMESTAMP)");
  }
}
