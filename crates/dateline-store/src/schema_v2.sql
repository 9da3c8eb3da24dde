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
-- 3. Sentences keep their text only where it is evidence — a sentence with an event mention,
--    a count or a quote, what `query`, `show` and the exports print —, NULL elsewhere: every
--    sentence's byte offsets still locate it in articles.body. The copies were a third of a
--    store (a long page has a hundred sentences and one or two events). The table is rebuilt
--    WITHOUT ROWID, its key (document, index) being its order, which drops its separate
--    primary-key index.
--
-- SQLite's ADD COLUMN changes the table's definition only (no row is rewritten); the
-- sentences table is copied once.

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

CREATE TABLE sentences_v2 (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,            -- 0-based sentence index
    start       INTEGER NOT NULL,            -- byte offsets into articles.body
    end         INTEGER NOT NULL,
    text        TEXT,                        -- the sentence when it is evidence, else NULL
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;
INSERT INTO sentences_v2 (document_id, idx, start, end, text)
SELECT s.document_id, s.idx, s.start, s.end,
       CASE WHEN EXISTS (SELECT 1 FROM event_mentions m
                         WHERE m.document_id = s.document_id AND m.sentence_idx = s.idx)
              OR EXISTS (SELECT 1 FROM counts c
                         WHERE c.document_id = s.document_id AND c.sentence_idx = s.idx)
              OR EXISTS (SELECT 1 FROM quotes q
                         WHERE q.document_id = s.document_id AND q.sentence_idx = s.idx)
            THEN s.text END
FROM sentences s;
DROP TABLE sentences;
ALTER TABLE sentences_v2 RENAME TO sentences;
