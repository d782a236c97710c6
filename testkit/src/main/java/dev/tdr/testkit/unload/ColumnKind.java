package dev.tdr.testkit.unload;

/** How a column's wire value is fetched (text or binary) and rendered as Redshift writes it. */
enum ColumnKind {
  /** Written as PostgreSQL's text form: integers, booleans, intervals, unknown types. */
  PLAIN(false, false),
  /** NUMERIC, REAL, DOUBLE: PostgreSQL text, but NaN/Infinity as {@code nan}, {@code inf}. */
  NUMBER(false, false),
  /** CHAR(n): as stored, trailing blanks removed. */
  CHAR(false, true),
  /** VARCHAR, TEXT. */
  VARCHAR(false, true),
  /** SUPER (and json/jsonb): compact JSON. */
  JSON(false, false),
  DATE(true, false),
  TIMESTAMP(true, false),
  TIMESTAMPTZ(true, false),
  TIME(true, false),
  TIMETZ(true, false),
  /** VARBYTE, GEOMETRY, bytea: lower-case hex. */
  BYTES(true, false);

  final boolean binary;
  final boolean character;

  ColumnKind(boolean binary, boolean character) {
    this.binary = binary;
    this.character = character;
  }
}
