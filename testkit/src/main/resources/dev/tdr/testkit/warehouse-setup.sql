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
CREATE VIEW tdr_redshift.pg_table_def AS
SELECT n.nspname AS schemaname,
       c.relname AS tablename,
       a.attname AS "column",
       format_type(a.atttypid, a.atttypmod)::text AS type,
       'none'::character(32) AS encoding,
       false AS distkey,
       0 AS sortkey,
       a.attnotnull AS notnull
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
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
       'N'::text AS encoded,
       'AUTO(EVEN)'::text AS diststyle,
       NULL::text AS sortkey1,
       (SELECT max(CASE WHEN a.atttypmod > 4 AND a.atttypid IN ('varchar'::regtype, 'bpchar'::regtype)
                        THEN a.atttypmod - 4 END)
          FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::integer AS max_varchar,
       NULL::character(32) AS sortkey1_enc,
       0 AS sortkey_num,
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
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'tdr_redshift', 'pg_toast')
   AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%') t
 WHERE tbl_rows > 0;
