#!/usr/bin/env bash
# The PETRARCH validation suites, coded from their text by `dateline eval suite`, rerunnable
# from the repository root:
#
#   bash bench/petrarch-suites/run.sh
#
# Builds the release binary, then codes and scores
#   - petrarch2        ../shared/data/petrarch2/PETR.UnitTest.records.xml (PETRARCH-2's unit
#                      tests, with their own PETR.Validate.* dictionaries: the default);
#   - udpetrarch       ../shared/data/universalpetrarch/PETR_Validate_records_2_02.xml
#                      (UniversalPetrarch's validation records, with their own dictionaries);
#   - gsr              ../shared/data/universalpetrarch/PETR2_GSR_validation.xml (the GSR
#                      records, with the bundled Phoenix + CAMEO.2.0 dictionaries: --bundled).
# For each it writes bench/petrarch-suites/results/NAME.md (summary and per-category table),
# NAME.json (`--format json`: every figure and every failing record) and NAME.failures.md
# (failing records grouped by category, with their text: failures.py), then prints a summary.
#
# Environment:
#   DATELINE_SHARED  the project's shared/ folder (default: ../shared beside the repo root)
#   NO_BUILD=1       use target/release/dateline as it is
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
log() { printf 'petrarch-suites: %s\n' "$*" >&2; }
die() { printf 'petrarch-suites: error: %s\n' "$*" >&2; exit 1; }

source "$ROOT/bench/common.sh"
SHARED="$(find_shared "$ROOT")"
# Relative to the repository root (the script runs there), so reports show ../shared/...
[[ "$SHARED" == "$ROOT/../shared" ]] && SHARED="../shared"
cd "$ROOT"
[[ -d "$SHARED/data" ]] || die "shared data not found at $SHARED/data (set DATELINE_SHARED)"
command -v python3 > /dev/null || die "python3 is needed to read the JSON reports"

build_release "$ROOT"
OUT="$HERE/results"
mkdir -p "$OUT"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD -- crates dictionaries 2>/dev/null; then COMMIT="$COMMIT+changes"; fi
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

# name | records file | extra flags
SUITES=(
    "petrarch2|$SHARED/data/petrarch2/PETR.UnitTest.records.xml|"
    "udpetrarch|$SHARED/data/universalpetrarch/PETR_Validate_records_2_02.xml|"
    "gsr|$SHARED/data/universalpetrarch/PETR2_GSR_validation.xml|--bundled"
)

printf '%-12s %10s %8s %8s %8s %14s\n' suite passed "pass %" "found %" "extra %" "sentences/s" > "$OUT/summary.txt"
for spec in "${SUITES[@]}"; do
    IFS='|' read -r name records flags <<< "$spec"
    [[ -f "$records" ]] || die "records file not found: $records"
    log "$name: $(basename "$records") $flags"
    # shellcheck disable=SC2086 # $flags is empty or one flag
    "$DATELINE" eval suite --records "$records" $flags --format json > "$OUT/$name.json"
    # shellcheck disable=SC2086
    "$DATELINE" eval suite --records "$records" $flags --format markdown > "$OUT/$name.table.txt"
    {
        echo "# $name: \`$(basename "$records")\`"
        echo
        echo "Coded $NOW, commit $COMMIT, by"
        echo
        echo '```sh'
        echo "target/release/dateline eval suite --records $records${flags:+ $flags} --format markdown"
        echo '```'
        echo
        # The text summary lines, then the table (the markdown format prints both).
        sed -n '1,/^$/p' "$OUT/$name.table.txt" | sed '/^$/d; s/^/    /'
        echo
        sed -n '/^|/p' "$OUT/$name.table.txt"
        echo
        echo "Failing records, grouped by category with their text: [$name.failures.md]($name.failures.md)."
    } > "$OUT/$name.md"
    rm -f "$OUT/$name.table.txt"
    python3 "$HERE/failures.py" "$records" "$OUT/$name.json" > "$OUT/$name.failures.md"
    # The GSR's failing records, each judged against CAMEO (gsr_audit.py).
    if [[ "$name" == gsr ]]; then
        python3 "$HERE/gsr_audit.py" "$OUT/$name.json" > "$OUT/$name.audit.md"
        echo "Each failing record judged against CAMEO and issue 4's rules: [$name.audit.md]($name.audit.md)." >> "$OUT/$name.md"
    fi
    python3 - "$OUT/$name.json" "$name" >> "$OUT/summary.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["score"]
print(f"{sys.argv[2]:<12} {str(s['passed']) + '/' + str(s['evaluated']):>10} "
      f"{100 * r['pass_rate']:8.1f} {100 * r['found_rate']:8.1f} {100 * r['extra_rate']:8.1f} "
      f"{r['sentences_per_second']:14.0f}")
PY
done
echo "# PETRARCH suites, $NOW, commit $COMMIT"
cat "$OUT/summary.txt"
echo
echo "results: ${OUT#"$ROOT/"}/{petrarch2,udpetrarch,gsr}.{md,json,failures.md}, gsr.audit.md"
