-- dateline store, schema version 1: the base of the contract between the store's writer and
-- its readers (dedup, query, show, export), who may rely on every table and column named
-- here. Migration 1 creates exactly this and is never edited: later versions add to it in
-- their own migrations (schema_v2.sql: the actors' places, dedup's candidate index).
--
-- Conventions: byte offsets are into articles.body; dates are ISO 8601 text at their
-- precision ('2014-07-21', '2014-07', '2014'); CAMEO codes are text ('042', '0874'); JSON
-- columns hold serde_json text. Every row keeps its provenance (document, sentence, offsets)
-- and documents keep the pipeline version that produced their rows.

PRAGMA foreign_keys = ON;

CREATE TABLE meta (                -- key/value: 'schema_version' = '1', 'created_by' = 'dateline x.y.z'
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    sha256           TEXT NOT NULL UNIQUE,   -- hash of the raw input bytes: the idempotence key
    input_id         TEXT NOT NULL,          -- the input's id (JSONL id, WARC record id, path)
    path             TEXT,
    url              TEXT,
    warc_record_id   TEXT,
    line             INTEGER,
    pipeline_version TEXT NOT NULL,          -- dateline version + model/dictionary fingerprint
    ingested_at      TEXT NOT NULL           -- UTC timestamp
);

CREATE TABLE articles (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    title       TEXT,
    publisher   TEXT,
    authors     TEXT,                        -- JSON array
    date        TEXT,                        -- publish date
    date_source TEXT,
    language    TEXT,
    url         TEXT,
    body        TEXT NOT NULL,
    tone        REAL, positive REAL, negative REAL, polarity REAL, word_count INTEGER
);
-- Full-text search over title and body (external content: kept in sync by the writer).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='document_id');

CREATE TABLE sentences (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,            -- 0-based sentence index
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE actors (                       -- every coded actor mention (CodedArticle.actors)
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    code         TEXT NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    person       INTEGER NOT NULL
);
CREATE INDEX actors_code ON actors(code);

-- One row per coded event in one sentence of one article (dateline_code::coder::Event).
CREATE TABLE event_mentions (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx   INTEGER NOT NULL,
    event_id       INTEGER REFERENCES events(id) ON DELETE SET NULL,  -- the deduplicated event
    source_code    TEXT, source_text TEXT, source_start INTEGER, source_end INTEGER,
    target_code    TEXT, target_text TEXT, target_start INTEGER, target_end INTEGER,
    cameo          TEXT NOT NULL,
    root_code      TEXT NOT NULL,
    quad_class     INTEGER,
    goldstein      REAL,
    plover_event   TEXT, plover_mode TEXT, plover_context TEXT,
    mood           TEXT NOT NULL,            -- asserted | intent
    date           TEXT, date_source TEXT, date_precision TEXT,
    location_name  TEXT, location_country TEXT, lat REAL, lon REAL, geonameid INTEGER,
    trigger_text   TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    trigger_words  TEXT NOT NULL,            -- JSON array of {text,start,end}
    rule           TEXT NOT NULL,            -- JSON of the RuleRef
    confidence     REAL NOT NULL,
    tone           REAL,
    issues         TEXT                      -- JSON array of issue codes
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX event_mentions_document ON event_mentions(document_id);

-- Deduplicated events: mentions of the same real event across articles (the dedup rule is
-- dateline-store's `dedup` module, documented and configurable). Rebuilt incrementally by
-- the writer after each batch; GDELT-style counts.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    source_code   TEXT, target_code TEXT,
    cameo         TEXT NOT NULL,             -- the most frequent (then most specific) code of its mentions
    root_code     TEXT NOT NULL,
    quad_class    INTEGER, goldstein REAL,
    plover_event  TEXT, plover_mode TEXT,
    date          TEXT,                      -- the earliest mention's date (day precision when any)
    location_name TEXT, location_country TEXT, lat REAL, lon REAL, geonameid INTEGER,
    num_mentions  INTEGER NOT NULL,          -- GDELT NumMentions: mentions in all articles
    num_sources   INTEGER NOT NULL,          -- GDELT NumSources: distinct publishers (or URL hosts)
    num_articles  INTEGER NOT NULL,          -- GDELT NumArticles: distinct articles
    confidence    REAL NOT NULL,             -- grows with independent sources
    avg_tone      REAL,
    first_seen    TEXT NOT NULL,             -- ingested_at of the first mention's document
    source_url    TEXT                       -- the first mention's article URL (GDELT SOURCEURL)
);
CREATE INDEX events_root ON events(root_code);
CREATE INDEX events_date ON events(date);

CREATE TABLE counts (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    kind         TEXT NOT NULL, value REAL NOT NULL, high REAL, qualifier TEXT NOT NULL,
    who          TEXT, country TEXT, subset INTEGER NOT NULL,
    phrase_text  TEXT NOT NULL, phrase_start INTEGER NOT NULL, phrase_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    event_mention_id INTEGER REFERENCES event_mentions(id) ON DELETE SET NULL,
    date         TEXT, location_name TEXT, location_country TEXT, lat REAL, lon REAL
);

CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    text         TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    speaker_name TEXT, speaker_code TEXT, speaker_kind TEXT,
    position     TEXT NOT NULL, partial INTEGER NOT NULL, utterance INTEGER NOT NULL, part INTEGER NOT NULL
);

CREATE TABLE places (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx  INTEGER NOT NULL,
    name          TEXT NOT NULL, resolved_name TEXT NOT NULL, geonameid INTEGER, kind TEXT NOT NULL,
    country       TEXT NOT NULL, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, confidence REAL NOT NULL
);

CREATE TABLE dates (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    resolved TEXT, precision TEXT NOT NULL, relation TEXT NOT NULL, kind TEXT NOT NULL
);
