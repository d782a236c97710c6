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
