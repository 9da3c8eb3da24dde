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
#                       command closes the store), per 1,000 articles stored.
# Results: a table on stdout and bench/ingest/results/latest.tsv.
#
# Environment:
#   DATELINE_SHARED  the project's shared/ folder (default: ../shared beside the repo root)
#   REPEAT           runs per core count (default 1); every run is reported
#   JOBS_LIST        core counts to run (default "1 2")
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
if [[ "${NO_BUILD:-0}" != 1 ]]; then
    log "building (release)"
    cargo build --release -q -p dateline
fi
DATELINE="$ROOT/target/release/dateline"
[[ -x "$DATELINE" ]] || die "$DATELINE missing (build it, or drop NO_BUILD)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Mozilla's `expected.html.gz` files are Readability's output for its `source.html.gz`, not
# pages: left out.
mapfile -t PAGES < <(find -L "$PAGES_DIR" -type f -name '*.html.gz' ! -name 'expected.html.gz' | LC_ALL=C sort)
(( ${#PAGES[@]} > 0 )) || die "no *.html.gz pages under $PAGES_DIR"
BYTES="$(cat "${PAGES[@]}" | wc -c)"
log "${#PAGES[@]} pages ($BYTES bytes gzip-compressed), $(nproc) cores, load $(loadavg)"

OUT="$HERE/results/latest.tsv"
printf 'jobs\trun\tpages\tnew\tfailed\tevents\twall_s\tcpu_s\tarticles_per_s\tarticles_per_cpu_s\tpeak_rss_mb\tdb_bytes\tdb_mb_per_1000\tload_before\n' > "$OUT"
for jobs in $JOBS_LIST; do
    for run in $(seq 1 "$REPEAT"); do
        db="$TMP/bench-$jobs-$run.db"
        rm -f "$db" "$db-wal" "$db-shm"
        load="$(loadavg)"
        log "-j $jobs, run $run (load $load)"
        /usr/bin/time -v -o "$TMP/time.txt" \
            "$DATELINE" ingest "${PAGES[@]}" --db "$db" -j "$jobs" --format json \
            > "$TMP/summary.json" 2> "$TMP/stderr.txt" \
            || die "ingest failed: $(tail -5 "$TMP/stderr.txt")"
        python3 - "$TMP/summary.json" "$TMP/time.txt" "$db" "$jobs" "$run" "${#PAGES[@]}" "$load" >> "$OUT" <<'PY'
import json, os, re, sys
summary_path, time_path, db, jobs, run, pages, load = sys.argv[1:]
s = json.load(open(summary_path))
t = open(time_path).read()
def field(name):
    m = re.search(re.escape(name) + r":\s*(.+)", t)
    return m.group(1).strip() if m else ""
def seconds(v):
    parts = [float(p) for p in v.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total
wall = seconds(field("Elapsed (wall clock) time (h:mm:ss or m:ss)"))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss_mb = int(field("Maximum resident set size (kbytes)")) / 1024
size = os.path.getsize(db) + sum(os.path.getsize(db + x) for x in ("-wal",) if os.path.exists(db + x))
new = s["new"] + s["replaced"]
row = [jobs, run, pages, new, s["failed"], s["events"], f"{wall:.1f}", f"{cpu:.1f}",
       f"{new / wall:.1f}", f"{new / cpu:.1f}", f"{rss_mb:.0f}", size,
       f"{size / 1e6 / new * 1000:.1f}" if new else "", load]
print("\t".join(str(x) for x in row))
PY
    done
done
log "results: $OUT"
column -t -s $'\t' "$OUT"
