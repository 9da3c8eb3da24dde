# Shared by the bench scripts (sourced, not run).

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

# The project's shared/ folder for the repository at $1: $DATELINE_SHARED, else ../shared
# beside the repository root, else (in a git worktree elsewhere) beside the main checkout.
find_shared() {
    local root="$1" common
    if [[ -n "${DATELINE_SHARED:-}" ]]; then
        printf '%s\n' "$DATELINE_SHARED"
    elif [[ -d "$root/../shared/data" ]]; then
        printf '%s\n' "$root/../shared"
    else
        common="$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
        if [[ -n "$common" ]]; then
            printf '%s\n' "$(dirname "$common")/../shared"
        else
            printf '%s\n' "$root/../shared"
        fi
    fi
}

# Build the release binary from the repository at $1 unless NO_BUILD=1, and set DATELINE to
# it; uses the sourcing script's `log` and `die`.
build_release() {
    local root="$1"
    if [[ "${NO_BUILD:-0}" != 1 ]]; then
        log "building (release)"
        (cd "$root" && cargo build --release -q -p dateline)
    fi
    DATELINE="$root/target/release/dateline"
    [[ -x "$DATELINE" ]] || die "$DATELINE missing (build it, or drop NO_BUILD)"
}
