-- dateline store, migration 3 (schema version 3), run on top of versions 1 and 2, in place,
-- the first time an older store is opened for writing.
--
-- Sentences keep their text only where it is evidence — a sentence with an event mention, a
-- count or a quote, what `query`, `show` and the exports print —, NULL elsewhere: every
-- sentence's byte offsets still locate it in articles.body. The copies were a third of a
-- store (a long page has a hundred sentences and one or two events). The table is rebuilt
-- WITHOUT ROWID, its key (document, index) being its order, which drops its separate
-- primary-key index. Nothing references `sentences` (no foreign key, trigger, view or
-- full-text table), so it can be dropped and renamed. The evidence sentences are looked up
-- in one set (not a correlated test per sentence: `counts` and `quotes` have no index on
-- their sentence). A migrated store keeps its file size until `VACUUM` gives the freed pages
-- back; new stores are small from the start.

CREATE TABLE sentences_new (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,            -- 0-based sentence index
    start       INTEGER NOT NULL,            -- byte offsets into articles.body
    end         INTEGER NOT NULL,
    text        TEXT,                        -- the sentence when it is evidence, else NULL
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;
INSERT INTO sentences_new (document_id, idx, start, end, text)
SELECT s.document_id, s.idx, s.start, s.end,
       CASE WHEN (s.document_id, s.idx) IN (SELECT document_id, sentence_idx FROM event_mentions
                                            UNION SELECT document_id, sentence_idx FROM counts
                                            UNION SELECT document_id, sentence_idx FROM quotes)
            THEN s.text END
FROM sentences s;
DROP TABLE sentences;
ALTER TABLE sentences_new RENAME TO sentences;
