#!/usr/bin/env bash
# Export benchmark: time and peak memory of `dateline export` in every format over a synthetic
# store (bench/export/make_store.py). Usage, from the repository root:
#   bash bench/export/run.sh [EVENTS]        (default 200000; the store goes to $TMPDIR)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/bench/common.sh"
events="${1:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" cargo build --release -p dateline --manifest-path "$root/Cargo.toml" >&2
bin="$root/target/release/dateline"
python3 "$root/bench/export/make_store.py" "$work/store.db" "$events" \
    "$root"/crates/dateline-store/src/schema_v[0-9]*.sql >&2
echo "events: $events; store: $(( $(stat -c %s "$work/store.db") / 1000000 )) MB; load: $(loadavg)"
printf '| format | wall s | user s | peak RSS MB | output MB | events/s |\n|---|---|---|---|---|---|\n'
for format in gdelt plover csv jsonl parquet; do
    out="$work/out.$format"
    /usr/bin/time -f '%e %U %M' -o "$work/time" "$bin" export --db "$work/store.db" \
        --format "$format" --out "$out" 2>/dev/null
    read -r wall user rss < "$work/time"
    size=$(stat -c %s "$out")
    awk -v f="$format" -v w="$wall" -v u="$user" -v r="$rss" -v s="$size" -v n="$events" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.0f | %.1f | %.0f |\n", f, w, u, r/1024, s/1e6, n/w }'
    rm -f "$out"
done
