#!/usr/bin/env bash
# Speed and memory of the language layer (issue 3), rerunnable:
#
#   bash bench/language/run.sh
#
# Measures, release build, one thread, bundled models:
#   (a) tag + parse tokens/s on UD English EWT test with gold tokenization (tagger with
#       lemmas and features + parser), and the tagger alone and the parser alone;
#   (b) the whole layer (Analyzer::analyze: tokenize, split, tag, parse, and entities once the
#       bundled Analyzer has them) on the seed article's body as `dateline extract` gives it:
#       milliseconds after load, median of many runs;
#   (c) model load time;
#   (d) peak memory (maximum RSS) of `dateline parse` on EWT test's raw text, via GNU time
#       (`/usr/bin/time -v`, Debian package `time`: `apt-get install time` if missing).
# (a)-(c) come from crates/dateline-nlp/benches/language.rs, a `harness = false` bench (a
# plain main, no criterion: see its header for why), which prints wall-clock median, min and
# max over many runs and the median of the thread's own CPU time (which leaves out the time it
# waited for a core). The bench is repeated REPEAT times to show the spread, with the load
# average printed before each repeat: the machine may be shared. CALLGRIND=1 adds instruction
# counts (valgrind --tool=callgrind, one pass of each measurement), which do not depend on
# the load.
#
# Environment:
#   DATELINE_SHARED  the project's shared/ folder (default: ../shared beside the repo root)
#   REPEAT           bench repeats (default 3)
#   CALLGRIND=1      also count instructions under callgrind (slow: a few minutes)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPEAT="${REPEAT:-3}"
log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
source "$ROOT/bench/common.sh"

SHARED="$(find_shared "$ROOT")"
EWT_TEST="$SHARED/data/ud_english_ewt/en_ewt-ud-test.conllu"
SEED="$SHARED/seed/kerry-ceasefire-2014.txt"
[[ -f "$EWT_TEST" ]] || die "EWT test not found at $EWT_TEST (set DATELINE_SHARED)"
[[ -f "$SEED" ]] || die "seed article not found at $SEED (set DATELINE_SHARED)"
[[ -x /usr/bin/time ]] || die "GNU time missing: apt-get install time"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"

log "building (release)"
cargo build --release -q -p dateline
cargo bench -p dateline-nlp --bench language --no-run 2> "$TMP/build.txt" \
    || { cat "$TMP/build.txt" >&2; die "bench build failed"; }
BENCH_BIN="$(sed -n 's/.*Executable.*(\(.*\)).*/\1/p' "$TMP/build.txt" | tail -1)"
[[ -n "$BENCH_BIN" ]] || die "cannot find the bench executable in cargo's output"
[[ "$BENCH_BIN" == /* ]] || BENCH_BIN="$ROOT/$BENCH_BIN"
DATELINE="$ROOT/target/release/dateline"

"$DATELINE" extract "$SEED" --format json > "$TMP/seed.json" 2> /dev/null
# EWT test's raw text, one sentence per line (the `# text` comments).
sed -n 's/^# text = //p' "$EWT_TEST" > "$TMP/ewt-test.txt"

echo "# language layer bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $(loadavg)"
echo

for i in $(seq "$REPEAT"); do
    echo "## repeat $i of $REPEAT (load average $(loadavg))"
    "$BENCH_BIN" --ewt "$EWT_TEST" --article "$TMP/seed.json"
    echo
done

echo "## peak memory: dateline parse (GNU time -v), load average $(loadavg)"
printf '%-44s %12s %12s\n' "input" "max RSS MB" "wall s"
for input in "$TMP/ewt-test.txt" "$SEED"; do
    name="$(basename "$input")"
    [[ "$input" == "$TMP/ewt-test.txt" ]] && name="EWT test raw text ($(wc -c < "$input") bytes)"
    /usr/bin/time -v "$DATELINE" parse "$input" > /dev/null 2> "$TMP/time.txt"
    rss_kb="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time.txt")"
    wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TMP/time.txt")"
    printf '%-44s %12.1f %12s\n' "$name" "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$wall"
done

if [[ "${CALLGRIND:-0}" == 1 ]]; then
    command -v valgrind > /dev/null || die "valgrind missing: apt-get install valgrind"
    echo
    echo "## instruction counts (callgrind, one pass of each measurement; stable under load)"
    words="$(awk -F'\t' '/^[0-9]+\t/ { n++ } END { print n }' "$EWT_TEST")"
    printf '%-44s %16s %14s\n' "measurement (one pass)" "instructions" "per word"
    for part in load tag_parse tag parse article; do
        # Collect only inside the bench's never-inlined bench_PART function.
        valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" --collect-atstart=no \
            --toggle-collect="*bench_$part" \
            "$BENCH_BIN" --ewt "$EWT_TEST" --article "$TMP/seed.json" --once --only "$part" \
            > /dev/null 2> "$TMP/cg.txt"
        n="$(sed -n 's/.*Collected : //p' "$TMP/cg.txt")"
        per=""
        if [[ "$part" == tag_parse || "$part" == tag || "$part" == parse ]]; then
            per="$(awk -v n="$n" -v w="$words" 'BEGIN { printf "%.0f", n / w }')"
        fi
        printf '%-44s %16s %14s\n' "$part" "$n" "$per"
    done
fi
