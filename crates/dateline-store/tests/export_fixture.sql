-- A small store for the export tests (run after schema_v1.sql): three events, one of them
-- reported by three articles, with the awkward cases each format must survive — a month-
-- precision date, no date at all, no target, no place, no PLOVER category, a comma and a
-- quote in a CSV field, a tab in a TSV field.

INSERT INTO documents (id, sha256, input_id, path, url, pipeline_version, ingested_at) VALUES
 (1, 'aa01', 'chibok-1', 'a.html', 'https://example.org/a', 'test', '2014-04-15T08:01:02Z'),
 (2, 'aa02', 'chibok-2', 'b.html', 'https://example.net/b', 'test', '2014-04-15T09:00:00Z'),
 (3, 'aa03', 'chibok-3', 'c.html', 'https://example.com/c', 'test', '2014-04-16T10:00:00Z'),
 (4, 'aa04', 'visit-1', 'd.html', 'https://example.org/d,"e"', 'test', '2014-07-02T00:00:00Z');

INSERT INTO articles (document_id, title, publisher, date, language, url, body) VALUES
 (1, 'Gunmen attack Chibok', 'Wire A', '2014-04-15', 'en', 'https://example.org/a',
  'CHIBOK, Nigeria - Soldiers fought gunmen in Chibok on Monday.'),
 (2, 'Chibok attack', 'Wire B', '2014-04-15', 'en', 'https://example.net/b',
  'Nigerian troops clashed with attackers in Chibok. More follows.'),
 (3, 'After Chibok', 'Wire C', '2014-04-16', 'en', 'https://example.com/c',
  'Officials said. The army fought gunmen at Chibok on Monday.'),
 (4, 'Visit', 'Wire A', '2014-07-02', 'en', 'https://example.org/d,"e"',
  'The US secretary visited Berlin, officials said. Troops withdrew.');

INSERT INTO sentences (document_id, idx, start, end, text) VALUES
 (1, 0, 0, 61, 'CHIBOK, Nigeria - Soldiers fought gunmen in Chibok on Monday.'),
 (2, 0, 0, 48, 'Nigerian troops clashed with attackers in Chibok.'),
 (2, 1, 49, 62, 'More follows.'),
 (3, 0, 0, 15, 'Officials said.'),
 (3, 1, 16, 59, 'The army fought gunmen at Chibok on Monday.'),
 (4, 0, 0, 48, 'The US secretary visited Berlin, officials said.'),
 (4, 1, 49, 64, 'Troops withdrew.');

INSERT INTO places (id, document_id, sentence_idx, name, resolved_name, geonameid, kind, country,
                    admin1, lat, lon, start, end, confidence) VALUES
 (1, 1, 0, 'Chibok', 'Chibok', 2335953, 'city', 'NGA', 'Borno', 10.87, 12.85, 0, 6, 0.9),
 (2, 4, 0, 'Berlin', 'Berlin', 2950159, 'city', 'DEU', 'Berlin', 52.52, 13.41, 25, 31, 0.9);

INSERT INTO events (id, source_code, target_code, cameo, root_code, quad_class, goldstein,
                    plover_event, plover_mode, date, location_name, location_country, lat, lon,
                    geonameid, num_mentions, num_sources, num_articles, confidence, avg_tone,
                    first_seen, source_url) VALUES
 (1, 'NGAMIL', 'NGAREB', '190', '19', 4, -10.0, 'ASSAULT', NULL, '2014-04-14', 'Chibok', 'NGA',
  10.87, 12.85, 2335953, 3, 3, 3, 0.9, -6.5, '2014-04-15T08:01:02Z', 'https://example.org/a'),
 (2, 'USAGOV', 'DEU', '042', '04', 1, 1.9, 'CONSULT', 'visit', '2014-07', 'Berlin, Germany', 'DEU',
  52.52, 13.41, 2950159, 1, 1, 1, 0.5, 1.25, '2014-07-02T00:00:00Z', 'https://example.org/d,"e"'),
 (3, 'NGAMIL', NULL, '0874', '08', 2, 9.0, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, 1, 1, 1, 0.4, NULL, '2014-07-02T00:00:00Z', NULL);

INSERT INTO event_mentions (id, document_id, sentence_idx, event_id, source_code, source_text,
    source_start, source_end, target_code, target_text, target_start, target_end, cameo,
    root_code, quad_class, goldstein, plover_event, plover_mode, plover_context, mood, date,
    date_source, date_precision, location_name, location_country, lat, lon, geonameid,
    trigger_text, trigger_start, trigger_end, trigger_words, rule, confidence, tone, issues)
VALUES
 (1, 1, 0, 1, 'NGAMIL', 'Soldiers', 18, 26, 'NGAREB', 'gunmen', 34, 40, '190', '19', 4, -10.0,
  'ASSAULT', NULL, NULL, 'asserted', '2014-04-14', 'weekday', 'day', 'Chibok', 'NGA', 10.87,
  12.85, 2335953, 'fought', 27, 33, '[{"text":"fought","start":27,"end":33}]',
  '{"dictionary":"verbs","pattern":"FIGHT"}', 0.8, -6.0, NULL),
 (2, 2, 0, 1, 'NGAMIL', 'Nigerian troops', 0, 15, 'NGAREB', 'attackers', 29, 38, '190', '19',
  4, -10.0, 'ASSAULT', NULL, NULL, 'asserted', '2014-04-14', 'article', 'day', 'Chibok', 'NGA',
  10.87, 12.85, 2335953, 'clashed', 16, 23, '[{"text":"clashed","start":16,"end":23}]',
  '{"dictionary":"verbs","pattern":"CLASH"}', 0.7, -7.0, '["TERRORISM"]'),
 (3, 3, 1, 1, 'NGAMIL', 'The army', 16, 24, 'NGAREB', 'gunmen', 32, 38, '190', '19', 4, -10.0,
  'ASSAULT', NULL, NULL, 'asserted', '2014-04-14', 'weekday', 'day', 'Chibok', 'NGA', 10.87,
  12.85, 2335953, 'fought', 25, 31, '[{"text":"fought","start":25,"end":31}]',
  'not json', 0.8, -6.5, NULL),
 (4, 4, 0, 2, 'USAGOV', 'The US	secretary', 0, 16, 'DEU', 'Berlin', 25, 31, '042', '04', 1, 1.9,
  'CONSULT', 'visit', 'diplomatic', 'asserted', '2014-07', 'article', 'month', 'Berlin', 'DEU',
  52.52, 13.41, 2950159, 'visited', 17, 24, '[{"text":"visited","start":17,"end":24}]',
  '{"dictionary":"verbs","pattern":"VISIT"}', 0.6, 1.25, NULL),
 (5, 4, 1, 3, 'NGAMIL', 'Troops', 49, 55, NULL, NULL, NULL, NULL, '0874', '08', 2, 9.0,
  NULL, NULL, NULL, 'asserted', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  'withdrew', 56, 64, '[{"text":"withdrew","start":56,"end":64}]',
  '{"dictionary":"verbs","pattern":"WITHDRAW"}', 0.5, NULL, NULL);

-- Where the actors were (schema version 2): the soldiers and the gunmen at Chibok; the US
-- secretary unlocated, Germany named by Berlin; the withdrawing troops unlocated.
UPDATE event_mentions SET
  source_location_name = 'Chibok', source_location_country = 'NGA', source_lat = 10.87,
  source_lon = 12.85, source_geonameid = 2335953,
  target_location_name = 'Chibok', target_location_country = 'NGA', target_lat = 10.87,
  target_lon = 12.85, target_geonameid = 2335953
WHERE id IN (1, 2, 3);
UPDATE event_mentions SET
  target_location_name = 'Berlin', target_location_country = 'DEU', target_lat = 52.52,
  target_lon = 13.41, target_geonameid = 2950159
WHERE id = 4;
UPDATE events SET
  source_location_name = 'Chibok', source_location_country = 'NGA', source_lat = 10.87,
  source_lon = 12.85, source_geonameid = 2335953,
  target_location_name = 'Chibok', target_location_country = 'NGA', target_lat = 10.87,
  target_lon = 12.85, target_geonameid = 2335953
WHERE id = 1;
UPDATE events SET
  target_location_name = 'Berlin', target_location_country = 'DEU', target_lat = 52.52,
  target_lon = 13.41, target_geonameid = 2950159
WHERE id = 2;
