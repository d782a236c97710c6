-- Sessions that started in [first_day, last_day], both inclusive, in UTC.
-- Call it like a function: {{ watched_between('2024-06-01', '2024-06-07') }}
{% macro watched_between(first_day, last_day) -%}
started_at >= {{ first_day | sql_literal }}::date AND started_at < {{ last_day | sql_literal }}::date + 1
{%- endmacro %}
