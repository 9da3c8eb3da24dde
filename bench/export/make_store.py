"""Synthetic store for the export benchmark, written by plain SQL on the store's migrations.

usage: make_store.py DB EVENTS MIGRATION_SQL...   (schema_v1.sql schema_v2.sql …, in order)

EVENTS events, each with 3 mentions in 3 different articles (one article per event, 3
sentences each), real CAMEO/actor codes, one place. It exercises every join the exports make
(mentions, sentences, articles, documents, places) at a size no test fixture reaches.
"""
import sqlite3, sys, random, os
n = int(sys.argv[2]); path = sys.argv[1]
if os.path.exists(path): os.remove(path)
random.seed(1)
c = sqlite3.connect(path)
for migration in sys.argv[3:]:
    c.executescript(open(migration).read())
c.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(len(sys.argv[3:])),))
c.execute("INSERT INTO meta VALUES ('created_by', 'dateline bench/export')")
codes = [('042','04',1,1.9,'CONSULT'),('190','19',4,-10.0,'ASSAULT'),('0874','08',2,9.0,'RETREAT'),('112','11',3,-2.0,'ACCUSE'),('051','05',1,3.4,None)]
actors = ['NGAMIL','NGAREB','USAGOV','DEU','IGOUNO','FRAGOV','SYRREB','RUSMIL']
ndocs = n  # one article per event, each with 3 sentences; mentions spread over articles
body = 'Soldiers fought gunmen in Chibok on Monday, officials said. Troops withdrew later. The minister visited Berlin.'
c.commit()
for d in range(1, ndocs+1):
    c.execute("INSERT INTO documents (id,sha256,input_id,url,pipeline_version,ingested_at) VALUES (?,?,?,?,?,?)",
              (d, f'{d:064x}', f'doc-{d}', f'https://news{d%50}.example/{d}', 'bench', '2024-05-01T12:00:00Z'))
    c.execute("INSERT INTO articles (document_id,title,publisher,date,language,url,body) VALUES (?,?,?,?,?,?,?)",
              (d, f'Title {d}', f'Wire {d%50}', '2024-05-01', 'en', f'https://news{d%50}.example/{d}', body))
    c.execute("INSERT INTO sentences VALUES (?,0,0,59,?)", (d, body[:59]))
    c.execute("INSERT INTO sentences VALUES (?,1,60,80,?)", (d, body[60:80]))
    c.execute("INSERT INTO sentences VALUES (?,2,81,110,?)", (d, body[81:110]))
mid = 0
for e in range(1, n+1):
    code = codes[e % len(codes)]
    s, t = random.choice(actors), random.choice(actors + [None])
    c.execute("""INSERT INTO events (id,source_code,target_code,cameo,root_code,quad_class,goldstein,plover_event,date,
              location_name,location_country,lat,lon,geonameid,num_mentions,num_sources,num_articles,confidence,avg_tone,first_seen,source_url)
              VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,3,3,3,0.8,-2.5,'2024-05-01T12:00:00Z',?)""",
              (e, s, t, code[0], code[1], code[2], code[3], code[4], f'2024-04-{1+e%28:02d}', 'Chibok', 'NGA', 10.87, 12.85, 2335953,
               f'https://news{e%50}.example/{e}'))
    for k in range(3):
        mid += 1
        doc = 1 + (e + k * 7919) % ndocs
        c.execute("""INSERT INTO event_mentions (id,document_id,sentence_idx,event_id,source_code,source_text,target_code,target_text,
                  cameo,root_code,quad_class,goldstein,plover_event,mood,date,trigger_text,trigger_start,trigger_end,trigger_words,rule,confidence,tone)
                  VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'asserted',?,?,9,15,'[{"text":"fought","start":9,"end":15}]','{"pattern":"FIGHT"}',0.8,-2.5)""",
                  (mid, doc, k, e, s, 'Soldiers', t, 'gunmen' if t else None, code[0], code[1], code[2], code[3], code[4], f'2024-04-{1+e%28:02d}', 'fought'))
c.execute("INSERT INTO places (document_id,sentence_idx,name,resolved_name,geonameid,kind,country,admin1,lat,lon,start,end,confidence) VALUES (1,0,'Chibok','Chibok',2335953,'city','NGA','Borno',10.87,12.85,26,32,0.9)")
c.commit()
c.execute("PRAGMA journal_mode=WAL")
c.close()
print(path, os.path.getsize(path)//1_000_000, 'MB')
