#!/usr/bin/env bash
# Places benchmark, rerunnable from the repository root:
#
#   bash bench/places/run.sh
#
# Release build of dateline-code's `places` integration test `bench_places` (ignored in
# ordinary test runs), which measures:
#   (a) the hand-written geocoding test set (crates/dateline-code/tests/data/geocode_cases.tsv):
#       country accuracy, median error in km, share within 50 km;
#   (b) re3d (shared/data/ner/re3d: Syria/Iraq conflict documents from CENTCOM, the US State
#       Department, the UK Government, Australia's DFAT, Wikipedia): of the gold Location
#       entities, the share that overlap a place the geocoder resolved (all, and those written
#       with a capital — proper names rather than "the camp"), and the share of resolved
#       ones whose country the document does not name (no country mention or demonym of it
#       anywhere in the document);
#   (c) time: gazetteer load (best of five), and the geocoder's time against the language
#       pipeline's (tokenize, tag, parse, entities) on the re3d documents.
# Writes bench/places/results/places.json and results/summary.md.
#
# Environment:
#   DATELINE_SHARED  the project's shared/ folder (default: ../shared beside the repo root)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../common.sh
source "$ROOT/bench/common.sh"
SHARED="$(find_shared "$ROOT")"
[[ -d "$SHARED/data/ner/re3d" ]] || { echo "bench: no re3d under $SHARED/data/ner" >&2; exit 1; }
mkdir -p "$HERE/results"
cd "$ROOT"
LOAD_START="$(loadavg)"
DATELINE_SHARED="$SHARED" PLACES_BENCH_OUT="$HERE/results/places.json" \
    CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" \
    cargo test --release -p dateline-code --test places bench_places -- --ignored --nocapture --test-threads 1 >/dev/null
python3 "$HERE/summary.py" "$HERE/results/places.json" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$LOAD_START" "$(loadavg)" > "$HERE/results/summary.md"
cat "$HERE/results/summary.md"
