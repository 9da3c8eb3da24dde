#!/usr/bin/env bash
# Speed and memory of the whole coding pipeline, rerunnable from the repository root:
#
#   bash bench/coder/run.sh            # REPEAT=5 repeats by default
#
# Release build, one thread (`dateline code -j 1`, RAYON_NUM_THREADS=1), bundled models and
# the bundled dictionaries (Phoenix + CAMEO.2.0). Inputs (make_inputs.py), as `dateline code`
# JSONL `{id, text, date}`, ten sentences to a document:
#   news  the sentence texts of the three PETRARCH record files (unit tests, UD-PETRARCH
#         validation, GSR): news-like sentences with many actors and verbs;
#   ewt   UD English EWT test's sentence texts: web text, few dictionary actors.
# Measured:
#   (a) sentences/s: time of `dateline code --format jsonl` on the set given COPIES times
#       (ingest, tokenize, split, tag, parse, entities, actors, verb patterns, events, JSON
#       out), minus the time of the same command on a one-document input (start-up: model and
#       dictionary load), per sentence; the sentences are those our splitter finds in the
#       documents that were coded (`dateline parse` on their text). Wall clock and CPU time
#       (user + system: one thread, so this is the rate on a core of its own, which a busy
#       shared machine does not give the wall clock). REPEAT runs, the range reported.
#   (b) dictionary load: `dictionary_load_seconds` of `dateline eval suite --bundled
#       --format json` (decode the compiled set, build the matchers: timed inside the
#       binary), and, from outside, wall time of `dateline code` on the one-document input
#       minus `dateline parse` on the same text (models are loaded by both; the difference is
#       dictionary load + compile + coding one short document).
#   (c) peak RSS (GNU time -v, `apt-get install time` if missing): `dateline code` on the
#       one-document input and on each set; `dateline parse` on the one-document text (the
#       difference is what the dictionaries take).
#
# Environment:
#   DATELINE_SHARED  the project's shared/ folder (default: ../shared beside the repo root)
#   REPEAT           repeats of each timing (default 5)
#   COPIES           times each set is coded in one run (default 4)
#   NO_BUILD=1       use target/release/dateline as it is
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPEAT="${REPEAT:-5}"
COPIES="${COPIES:-4}"
log() { printf 'coder-bench: %s\n' "$*" >&2; }
die() { printf 'coder-bench: error: %s\n' "$*" >&2; exit 1; }
source "$ROOT/bench/common.sh"

SHARED="$(find_shared "$ROOT")"
[[ -d "$SHARED/data" ]] || die "shared data not found at $SHARED/data (set DATELINE_SHARED)"
[[ -x /usr/bin/time ]] || die "GNU time missing: apt-get install time"
command -v python3 > /dev/null || die "python3 missing"

cd "$ROOT"
build_release "$ROOT"
export RAYON_NUM_THREADS=1
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

python3 "$HERE/make_inputs.py" "$SHARED/data" "$TMP" > "$TMP/sets.tsv"
TINY_TEXT="Egypt's foreign minister met the Israeli prime minister in Cairo on Sunday to discuss the truce."
printf '{"id":"tiny","text":"%s","date":"2014-07-10"}\n' "$TINY_TEXT" > "$TMP/tiny.jsonl"
printf '%s\n' "$TINY_TEXT" > "$TMP/tiny.txt"

# "wall cpu" seconds of a command (stdout and stderr discarded): wall clock, and user +
# system CPU time, which leaves out the time the process waited for a core on a busy machine.
timed() {
    /usr/bin/time -f '%e %U %S' -o "$TMP/t.txt" "$@" > /dev/null 2>&1 || true
    awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$TMP/t.txt"
}
# Peak RSS (MB) of a command.
rss() {
    /usr/bin/time -v "$@" > /dev/null 2> "$TMP/time.txt" || true
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$TMP/time.txt"
}
range() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { printf "%s–%s (median %s)", v[1], v[NR], v[int((NR + 1) / 2)] }'; }

echo "# coder bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $(loadavg)"
echo "# one thread (-j 1, RAYON_NUM_THREADS=1), $REPEAT repeats"
echo

# (b) start-up and dictionary load.
tiny_code_wall=""; tiny_code_cpu=""; tiny_parse_wall=""; diffs=""; inside=""
for _ in $(seq "$REPEAT"); do
    read -r cw cc <<< "$(timed "$DATELINE" code -j 1 --format jsonl "$TMP/tiny.jsonl")"
    read -r pw _ <<< "$(timed "$DATELINE" parse "$TMP/tiny.txt")"
    tiny_code_wall+="$cw "; tiny_code_cpu+="$cc "; tiny_parse_wall+="$pw "
    diffs+="$(awk -v a="$cw" -v b="$pw" 'BEGIN { printf "%.2f", a - b }') "
    inside+="$("$DATELINE" eval suite --records "$SHARED/data/universalpetrarch/PETR2_GSR_validation.xml" --bundled --format json \
        | python3 -c 'import json, sys; print("%.3f" % json.load(sys.stdin)["dictionary_load_seconds"])') "
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
TINY_WALL="$(echo "$tiny_code_wall" | median)"
TINY_CPU="$(echo "$tiny_code_cpu" | median)"
echo "## dictionary load (s)"
echo "inside (eval suite's dictionary_load_seconds):   $(echo "$inside" | range)"
echo "outside (code on one document − parse of it):    $(echo "$diffs" | range)"
echo "start-up, code on one document (wall):           $(echo "$tiny_code_wall" | range)"
echo "start-up, code on one document (CPU):            $(echo "$tiny_code_cpu" | range)"
echo "start-up, parse of the same text (wall):         $(echo "$tiny_parse_wall" | range)"
echo

# (a) sentences/s: each set's file is given COPIES times to one process, so that the coding
# time dwarfs the start-up and the timer's 10 ms resolution.
echo "## sentences/s, whole pipeline, one thread (each set coded $COPIES times in one run)"
printf '%-5s %5s %6s %9s %7s %7s  %-26s %-26s %-26s\n' set docs coded sentences words events \
    "wall s" "sentences/s (wall)" "sentences/s (CPU)"
while IFS=$'\t' read -r name docs input_sentences _; do
    "$DATELINE" code -j 1 --format jsonl "$TMP/$name.jsonl" > "$TMP/$name.out" 2> /dev/null || true
    coded="$(wc -l < "$TMP/$name.out")"
    events="$(python3 -c 'import json, sys; print(sum(len(json.loads(l)["events"]) for l in open(sys.argv[1])))' "$TMP/$name.out")"
    # The text of the coded documents, for the sentence count (our splitter's sentences).
    python3 - "$TMP/$name.jsonl" "$TMP/$name.out" > "$TMP/$name.coded.txt" <<'PY'
import json, sys
coded = {json.loads(l)["id"] for l in open(sys.argv[2])}
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["id"] in coded:
        print(r["text"] + "\n")
PY
    sentences="$("$DATELINE" parse "$TMP/$name.coded.txt" | grep -c '^# text' || true)"
    words="$(wc -w < "$TMP/$name.coded.txt")"
    files=()
    for _ in $(seq "$COPIES"); do files+=("$TMP/$name.jsonl"); done
    walls=""; wrates=""; crates=""
    for _ in $(seq "$REPEAT"); do
        read -r w c <<< "$(timed "$DATELINE" code -j 1 --format jsonl "${files[@]}")"
        walls+="$w "
        wrates+="$(awk -v s="$sentences" -v n="$COPIES" -v w="$w" -v t="$TINY_WALL" 'BEGIN { printf "%.0f", n * s / (w - t) }') "
        crates+="$(awk -v s="$sentences" -v n="$COPIES" -v c="$c" -v t="$TINY_CPU" 'BEGIN { printf "%.0f", n * s / (c - t) }') "
    done
    printf '%-5s %5s %6s %9s %7s %7s  %-26s %-26s %-26s\n' "$name" "$docs" "$coded" "$sentences" "$words" "$events" \
        "$(echo "$walls" | range)" "$(echo "$wrates" | range)" "$(echo "$crates" | range)"
    echo "$name: $input_sentences input sentences; $((docs - coded)) documents refused by ingest" >> "$TMP/notes.txt"
done < "$TMP/sets.tsv"
cat "$TMP/notes.txt"
echo

# (b2) what the article readers (counts, quotes, places, dates, tone: issue 5) add to the
# pipeline, measured inside one run (`dateline code --timings`: each stage's time summed over
# the documents), so that both sides see the same machine: the two sets above, and real
# article pages (the ScrapingHub benchmark's 181 HTML pages, ingest included).
echo "## article readers' cost (dateline code -j 1 --timings, $REPEAT runs)"
printf '%-8s %-58s\n' set "ingest / language / events / readers s → readers added (min–max, median)"
AEB="$SHARED/data/extraction/scrapinghub-aeb/html"
{
    while IFS=$'\t' read -r name _; do
        files=()
        for _ in $(seq "$COPIES"); do files+=("$TMP/$name.jsonl"); done
        echo "$name ${files[*]}"
    done < "$TMP/sets.tsv"
    [[ -d "$AEB" ]] && echo "pages $AEB"
} | while read -r name inputs; do
    last=""; added=""
    for _ in $(seq "$REPEAT"); do
        # shellcheck disable=SC2086 # $inputs is a list of paths without spaces
        t="$("$DATELINE" code -j 1 --timings --format jsonl $inputs 2>&1 > /dev/null | grep '^{"ingest_seconds"' || true)"
        [[ -n "$t" ]] || continue
        read -r ing lang ev rd <<< "$(python3 -c 'import json, sys; t = json.loads(sys.argv[1]); print(*("%.3f" % t[k] for k in ("ingest_seconds", "language_seconds", "events_seconds", "readers_seconds")))' "$t")"
        last="$ing / $lang / $ev / $rd"
        added+="$(awk -v a="$ing" -v b="$lang" -v c="$ev" -v r="$rd" 'BEGIN { printf "%.1f", 100 * r / (a + b + c) }') "
    done
    printf '%-8s %-40s %s\n' "$name" "$last" "$(echo "$added" | range) %"
done
echo

# (c) peak memory.
echo "## peak RSS (MB, GNU time -v)"
echo "code, one document:            $(rss "$DATELINE" code -j 1 --format jsonl "$TMP/tiny.jsonl")"
echo "parse, same text (no coder):   $(rss "$DATELINE" parse "$TMP/tiny.txt")"
while IFS=$'\t' read -r name _; do
    echo "code, $name set:                $(rss "$DATELINE" code -j 1 --format jsonl "$TMP/$name.jsonl")"
done < "$TMP/sets.tsv"
echo "load average at the end: $(loadavg)"
