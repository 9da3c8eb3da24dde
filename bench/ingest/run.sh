#!/usr/bin/env bash
# Speed, memory and store size of `dateline ingest`, rerunnable from the repository root:
#
#   bash bench/ingest/run.sh            # REPEAT=1 by default
#
# Input: every HTML page under ../shared/data/extraction/ (`*.html.gz`: the ScrapingHub
# article-extraction benchmark, WCXB's article pages and Mozilla Readability's test pages;
# 1,358 real news and blog pages, gzip-compressed on disk, read as they are).
# Release build; for JOBS in 1 2: a fresh store, `dateline ingest <pages> --db <fresh> -j
# JOBS --format json` under GNU time -v. Measured:
#   articles/s          articles coded and written (summary `new`) / wall seconds of the
#                       whole command (start-up, models and dictionaries load included);
#   articles/CPU-s      the same over user + system time: what a core of its own gives, which
#                       a machine shared with other jobs does not give the wall clock;
#   peak RSS            GNU time's "Maximum resident set size";
#   store size          the database file after the run (the WAL is folded in when the
#                       command closes the store), per 1,000 articles stored;
#   words/CPU-s         words of the sentences analysed (the store's `sentences`) per CPU
#                       second: the pipeline's rate whatever the articles' length.
# Results: a table on stdout and bench/ingest/results/latest.tsv.
#
# Environment:
#   DATELINE_SHARED  the project's shared/ folder (default: ../shared beside the repo root)
#   REPEAT           runs per core count (default 1); every run is reported
#   JOBS_LIST        core counts to run (default "1 2")
#   BASELINE=0       skip the `dateline code` runs (same pipeline, no store) beside each ingest
#   LEAD_LIST        also ingest with `--lead N` for each N listed (e.g. "4 10"; default none):
#                    only the first N sentences of each article analysed and coded
#   NO_BUILD=1       use target/release/dateline as it is
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPEAT="${REPEAT:-1}"
JOBS_LIST="${JOBS_LIST:-1 2}"
log() { printf 'ingest-bench: %s\n' "$*" >&2; }
die() { printf 'ingest-bench: error: %s\n' "$*" >&2; exit 1; }
source "$ROOT/bench/common.sh"

SHARED="$(find_shared "$ROOT")"
PAGES_DIR="$SHARED/data/extraction"
[[ -d "$PAGES_DIR" ]] || die "shared data not found at $PAGES_DIR (set DATELINE_SHARED)"
[[ -x /usr/bin/time ]] || die "GNU time missing: apt-get install time"
command -v python3 > /dev/null || die "python3 missing"

cd "$ROOT"
build_release "$ROOT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Mozilla's `expected.html.gz` files are Readability's output for its `source.html.gz`, not
# pages: left out.
mapfile -t PAGES < <(find -L "$PAGES_DIR" -type f -name '*.html.gz' ! -name 'expected.html.gz' | LC_ALL=C sort)
(( ${#PAGES[@]} > 0 )) || die "no *.html.gz pages under $PAGES_DIR"
BYTES="$(cat "${PAGES[@]}" | wc -c)"
log "${#PAGES[@]} pages ($BYTES bytes gzip-compressed), $(nproc) cores, load $(loadavg)"

OUT="$HERE/results/latest.tsv"
printf 'command\tjobs\trun\tpages\tarticles\tfailed\tevent_mentions\twall_s\tcpu_s\tstore_s\tarticles_per_s\tarticles_per_cpu_s\twords_per_cpu_s\tpeak_rss_mb\tdb_bytes\tdb_mb_per_1000\tload_before\n' > "$OUT"

# One measured run: $1 = ingest|code, $2 = jobs, $3 = run number, $4 = lead (or empty).
measure() {
    local what="$1" jobs="$2" run="$3" lead="${4:-}" db="$TMP/bench-$2-$3.db" load
    local extra=()
    rm -f "$db" "$db-wal" "$db-shm"
    load="$(loadavg)"
    if [[ -n "$lead" ]]; then
        extra=(--lead "$lead")
        what="$what --lead $lead"
    fi
    log "$what -j $jobs, run $run (load $load)"
    if [[ "$what" == ingest* ]]; then
        /usr/bin/time -v -o "$TMP/time.txt" \
            "$DATELINE" ingest "${PAGES[@]}" --db "$db" -j "$jobs" --format json "${extra[@]}" \
            > "$TMP/out.json" 2> "$TMP/stderr.txt" \
            || die "ingest failed: $(tail -5 "$TMP/stderr.txt")"
    else
        /usr/bin/time -v -o "$TMP/time.txt" \
            "$DATELINE" code "${PAGES[@]}" -j "$jobs" --format jsonl \
            > /dev/null 2> "$TMP/stderr.txt" \
            || die "code failed: $(tail -5 "$TMP/stderr.txt")"
    fi
    python3 - "$what" "$TMP/out.json" "$TMP/stderr.txt" "$TMP/time.txt" "$db" "$jobs" "$run" "${#PAGES[@]}" "$load" >> "$OUT" <<'PY'
import json, os, re, sys
what, out_path, err_path, time_path, db, jobs, run, pages, load = sys.argv[1:]
t = open(time_path).read()
def field(name):
    m = re.search(re.escape(name) + r":\s*(.+)", t)
    return m.group(1).strip() if m else ""
def seconds(v):
    total = 0.0
    for p in v.split(":"):
        total = total * 60 + float(p)
    return total
wall = seconds(field("Elapsed (wall clock) time (h:mm:ss or m:ss)"))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss_mb = int(field("Maximum resident set size (kbytes)")) / 1024
words_per_cpu = ""
if what.startswith("ingest"):
    import sqlite3
    conn = sqlite3.connect(db)
    # Words of the analysed sentences, cut out of the article bodies by their byte offsets.
    words = 0
    bodies = dict(conn.execute("SELECT document_id, body FROM articles"))
    encoded = {k: v.encode() for k, v in bodies.items()}
    for doc, start, end in conn.execute("SELECT document_id, start, end FROM sentences"):
        words += len(encoded[doc][start:end].split())
    conn.close()
    words_per_cpu = f"{(words or 0) / cpu:.0f}"
    s = json.load(open(out_path))
    articles, failed, events = s["new"] + s["replaced"], s["failed"], s["event_mentions"]
    store_s = f"{s['store_seconds']:.1f}"
    size = os.path.getsize(db) + sum(os.path.getsize(db + x) for x in ("-wal",) if os.path.exists(db + x))
    per_1000 = f"{size / 1e6 / articles * 1000:.1f}" if articles else ""
else:
    # "dateline: N documents read, M coded, F failed"
    m = re.search(r"(\d+) documents read, (\d+) coded, (\d+) failed", open(err_path).read())
    articles, failed, events = int(m.group(2)), int(m.group(3)), ""
    store_s, size, per_1000 = "", "", ""
row = [what, jobs, run, pages, articles, failed, events, f"{wall:.1f}", f"{cpu:.1f}", store_s,
       f"{articles / wall:.1f}", f"{articles / cpu:.1f}", words_per_cpu, f"{rss_mb:.0f}", size,
       per_1000, load]
print("\t".join(str(x) for x in row))
PY
}

for jobs in $JOBS_LIST; do
    for run in $(seq 1 "$REPEAT"); do
        measure ingest "$jobs" "$run"
        # The same pipeline without the store (`dateline code`, output discarded): what the
        # store costs is the difference.
        if [[ "${BASELINE:-1}" == 1 ]]; then
            measure code "$jobs" "$run"
        fi
        for lead in ${LEAD_LIST:-}; do
            measure ingest "$jobs" "$run" "$lead"
        done
    done
done
log "results: $OUT"
column -t -s $'\t' "$OUT"
