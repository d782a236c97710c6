-- The demo's dataset: a streaming service's title catalog and a month of viewing events.
-- Deterministic (no random()): the same rows on every machine. ${events} is the event count.

drop table if exists viewing_events;
drop table if exists titles;

create table titles (
  title_id int primary key,
  name varchar(200),
  kind varchar(10),
  genre varchar(30),
  release_year smallint,
  runtime_minutes int,
  rating numeric(3,1),
  added_at timestamp
);
comment on table titles is 'Every movie and series in the catalog';

insert into titles
select g,
       (array['The','A','Last','Lost','Silent','Broken','Golden','Midnight','Hidden','Wild'])[1 + g % 10] || ' ' ||
       (array['River','City','Heart','Road','Empire','Garden','Signal','Harbor','Winter','Kingdom'])[1 + (g / 10) % 10] ||
       case when g % 17 = 0 then ', Part ' || (g % 5 + 2)
            when g % 29 = 0 then ' ("Director''s Cut")'
            else '' end,
       case when g % 3 = 0 then 'series' else 'movie' end,
       (array['drama','comedy','action','documentary','kids','horror','romance','thriller','anime','reality'])[1 + (g * 7) % 10],
       (1950 + (g * 13) % 75)::smallint,
       case when g % 3 = 0 then 22 + (g % 4) * 11 else 80 + (g * 11) % 70 end,
       round((3 + ((g * 37) % 70) / 10.0)::numeric, 1),
       timestamp '2015-01-01' + ((g * 7919) % 3500) * interval '1 day'
  from generate_series(1, 20000) g;

create table viewing_events (
  event_id bigint,
  viewer_id int,
  title_id int,
  app varchar(20),
  country char(2),
  started_at timestamptz,
  seconds_watched int,
  completed boolean,
  bitrate_kbps int,
  note varchar(64)
);
comment on table viewing_events is 'One row per playback session, June 2024';
comment on column viewing_events.seconds_watched is 'Watch time of the session in seconds, pauses excluded';
comment on column viewing_events.app is 'Client app that played the session (roku, firetv, ios, web, ...)';
comment on column viewing_events.country is 'ISO 3166 country code of the viewer';

insert into viewing_events
select g,
       (1 + (g * 48271) % 200000)::int,
       (1 + (g * 16807) % 20000)::int,
       (array['roku','firetv','androidtv','samsung_tv','lg_tv','vizio','ios','android','web','xbox'])[(1 + (g * 31) % 10)::int],
       (array['US','US','US','CA','MX','AU','GB','US','CA','US'])[(1 + (g * 7) % 10)::int],
       timestamptz '2024-06-01 00:00:00+00' + ((g * 2654435761) % 2592000) * interval '1 second',
       ((g * 104729) % 7200)::int,
       (g * 13) % 4 = 0,
       case when g % 50 = 0 then null else (800 + (g * 97) % 7200)::int end,
       case when g % 1000 = 0 then 'buffering, retried "twice"' when g % 97 = 0 then '' else null end
  from generate_series(1::bigint, ${events}::bigint) g;

analyze titles;
analyze viewing_events;
