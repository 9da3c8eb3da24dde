-- dateline store, migration 2 (schema version 2), run on top of schema_v1.sql: a new store
-- runs both, a version-1 store only this one, in place, the first time it is opened for
-- writing. Every table and column of version 1 keeps its meaning; readers may rely on what
-- is added here from version 2 on.
--
-- 1. Where each actor was (GDELT's Actor1Geo / Actor2Geo), as dateline_code's
--    Event.source_location / target_location give it: the same five columns as the action's
--    location (name, ISO-3 country, lat, lon, GeoNames id), once per side. NULL when the
--    actor was not located (a version-1 store's mentions, coded before actor geography, stay
--    NULL until their documents are coded again).
-- 2. The index of dedup's candidate search: events of one root code within a date range.
--    It replaces events_root, a prefix of it.
--
-- SQLite's ADD COLUMN changes the table's definition only (no row is rewritten), so the
-- migration takes about the time of building the index, whatever the store's size.

ALTER TABLE event_mentions ADD COLUMN source_location_name TEXT;
ALTER TABLE event_mentions ADD COLUMN source_location_country TEXT;
ALTER TABLE event_mentions ADD COLUMN source_lat REAL;
ALTER TABLE event_mentions ADD COLUMN source_lon REAL;
ALTER TABLE event_mentions ADD COLUMN source_geonameid INTEGER;
ALTER TABLE event_mentions ADD COLUMN target_location_name TEXT;
ALTER TABLE event_mentions ADD COLUMN target_location_country TEXT;
ALTER TABLE event_mentions ADD COLUMN target_lat REAL;
ALTER TABLE event_mentions ADD COLUMN target_lon REAL;
ALTER TABLE event_mentions ADD COLUMN target_geonameid INTEGER;

-- An event's actor places: the most frequent of its mentions', as for its own location.
ALTER TABLE events ADD COLUMN source_location_name TEXT;
ALTER TABLE events ADD COLUMN source_location_country TEXT;
ALTER TABLE events ADD COLUMN source_lat REAL;
ALTER TABLE events ADD COLUMN source_lon REAL;
ALTER TABLE events ADD COLUMN source_geonameid INTEGER;
ALTER TABLE events ADD COLUMN target_location_name TEXT;
ALTER TABLE events ADD COLUMN target_location_country TEXT;
ALTER TABLE events ADD COLUMN target_lat REAL;
ALTER TABLE events ADD COLUMN target_lon REAL;
ALTER TABLE events ADD COLUMN target_geonameid INTEGER;

DROP INDEX IF EXISTS events_root;
CREATE INDEX events_root_date ON events(root_code, date);

