#!/usr/bin/env bash
# The whole-program figures in README.md ("Performance"), measured on the release binary
# with ttff.py (time to first frame, key-to-frame latency and peak memory under a pty).
#
#   scripts/measure-performance.sh [OUT_DIR]
#
# Environment: TTFF (path to ttff.py, default ../shared/tools/ttff.py), RUNS (default 15),
# CARGO_TARGET_DIR (default target). Journals are made by examples/make_journal.rs
# (deterministic, seed 1), ending yesterday so home shows a follow-up and tonight is open.
# Each run's JSON lands in OUT_DIR (default /tmp/nearer-perf); a summary is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

TTFF=${TTFF:-../shared/tools/ttff.py}
RUNS=${RUNS:-9}
OUT=${1:-/tmp/nearer-perf}
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/nearer
mkdir -p "$OUT"

cargo build --release --bin nearer --example make_journal
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

journal() { # entries -> data folder (made once)
    local dir=$OUT/journal-$1
    if [ ! -f "$dir/journal.json" ] && [ "$1" != 0 ]; then
        "$TARGET/release/examples/make_journal" --entries "$1" --until yesterday --out "$dir" >/dev/null
    fi
    mkdir -p "$dir"
    echo "$dir"
}

# A wrapper that starts each run from the same state: no draft left by the previous run.
fresh() { # data folder -> path of a script that starts nearer on it
    printf '#!/bin/sh\nrm -f "%s/draft.json"\nexec "%s"\n' "$1" "$(realpath "$BIN")" >"$1.sh"
    chmod +x "$1.sh"
    echo "$1.sh"
}

ttff() { # name, then ttff options
    local name=$1
    shift
    python3 "$TTFF" --runs "$RUNS" --warmup 2 --quiet --json "$OUT/$name.json" "$@" |
        sed "s/^/$name  /" | grep -E "ttff|peak|key->"
}

for n in 0 3650 36500 100000; do
    dir=$(journal $n)
    size=$(stat -c %s "$dir/journal.json" 2>/dev/null || echo 0)
    echo "== $n entries, journal.json $((size / 1024)) KiB"
    # Home: the first complete frame (its last line), then moving down the menu.
    ttff "home-$n" --expect "Journal:" --probe j --probe-count 20 \
        --env NEARER_DATA_DIR="$dir" -- "$BIN"
    # The journal list (Look back), moving down it evening by evening.
    ttff "list-$n" --expect "Journal:" --pre-keys 'l' --probe j --probe-count 20 \
        --env NEARER_DATA_DIR="$dir" -- "$BIN"
    # The check-in: choosing on the closeness scale, then typing in tonight's reflection.
    if [ "$n" = 0 ]; then to_reflection='c<enter>5<enter>3<enter>'; else to_reflection='c<enter>5<enter>3<enter>1<enter><tab>'; fi
    ttff "closeness-$n" --expect "Journal:" --pre-keys 'c<enter>' --probe '<right><left>' \
        --probe-count 10 --quit-keys '<c-c>' --env NEARER_DATA_DIR="$dir" -- "$(fresh "$dir")"
    ttff "editor-$n" --expect "Journal:" --pre-keys "$to_reflection" --probe x --probe-count 30 \
        --quit-keys '<c-c>' --env NEARER_DATA_DIR="$dir" -- "$(fresh "$dir")"
done

# Keys while the 100,000-entry journal is being saved: finish the check-in (a save starts),
# go back to the appreciation and type while it is written, finish again; repeatedly.
save=$OUT/journal-save-100000
rm -rf "$save" && cp -r "$(journal 100000)" "$save"
ttff "save-100000" --expect "Journal:" --runs 5 \
    --pre-keys 'c<enter>5<enter>3<enter>1<enter><tab><tab><tab><enter>' \
    --probe '<esc><esc>xxxxxxxxxxxxxxxxxxxx<tab><enter>' --probe-count 5 \
    --quit-keys 'q' --env NEARER_DATA_DIR="$save" -- "$BIN"

# Typing in Look back's search at 100,000 evenings, and the peak memory with it open: the
# first letter of a word, a narrowing, backspace, clearing, then "zq" (a word no evening
# holds: a keystroke's whole allowance spent looking). The waits let the first frame settle.
W='<wait>'
ttff "search-100000" --expect "Journal:" --pre-keys "l$W$W$W$W$W/" \
    --probe 'ta<bs><c-u>zq<c-u>' --probe-count 10 --quit-keys '<c-c>' \
    --env NEARER_DATA_DIR="$(journal 100000)" -- "$BIN"

# The same build just reading and parsing the files: the divan benches "parse" and "load".
echo "== read and parse alone (cargo bench --bench journal -- load parse)"
cargo bench --bench journal -- load parse 2>/dev/null | grep -E "load|parse|3650|100000|36500"
