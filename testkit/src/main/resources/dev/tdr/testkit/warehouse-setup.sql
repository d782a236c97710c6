-- Redshift objects the emulator adds to the warehouse database. Idempotent.
-- Types (varbyte, super, geometry) are created from Java before this script runs.

CREATE OR REPLACE FUNCTION tdr_redshift.pg_last_unload_count() RETURNS bigint
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(current_setting('tdr.last_unload_count', true), '')::bigint, 0) $$;

-- JSON text without whitespace outside strings, keys in the order given (as Redshift's SUPER).
-- E'' literals: backslashes are escapes whatever standard_conforming_strings says.
CREATE OR REPLACE FUNCTION tdr_redshift.json_parse(text) RETURNS tdr_redshift.super
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT regexp_replace($1::json::text, E'("(?:[^"\\\\]|\\\\.)*")|\\s+', E'\\1', 'g')::json::tdr_redshift.super $$;

CREATE OR REPLACE FUNCTION tdr_redshift.json_serialize(tdr_redshift.super) RETURNS varchar
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT $1::text $$;

CREATE OR REPLACE FUNCTION tdr_redshift.from_hex(text) RETURNS tdr_redshift.varbyte
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT encode(decode($1, 'hex'), 'hex')::tdr_redshift.varbyte $$;

CREATE OR REPLACE FUNCTION tdr_redshift.to_varbyte(text, text) RETURNS tdr_redshift.varbyte
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT (CASE lower($2)
                  WHEN 'hex' THEN encode(decode($1, 'hex'), 'hex')
                  WHEN 'binary' THEN encode(decode($1, 'hex'), 'hex')
                  WHEN 'utf8' THEN encode(convert_to($1, 'UTF8'), 'hex')
                  WHEN 'base64' THEN encode(decode($1, 'base64'), 'hex')
                END)::tdr_redshift.varbyte $$;

-- views that depend on others first
DROP VIEW IF EXISTS tdr_redshift.svv_all_tables;
DROP VIEW IF EXISTS tdr_redshift.svv_all_schemas;
DROP VIEW IF EXISTS tdr_redshift.svv_redshift_databases;
DROP VIEW IF EXISTS tdr_redshift.svv_external_schemas;
DROP VIEW IF EXISTS tdr_redshift.svv_external_tables;
DROP VIEW IF EXISTS tdr_redshift.svv_external_columns;
DROP VIEW IF EXISTS tdr_redshift.svv_table_info;
DROP VIEW IF EXISTS tdr_redshift.pg_table_def;
DROP VIEW IF EXISTS tdr_redshift.pg_proc_info;
DROP VIEW IF EXISTS tdr_redshift.svv_all_columns;
DROP VIEW IF EXISTS tdr_redshift.svv_columns;
DROP VIEW IF EXISTS tdr_redshift.svv_tables;

CREATE VIEW tdr_redshift.svv_tables AS
SELECT current_database()::varchar(128) AS table_catalog,
       n.nspname::varchar(128) AS table_schema,
       c.relname::varchar(128) AS table_name,
       (CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'VIEW'
                       WHEN 'f' THEN 'EXTERNAL TABLE' ELSE 'BASE TABLE' END)::varchar(128) AS table_type,
       obj_description(c.oid, 'pg_class')::varchar(512) AS remarks
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND n.nspname NOT IN ('tdr_redshift', 'pg_toast')
   AND n.nspname NOT LIKE 'pg_toast_temp%'
   AND (n.nspname NOT LIKE 'pg_temp%' OR n.oid = pg_my_temp_schema());

CREATE VIEW tdr_redshift.svv_columns AS
SELECT c.table_catalog::varchar(128) AS table_catalog,
       c.table_schema::varchar(128) AS table_schema,
       c.table_name::varchar(128) AS table_name,
       c.column_name::varchar(128) AS column_name,
       c.ordinal_position::int AS ordinal_position,
       c.column_default::varchar(4000) AS column_default,
       c.is_nullable::varchar(3) AS is_nullable,
       (CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END)::varchar(128) AS data_type,
       c.character_maximum_length::int AS character_maximum_length,
       c.numeric_precision::int AS numeric_precision,
       c.numeric_precision_radix::int AS numeric_precision_radix,
       c.numeric_scale::int AS numeric_scale,
       c.datetime_precision::int AS datetime_precision,
       c.interval_type::varchar(128) AS interval_type,
       c.interval_precision::varchar(128) AS interval_precision,
       c.domain_name::varchar(128) AS domain_name,
       d.description::varchar(512) AS remarks
  FROM information_schema.columns c
  JOIN pg_namespace n ON n.nspname = c.table_schema
  JOIN pg_class cl ON cl.relnamespace = n.oid AND cl.relname = c.table_name
  LEFT JOIN pg_description d
    ON d.objoid = cl.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = c.ordinal_position
 WHERE c.table_schema NOT IN ('tdr_redshift', 'pg_toast');

CREATE VIEW tdr_redshift.svv_all_columns AS
SELECT table_catalog AS database_name,
       table_schema AS schema_name,
       table_name,
       column_name,
       ordinal_position,
       column_default,
       is_nullable,
       data_type,
       character_maximum_length,
       numeric_precision,
       numeric_scale,
       remarks
  FROM tdr_redshift.svv_columns;

-- ------------------------------------------------------------------ what clients written for
-- Redshift query (redshift-jdbc42's DatabaseMetaData, redshift_connector, AWS SDK for pandas,
-- Trino, spark-redshift). The front rewrites pg_catalog.<name> of these to tdr_redshift.<name>.

-- Redshift's version string; the front sends server_version 8.0.2 as Redshift does.
CREATE OR REPLACE FUNCTION tdr_redshift.version() RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467'::text $$;

-- The id of the session's last UNLOAD (the emulator numbers only UNLOADs), -1 before the first.
CREATE OR REPLACE FUNCTION tdr_redshift.pg_last_query_id() RETURNS integer
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(current_setting('tdr.last_query_id', true), '')::integer, -1) $$;

-- Redshift functions the drivers' metadata SQL uses.
CREATE OR REPLACE FUNCTION tdr_redshift.regexp_replace(text, text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT pg_catalog.regexp_replace($1, $2, '', 'g') $$;

CREATE OR REPLACE FUNCTION tdr_redshift.isnull(anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT coalesce($1, $2) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.charindex(text, text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT strpos($2, $1) $$;

-- Late-binding views (WITH NO SCHEMA BINDING) are not emulated: none has columns to list.
CREATE OR REPLACE FUNCTION tdr_redshift.pg_get_late_binding_view_cols() RETURNS SETOF record
  LANGUAGE sql STABLE
  AS $$ SELECT NULL::name, NULL::name, NULL::name, NULL::text, NULL::integer WHERE false $$;

CREATE SEQUENCE IF NOT EXISTS tdr_redshift.query_ids START 1000;

-- One row per file an UNLOAD wrote (Redshift's STL_UNLOAD_LOG), written outside the session's
-- transaction as Redshift's system logs are.
CREATE TABLE IF NOT EXISTS tdr_redshift.stl_unload_log (
  userid integer,
  query integer,
  slice integer,
  pid integer,
  path character(1280),
  start_time timestamp,
  end_time timestamp,
  line_count bigint,
  transfer_size bigint,
  file_format character(10));

-- One row per statement a session ran through the front (Redshift's STL_QUERY), its text with
-- secrets removed, written outside the session's transaction.
CREATE TABLE IF NOT EXISTS tdr_redshift.stl_query (
  userid integer,
  query integer,
  label character(320),
  xid bigint,
  pid integer,
  database character(32),
  querytxt character(4000),
  starttime timestamp,
  endtime timestamp,
  aborted integer,
  insert_pristine integer,
  concurrency_scaling_status integer);

CREATE VIEW tdr_redshift.svv_all_tables AS
SELECT table_catalog AS database_name,
       table_schema AS schema_name,
       table_name,
       (CASE table_type WHEN 'BASE TABLE' THEN 'TABLE' ELSE table_type END)::varchar(128) AS table_type,
       NULL::varchar(128) AS table_acl,
       remarks::varchar(256) AS remarks
  FROM tdr_redshift.svv_tables;

CREATE VIEW tdr_redshift.svv_all_schemas AS
SELECT current_database()::varchar(128) AS database_name,
       n.nspname::varchar(128) AS schema_name,
       n.nspowner::integer AS schema_owner,
       'local'::varchar(128) AS schema_type,
       n.nspacl::varchar(128) AS schema_acl,
       NULL::varchar(128) AS source_database,
       NULL::varchar(128) AS schema_option
  FROM pg_namespace n
 WHERE n.nspname NOT IN ('tdr_redshift', 'pg_toast')
   AND n.nspname NOT LIKE 'pg_toast_temp%'
   AND (n.nspname NOT LIKE 'pg_temp%' OR n.oid = pg_my_temp_schema());

CREATE VIEW tdr_redshift.svv_redshift_databases AS
SELECT d.datname::varchar(128) AS database_name,
       d.datdba::integer AS database_owner,
       'local'::varchar(128) AS database_type,
       d.datacl::varchar(128) AS database_acl,
       NULL::varchar(128) AS database_options
  FROM pg_database d
 WHERE d.datname = current_database();

-- No external (Spectrum) schemas, tables or columns: the views exist, empty, with Redshift's columns.
CREATE VIEW tdr_redshift.svv_external_schemas AS
SELECT NULL::oid AS esoid, NULL::smallint AS eskind, NULL::name AS schemaname,
       NULL::integer AS esowner, NULL::text AS databasename, NULL::text AS esoptions
 WHERE false;

CREATE VIEW tdr_redshift.svv_external_tables AS
SELECT NULL::text AS redshift_database_name, NULL::name AS schemaname, NULL::name AS tablename,
       NULL::text AS tabletype, NULL::text AS location, NULL::text AS input_format,
       NULL::text AS output_format, NULL::text AS serialization_lib, NULL::text AS serde_parameters,
       NULL::integer AS compressed, NULL::text AS parameters, NULL::text AS tableowner
 WHERE false;

CREATE VIEW tdr_redshift.svv_external_columns AS
SELECT NULL::text AS redshift_database_name, NULL::name AS schemaname, NULL::name AS tablename,
       NULL::name AS columnname, NULL::text AS external_type, NULL::integer AS columnnum,
       NULL::integer AS part_key, NULL::text AS is_nullable
 WHERE false;

-- Redshift's PG_PROC_INFO: pg_proc with its oid as prooid (prokind, proargmodes and
-- proallargtypes are pg_proc's own columns in PostgreSQL) and probin as bytea, as Redshift has it
-- (redshift-jdbc42's getProcedureColumns reads it with byteaout). Built from pg_proc's columns
-- in this PostgreSQL version.
DO $$
BEGIN
  EXECUTE 'CREATE VIEW tdr_redshift.pg_proc_info AS SELECT p.oid AS prooid, '
    || (SELECT string_agg(CASE attname WHEN 'probin' THEN 'convert_to(p.probin, ''UTF8'') AS probin'
                                       ELSE 'p.' || quote_ident(attname) END, ', ' ORDER BY attnum)
          FROM pg_attribute
         WHERE attrelid = 'pg_catalog.pg_proc'::regclass AND attnum > 0 AND NOT attisdropped)
    || ' FROM pg_catalog.pg_proc p';
END
$$;

-- Only the tables of the schemas on the search path, as on Redshift.
-- The Redshift attributes of tables (DISTSTYLE, DISTKEY, SORTKEY, ENCODE), which PostgreSQL has
-- no place for: the front drops them from CREATE TABLE and appends them as a comment
-- (/*tdr_redshift:{json}*/) that this event trigger reads from the statement's text.
CREATE TABLE IF NOT EXISTS tdr_redshift.table_attributes (
  relid oid PRIMARY KEY,
  attributes jsonb NOT NULL);

CREATE OR REPLACE FUNCTION tdr_redshift.record_table_attributes() RETURNS event_trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
  AS $$
DECLARE
  r record;
  piece text;
  a jsonb;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'table' LOOP
    FOR piece IN SELECT p FROM unnest(string_to_array(current_query(), '/*tdr_redshift:')) WITH ORDINALITY AS u(p, i)
                  WHERE i > 1 AND position('*/' IN p) > 0 LOOP
      a := substring(piece FOR position('*/' IN piece) - 1)::jsonb;
      IF a->>'table' = (SELECT relname FROM pg_class WHERE oid = r.objid) THEN
        INSERT INTO tdr_redshift.table_attributes VALUES (r.objid, a)
          ON CONFLICT (relid) DO UPDATE SET attributes = EXCLUDED.attributes;
      END IF;
    END LOOP;
  END LOOP;
EXCEPTION WHEN others THEN
  RAISE DEBUG 'tdr_redshift: table attributes not recorded: %', SQLERRM; -- never fails the DDL
END $$;

DROP EVENT TRIGGER IF EXISTS tdr_redshift_table_attributes;
CREATE EVENT TRIGGER tdr_redshift_table_attributes ON ddl_command_end
  WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS')
  EXECUTE FUNCTION tdr_redshift.record_table_attributes();

CREATE VIEW tdr_redshift.pg_table_def AS
SELECT n.nspname AS schemaname,
       c.relname AS tablename,
       a.attname AS "column",
       format_type(a.atttypid, a.atttypmod)::text AS type,
       coalesce(ta.attributes->'encode'->>a.attname::text, 'none')::character(32) AS encoding,
       coalesce(ta.attributes->>'distkey' = a.attname::text, false) AS distkey,
       (SELECT coalesce(max(CASE WHEN ta.attributes->>'sortstyle' = 'INTERLEAVED' AND k.n % 2 = 0 THEN -k.n::integer
                                 ELSE k.n::integer END), 0)
          FROM jsonb_array_elements_text(coalesce(ta.attributes->'sortkey', '[]'::jsonb)) WITH ORDINALITY AS k(col, n)
         WHERE k.col = a.attname::text) AS sortkey,
       a.attnotnull AS notnull
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN tdr_redshift.table_attributes ta ON ta.relid = c.oid
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname = ANY (current_schemas(false))
   AND n.nspname <> 'tdr_redshift';

-- Redshift's SVV_TABLE_INFO: one row per non-empty table; size in 1 MB blocks, rows counted.
CREATE VIEW tdr_redshift.svv_table_info AS
SELECT * FROM (
SELECT current_database()::text AS database,
       n.nspname::text AS schema,
       c.oid AS table_id,
       c.relname::text AS "table",
       (CASE WHEN ta.attributes ? 'encode' THEN 'Y' ELSE 'N' END)::text AS encoded,
       (CASE WHEN upper(ta.attributes->>'diststyle') = 'KEY' OR (ta.attributes->>'diststyle' IS NULL AND ta.attributes ? 'distkey')
               THEN 'KEY(' || (ta.attributes->>'distkey') || ')'
             WHEN upper(ta.attributes->>'diststyle') IN ('EVEN', 'ALL') THEN upper(ta.attributes->>'diststyle')
             ELSE 'AUTO(EVEN)' END)::text AS diststyle,
       (CASE WHEN ta.attributes->>'sortstyle' = 'INTERLEAVED' THEN 'INTERLEAVED'
             ELSE ta.attributes->'sortkey'->>0 END)::text AS sortkey1,
       (SELECT max(CASE WHEN a.atttypmod > 4 AND a.atttypid IN ('varchar'::regtype, 'bpchar'::regtype)
                        THEN a.atttypmod - 4 END)
          FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::integer AS max_varchar,
       (coalesce(ta.attributes->'encode'->>(ta.attributes->'sortkey'->>0), CASE WHEN ta.attributes ? 'sortkey' THEN 'none' END))::character(32) AS sortkey1_enc,
       coalesce(jsonb_array_length(ta.attributes->'sortkey'), 0) AS sortkey_num,
       ceil(pg_total_relation_size(c.oid) / 1048576.0)::bigint AS size,
       0::numeric(10,4) AS pct_used,
       0::bigint AS empty,
       NULL::numeric(5,2) AS unsorted,
       0::numeric(5,2) AS stats_off,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
          false, true, '')))[1]::text::numeric(38,0) AS tbl_rows,
       NULL::numeric(19,2) AS skew_sortkey1,
       1.00::numeric(19,2) AS skew_rows,
       NULL::numeric(38,0) AS estimated_visible_rows,
       NULL::text AS risk_event,
       NULL::numeric(12,2) AS vacuum_sort_benefit,
       NULL::timestamp AS create_time
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN tdr_redshift.table_attributes ta ON ta.relid = c.oid
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'tdr_redshift', 'pg_toast')
   AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%') t
 WHERE tbl_rows > 0;

-- ------------------------------------------------------------------ Redshift's functions that
-- PostgreSQL lacks or defines differently (issue "The emulator speaks Redshift's SQL"). The
-- front (RedshiftDialect) quotes date parts written as keywords and calls date_part and avg
-- here by their qualified names, since pg_catalog's versions come first on any search path.

-- A Redshift date part name or abbreviation as PostgreSQL's field name.
CREATE OR REPLACE FUNCTION tdr_redshift.datepart_name(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE lower(btrim($1))
    WHEN 'millennium' THEN 'millennium' WHEN 'millennia' THEN 'millennium' WHEN 'mil' THEN 'millennium' WHEN 'mils' THEN 'millennium'
    WHEN 'century' THEN 'century' WHEN 'centuries' THEN 'century' WHEN 'c' THEN 'century' WHEN 'cent' THEN 'century' WHEN 'cents' THEN 'century'
    WHEN 'decade' THEN 'decade' WHEN 'decades' THEN 'decade' WHEN 'dec' THEN 'decade' WHEN 'decs' THEN 'decade'
    WHEN 'epoch' THEN 'epoch'
    WHEN 'year' THEN 'year' WHEN 'years' THEN 'year' WHEN 'y' THEN 'year' WHEN 'yr' THEN 'year' WHEN 'yrs' THEN 'year' WHEN 'yy' THEN 'year' WHEN 'yyy' THEN 'year' WHEN 'yyyy' THEN 'year'
    WHEN 'quarter' THEN 'quarter' WHEN 'quarters' THEN 'quarter' WHEN 'qtr' THEN 'quarter' WHEN 'qtrs' THEN 'quarter' WHEN 'q' THEN 'quarter'
    WHEN 'month' THEN 'month' WHEN 'months' THEN 'month' WHEN 'mon' THEN 'month' WHEN 'mons' THEN 'month' WHEN 'mm' THEN 'month'
    WHEN 'week' THEN 'week' WHEN 'weeks' THEN 'week' WHEN 'w' THEN 'week'
    WHEN 'dayofweek' THEN 'dow' WHEN 'dow' THEN 'dow' WHEN 'dw' THEN 'dow' WHEN 'weekday' THEN 'dow'
    WHEN 'dayofyear' THEN 'doy' WHEN 'doy' THEN 'doy' WHEN 'dy' THEN 'doy' WHEN 'yearday' THEN 'doy'
    WHEN 'day' THEN 'day' WHEN 'days' THEN 'day' WHEN 'd' THEN 'day' WHEN 'dd' THEN 'day'
    WHEN 'hour' THEN 'hour' WHEN 'hours' THEN 'hour' WHEN 'h' THEN 'hour' WHEN 'hr' THEN 'hour' WHEN 'hrs' THEN 'hour'
    WHEN 'minute' THEN 'minute' WHEN 'minutes' THEN 'minute' WHEN 'm' THEN 'minute' WHEN 'min' THEN 'minute' WHEN 'mins' THEN 'minute'
    WHEN 'second' THEN 'second' WHEN 'seconds' THEN 'second' WHEN 's' THEN 'second' WHEN 'sec' THEN 'second' WHEN 'secs' THEN 'second'
    WHEN 'millisecond' THEN 'milliseconds' WHEN 'milliseconds' THEN 'milliseconds' WHEN 'ms' THEN 'milliseconds' WHEN 'msec' THEN 'milliseconds'
    WHEN 'msecs' THEN 'milliseconds' WHEN 'msecond' THEN 'milliseconds' WHEN 'mseconds' THEN 'milliseconds' WHEN 'millisec' THEN 'milliseconds'
    WHEN 'millisecs' THEN 'milliseconds' WHEN 'millisecon' THEN 'milliseconds'
    WHEN 'microsecond' THEN 'microseconds' WHEN 'microseconds' THEN 'microseconds' WHEN 'microsec' THEN 'microseconds' WHEN 'microsecs' THEN 'microseconds'
    WHEN 'microsecon' THEN 'microseconds' WHEN 'usecond' THEN 'microseconds' WHEN 'useconds' THEN 'microseconds' WHEN 'us' THEN 'microseconds'
    WHEN 'usec' THEN 'microseconds' WHEN 'usecs' THEN 'microseconds'
    WHEN 'timezone' THEN 'timezone' WHEN 'timezone_hour' THEN 'timezone_hour' WHEN 'timezone_minute' THEN 'timezone_minute'
  END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.unknown_datepart(text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE
  AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s is not a valid datepart', $1); END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.part(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT coalesce(tdr_redshift.datepart_name($1), tdr_redshift.unknown_datepart($1)) $$;

-- GETDATE(): the current statement's start in the session's time zone, whole seconds.
CREATE OR REPLACE FUNCTION tdr_redshift.getdate() RETURNS timestamp
  LANGUAGE sql STABLE
  AS $$ SELECT date_trunc('second', statement_timestamp()::timestamp) $$;

-- SYSDATE (the front turns the keyword into this call): the transaction's start.
CREATE OR REPLACE FUNCTION tdr_redshift.sysdate() RETURNS timestamp
  LANGUAGE sql STABLE
  AS $$ SELECT localtimestamp $$;

-- DATEADD: month arithmetic as PostgreSQL's (a month end past the shorter month clamps); years
-- from February 29 roll over to March 1 as Redshift documents (dateadd(year, 1, '2016-02-29')).
CREATE OR REPLACE FUNCTION tdr_redshift.dateadd(text, bigint, timestamp) RETURNS timestamp
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE tdr_redshift.part($1)
    WHEN 'millennium' THEN date_trunc('month', $3) + make_interval(years => ($2 * 1000)::int) + ($3 - date_trunc('month', $3))
    WHEN 'century' THEN date_trunc('month', $3) + make_interval(years => ($2 * 100)::int) + ($3 - date_trunc('month', $3))
    WHEN 'decade' THEN date_trunc('month', $3) + make_interval(years => ($2 * 10)::int) + ($3 - date_trunc('month', $3))
    WHEN 'year' THEN date_trunc('month', $3) + make_interval(years => $2::int) + ($3 - date_trunc('month', $3))
    WHEN 'quarter' THEN $3 + make_interval(months => ($2 * 3)::int)
    WHEN 'month' THEN $3 + make_interval(months => $2::int)
    WHEN 'week' THEN $3 + make_interval(weeks => $2::int)
    WHEN 'day' THEN $3 + make_interval(days => $2::int)
    WHEN 'dow' THEN $3 + make_interval(days => $2::int)
    WHEN 'doy' THEN $3 + make_interval(days => $2::int)
    WHEN 'hour' THEN $3 + make_interval(hours => $2::int)
    WHEN 'minute' THEN $3 + make_interval(mins => $2::int)
    WHEN 'second' THEN $3 + make_interval(secs => $2)
    WHEN 'milliseconds' THEN $3 + $2 * interval '1 millisecond'
    WHEN 'microseconds' THEN $3 + $2 * interval '1 microsecond'
    ELSE tdr_redshift.unknown_datepart($1)::timestamp END $$;

-- A literal ('2008-01-01') is a timestamptz to PostgreSQL when several date/time overloads
-- exist; the timestamptz overloads read it in the session's time zone (UTC unless set).
CREATE OR REPLACE FUNCTION tdr_redshift.dateadd(text, bigint, timestamptz) RETURNS timestamp
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT tdr_redshift.dateadd($1, $2, $3::timestamp) $$;

-- The time parts of a TIME / TIMETZ (a TIMETZ in UTC, as Redshift shows it).
CREATE OR REPLACE FUNCTION tdr_redshift.time_interval(text, bigint) RETURNS interval
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE tdr_redshift.part($1)
    WHEN 'hour' THEN make_interval(hours => $2::int)
    WHEN 'minute' THEN make_interval(mins => $2::int)
    WHEN 'second' THEN make_interval(secs => $2)
    WHEN 'milliseconds' THEN $2 * interval '1 millisecond'
    WHEN 'microseconds' THEN $2 * interval '1 microsecond'
    ELSE tdr_redshift.unknown_datepart($1)::interval END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.dateadd(text, bigint, time) RETURNS time
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT $3 + tdr_redshift.time_interval($1, $2) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.dateadd(text, bigint, timetz) RETURNS timetz
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT ($3 AT TIME ZONE 'UTC') + tdr_redshift.time_interval($1, $2) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.datediff(text, time, time) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT (CASE tdr_redshift.part($1)
    WHEN 'hour' THEN floor(extract(epoch FROM $3) / 3600) - floor(extract(epoch FROM $2) / 3600)
    WHEN 'minute' THEN floor(extract(epoch FROM $3) / 60) - floor(extract(epoch FROM $2) / 60)
    WHEN 'second' THEN floor(extract(epoch FROM $3)) - floor(extract(epoch FROM $2))
    WHEN 'milliseconds' THEN floor(extract(epoch FROM $3) * 1000) - floor(extract(epoch FROM $2) * 1000)
    WHEN 'microseconds' THEN (extract(epoch FROM $3) - extract(epoch FROM $2)) * 1000000
    ELSE tdr_redshift.unknown_datepart($1)::numeric END)::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.datediff(text, timetz, timetz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT tdr_redshift.datediff($1, ($2 AT TIME ZONE 'UTC')::time, ($3 AT TIME ZONE 'UTC')::time) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.datediff(text, timestamptz, timestamptz) RETURNS bigint
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT tdr_redshift.datediff($1, $2::timestamp, $3::timestamp) $$;

-- DATEDIFF: the number of date part boundaries crossed between the two values.
CREATE OR REPLACE FUNCTION tdr_redshift.datediff(text, timestamp, timestamp) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT (CASE tdr_redshift.part($1)
    WHEN 'millennium' THEN floor((extract(year FROM $3) - 1) / 1000) - floor((extract(year FROM $2) - 1) / 1000)
    WHEN 'century' THEN floor((extract(year FROM $3) - 1) / 100) - floor((extract(year FROM $2) - 1) / 100)
    WHEN 'decade' THEN floor(extract(year FROM $3) / 10) - floor(extract(year FROM $2) / 10)
    WHEN 'year' THEN extract(year FROM $3) - extract(year FROM $2)
    WHEN 'quarter' THEN (extract(year FROM $3) * 4 + extract(quarter FROM $3)) - (extract(year FROM $2) * 4 + extract(quarter FROM $2))
    WHEN 'month' THEN (extract(year FROM $3) * 12 + extract(month FROM $3)) - (extract(year FROM $2) * 12 + extract(month FROM $2))
    WHEN 'week' THEN (date_trunc('week', $3)::date - date_trunc('week', $2)::date) / 7
    WHEN 'day' THEN $3::date - $2::date
    WHEN 'dow' THEN $3::date - $2::date
    WHEN 'doy' THEN $3::date - $2::date
    WHEN 'hour' THEN extract(epoch FROM date_trunc('hour', $3) - date_trunc('hour', $2)) / 3600
    WHEN 'minute' THEN extract(epoch FROM date_trunc('minute', $3) - date_trunc('minute', $2)) / 60
    WHEN 'second' THEN extract(epoch FROM date_trunc('second', $3) - date_trunc('second', $2))
    WHEN 'milliseconds' THEN extract(epoch FROM date_trunc('milliseconds', $3) - date_trunc('milliseconds', $2)) * 1000
    WHEN 'microseconds' THEN extract(epoch FROM $3 - $2) * 1000000
    ELSE tdr_redshift.unknown_datepart($1)::numeric END)::bigint $$;

-- PostgreSQL's value of a date part as Redshift reports it: milliseconds and microseconds
-- within the second (PostgreSQL counts the seconds too), decades counted from 1 (1999 is in 200).
CREATE OR REPLACE FUNCTION tdr_redshift.part_value(text, double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE $1
    WHEN 'milliseconds' THEN $2 - 1000 * floor($2 / 1000)
    WHEN 'microseconds' THEN $2 - 1000000 * floor($2 / 1000000)
    WHEN 'decade' THEN $2 + 1
    ELSE $2 END $$;

-- DATE_PART / PGDATE_PART with Redshift's part names (the front calls this one).
CREATE OR REPLACE FUNCTION tdr_redshift.date_part(text, timestamp) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT tdr_redshift.part_value(tdr_redshift.part($1), pg_catalog.date_part(tdr_redshift.part($1), $2)) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.date_part(text, timestamptz) RETURNS double precision
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT tdr_redshift.part_value(tdr_redshift.part($1), pg_catalog.date_part(tdr_redshift.part($1), $2)) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.date_part(text, interval) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT pg_catalog.date_part(tdr_redshift.part($1), $2) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.date_part(text, time) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT tdr_redshift.part_value(tdr_redshift.part($1), pg_catalog.date_part(tdr_redshift.part($1), $2)) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.date_part(text, timetz) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT tdr_redshift.part_value(tdr_redshift.part($1), pg_catalog.date_part(tdr_redshift.part($1), $2)) $$;

-- EXTRACT (the front turns EXTRACT(part FROM v) into this call): Redshift's part names and an
-- integer (the whole seconds, milliseconds...), where PostgreSQL returns a numeric with fractions.
CREATE OR REPLACE FUNCTION tdr_redshift.extract(text, timestamp) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT floor(tdr_redshift.date_part($1, $2))::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.extract(text, timestamptz) RETURNS bigint
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT floor(tdr_redshift.date_part($1, $2))::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.extract(text, date) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT floor(tdr_redshift.date_part($1, $2::timestamp))::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.extract(text, time) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT floor(tdr_redshift.date_part($1, $2))::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.extract(text, timetz) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT floor(tdr_redshift.date_part($1, $2))::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.extract(text, interval) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT floor(tdr_redshift.date_part($1, $2))::bigint $$;

CREATE OR REPLACE FUNCTION tdr_redshift.date_part_year(date) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT extract(year FROM $1)::integer $$;

CREATE OR REPLACE FUNCTION tdr_redshift.trunc(timestamp) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT $1::date $$;

CREATE OR REPLACE FUNCTION tdr_redshift.last_day(timestamp) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT (date_trunc('month', $1) + interval '1 month' - interval '1 day')::date $$;

CREATE OR REPLACE FUNCTION tdr_redshift.next_day(timestamp, text) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT ($1::date + 1 + ((d.n - extract(dow FROM $1::date + 1)::int + 7) % 7))
          FROM (SELECT CASE WHEN lower($2) LIKE 'su%' THEN 0 WHEN lower($2) LIKE 'mo%' THEN 1
                            WHEN lower($2) LIKE 'tu%' THEN 2 WHEN lower($2) LIKE 'we%' THEN 3
                            WHEN lower($2) LIKE 'th%' THEN 4 WHEN lower($2) LIKE 'fr%' THEN 5
                            WHEN lower($2) LIKE 'sa%' THEN 6 END AS n) d $$;

-- ADD_MONTHS keeps month ends: the last day of a month gives the last day of the result month.
CREATE OR REPLACE FUNCTION tdr_redshift.add_months(timestamp, bigint) RETURNS timestamp
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $1::date = tdr_redshift.last_day($1)
                    THEN tdr_redshift.last_day($1 + make_interval(months => $2::int)) + ($1 - date_trunc('day', $1))
                    ELSE $1 + make_interval(months => $2::int) END $$;

-- MONTHS_BETWEEN: whole months when both days are the same or both are month ends, else the
-- day difference over a 31-day month; times are ignored.
CREATE OR REPLACE FUNCTION tdr_redshift.months_between(date, date) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT ((extract(year FROM $1) * 12 + extract(month FROM $1)) - (extract(year FROM $2) * 12 + extract(month FROM $2)))::double precision
             + CASE WHEN extract(day FROM $1) = extract(day FROM $2)
                      OR ($1 = tdr_redshift.last_day($1) AND $2 = tdr_redshift.last_day($2)) THEN 0
                    ELSE (extract(day FROM $1) - extract(day FROM $2))::double precision / 31 END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.convert_timezone(text, timestamp) RETURNS timestamp
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT ($2 AT TIME ZONE 'UTC') AT TIME ZONE $1 $$;

CREATE OR REPLACE FUNCTION tdr_redshift.convert_timezone(text, text, timestamp) RETURNS timestamp
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT ($3 AT TIME ZONE $1) AT TIME ZONE $2 $$;

CREATE OR REPLACE FUNCTION tdr_redshift.date_cmp(date, date) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.timestamp_cmp(timestamp, timestamp) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END $$;

-- NVL is COALESCE; NVL2(e, a, b) is a when e is not null, else b.
CREATE OR REPLACE FUNCTION tdr_redshift.nvl(VARIADIC anycompatiblearray) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT v FROM unnest($1) WITH ORDINALITY AS u(v, n) WHERE v IS NOT NULL ORDER BY n LIMIT 1 $$;

CREATE OR REPLACE FUNCTION tdr_redshift.nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.nvl2(text, anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END $$;

-- LEN: CHAR's trailing blanks do not count (PostgreSQL's length of bpchar), VARCHAR's do.
CREATE OR REPLACE FUNCTION tdr_redshift.len(text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT length($1) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.len(character) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT length($1) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.replicate(text, integer) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT repeat($1, $2) $$;

-- STRTOL: a number written in base 2 to 36.
CREATE OR REPLACE FUNCTION tdr_redshift.strtol(text, integer) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE STRICT
  AS $$
DECLARE
  s text := lower(btrim($1));
  neg boolean := false;
  r numeric := 0;
  d integer;
  c text;
BEGIN
  IF $2 < 2 OR $2 > 36 THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('strtol: base %s is not between 2 and 36', $2);
  END IF;
  IF left(s, 1) IN ('-', '+') THEN
    neg := left(s, 1) = '-';
    s := substr(s, 2);
  END IF;
  IF $2 = 16 AND left(s, 2) = '0x' THEN
    s := substr(s, 3);
  END IF;
  IF s = '' THEN
    RAISE EXCEPTION USING ERRCODE = '22P02', MESSAGE = format('strtol: %L is not a number in base %s', $1, $2);
  END IF;
  FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
    d := strpos('0123456789abcdefghijklmnopqrstuvwxyz', c) - 1;
    IF d < 0 OR d >= $2 THEN
      RAISE EXCEPTION USING ERRCODE = '22P02', MESSAGE = format('strtol: %L is not a number in base %s', $1, $2);
    END IF;
    r := r * $2 + d;
  END LOOP;
  RETURN (CASE WHEN neg THEN -r ELSE r END)::bigint;
END $$;

-- IS_VALID_JSON: a JSON object (an array is not, as the reference's examples show).
CREATE OR REPLACE FUNCTION tdr_redshift.is_valid_json(text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT $1 IS JSON OBJECT $$;

CREATE OR REPLACE FUNCTION tdr_redshift.is_valid_json_array(text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT $1 IS JSON ARRAY $$;

CREATE OR REPLACE FUNCTION tdr_redshift.json_array_length(text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT json_array_length($1::json) $$;

CREATE OR REPLACE FUNCTION tdr_redshift.json_array_length(text, boolean) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE STRICT
  AS $$ BEGIN
    RETURN json_array_length($1::json);
  EXCEPTION WHEN invalid_text_representation OR invalid_parameter_value THEN
    IF $2 THEN RETURN NULL; END IF;
    RAISE;
  END $$;

-- JSON_EXTRACT_PATH_TEXT(json, path..., null_if_invalid)
CREATE OR REPLACE FUNCTION tdr_redshift.json_path_text(text, text[], boolean) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT
  AS $$ BEGIN
    RETURN coalesce($1::json #>> $2, '');
  EXCEPTION WHEN invalid_text_representation THEN
    IF $3 THEN RETURN NULL; END IF;
    RAISE;
  END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_path_text(text, text, boolean) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT tdr_redshift.json_path_text($1, ARRAY[$2], $3) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_path_text(text, text, text, boolean) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT tdr_redshift.json_path_text($1, ARRAY[$2, $3], $4) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_path_text(text, text, text, text, boolean) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT tdr_redshift.json_path_text($1, ARRAY[$2, $3, $4], $5) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_path_text(text, text, text, text, text, boolean) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT tdr_redshift.json_path_text($1, ARRAY[$2, $3, $4, $5], $6) $$;

-- REPEAT / REPLICATE of any value (Redshift converts a number to text); OCTET_LENGTH of a CHAR
-- without its trailing blanks. The front calls these by qualified name.
CREATE OR REPLACE FUNCTION tdr_redshift.repeat(text, integer) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.repeat($1, $2) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.repeat(anynonarray, integer) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.repeat($1::text, $2) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.replicate(anynonarray, integer) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.repeat($1::text, $2) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.octet_length(text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.octet_length($1) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.octet_length(character) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.octet_length(rtrim($1)) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.octet_length(bytea) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.octet_length($1) $$;

-- REGEXP_SUBSTR / REGEXP_REPLACE with Redshift's parameters: c, i (case), e (the first
-- subexpression), p (Perl-style: lookahead is PostgreSQL's too).
CREATE OR REPLACE FUNCTION tdr_redshift.regexp_substr(text, text, integer, integer, text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT pg_catalog.regexp_substr($1, $2, $3, $4, translate($5, 'ep', ''),
    CASE WHEN position('e' IN $5) > 0 THEN 1 ELSE 0 END) $$;
CREATE OR REPLACE FUNCTION tdr_redshift.regexp_replace(text, text, text, integer, text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT pg_catalog.regexp_replace($1, $2, $3, $4, 0, translate($5, 'p', '')) $$;

-- An element out of the array's bounds is an empty string, as on Redshift.
CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_array_element_text(text, integer) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $2 < 0 OR $2 >= json_array_length($1::json) THEN '' ELSE $1::json ->> $2 END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_array_element_text(text, integer, boolean) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT
  AS $$ BEGIN
    RETURN tdr_redshift.json_extract_array_element_text($1, $2);
  EXCEPTION WHEN invalid_text_representation OR invalid_parameter_value THEN
    IF $3 THEN RETURN NULL; END IF;
    RAISE;
  END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.json_extract_path_text(text, VARIADIC text[]) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT coalesce($1::json #>> $2, '') $$;

-- AVG: of integers, a BIGINT truncated toward zero (avg of 1 and 2 is 1), as on Redshift; of
-- other types as PostgreSQL's (the front calls tdr_redshift.avg for every AVG).
CREATE OR REPLACE FUNCTION tdr_redshift.avg_int_final(bigint[]) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $1[1] = 0 THEN NULL ELSE trunc($1[2]::numeric / $1[1])::bigint END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.avg_int8_accum(numeric[], bigint) RETURNS numeric[]
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT ARRAY[$1[1] + 1, $1[2] + $2] $$;

CREATE OR REPLACE FUNCTION tdr_redshift.avg_int8_final(numeric[]) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $1[1] = 0 THEN NULL ELSE trunc($1[2] / $1[1])::bigint END $$;

CREATE OR REPLACE FUNCTION tdr_redshift.avg_interval_accum(interval[], interval) RETURNS interval[]
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT ARRAY[$1[1] + $2, $1[2] + interval '1 second'] $$;

CREATE OR REPLACE FUNCTION tdr_redshift.avg_interval_final(interval[]) RETURNS interval
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT CASE WHEN $1[2] = interval '0' THEN NULL ELSE $1[1] / extract(epoch FROM $1[2]) END $$;

CREATE OR REPLACE AGGREGATE tdr_redshift.avg(smallint) (
  SFUNC = int2_avg_accum, STYPE = bigint[], INITCOND = '{0,0}', FINALFUNC = tdr_redshift.avg_int_final);
CREATE OR REPLACE AGGREGATE tdr_redshift.avg(integer) (
  SFUNC = int4_avg_accum, STYPE = bigint[], INITCOND = '{0,0}', FINALFUNC = tdr_redshift.avg_int_final);
CREATE OR REPLACE AGGREGATE tdr_redshift.avg(bigint) (
  SFUNC = tdr_redshift.avg_int8_accum, STYPE = numeric[], INITCOND = '{0,0}', FINALFUNC = tdr_redshift.avg_int8_final);
CREATE OR REPLACE AGGREGATE tdr_redshift.avg(numeric) (
  SFUNC = numeric_avg_accum, STYPE = internal, FINALFUNC = numeric_avg);
CREATE OR REPLACE AGGREGATE tdr_redshift.avg(real) (
  SFUNC = float4_accum, STYPE = double precision[], INITCOND = '{0,0,0}', FINALFUNC = float8_avg);
CREATE OR REPLACE AGGREGATE tdr_redshift.avg(double precision) (
  SFUNC = float8_accum, STYPE = double precision[], INITCOND = '{0,0,0}', FINALFUNC = float8_avg);
CREATE OR REPLACE AGGREGATE tdr_redshift.avg(interval) (
  SFUNC = tdr_redshift.avg_interval_accum, STYPE = interval[], INITCOND = '{0,0}',
  FINALFUNC = tdr_redshift.avg_interval_final);
