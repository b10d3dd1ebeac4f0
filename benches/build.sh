#!/usr/bin/env bash
# Build-speed benchmark: prints articles/second, wall time, CPU and peak memory for a
# cold build and a no-change rebuild at each size. Figures, not assertions.
#
#   benches/build.sh [SIZES...]        default: 1000 10000 100000
#   RUNS=3 SCRATCH=/tmp/gazette-bench benches/build.sh 10000
#
# Uses the corpus generator (examples/gen_corpus.rs) and /usr/bin/time (GNU time).
# For the side-by-side comparison with Hugo and Zola, see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000 100000}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})
RUNS="${RUNS:-3}"
SCRATCH="${SCRATCH:-/tmp/gazette-bench}"
mkdir -p "$SCRATCH"

cargo build --release --quiet --bin gazette --example gen_corpus
BIN="$PWD/target/release/gazette"
GEN="$PWD/target/release/examples/gen_corpus"

measure() { # prints "wall user sys peak_kib" of one run of "$@"
  local out
  out=$( { /usr/bin/time -f "TIME %e %U %S %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | grep '^TIME' || true)
  [ -n "$out" ] || out=$( { /usr/bin/time -f "TIME %e %U %S %M" "$@" >/dev/null; } 2>&1 | grep '^TIME')
  echo "${out#TIME }"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| articles | build | wall s | user s | sys s | peak MiB | articles/s |\n|---:|---|---:|---:|---:|---:|---:|\n'
for n in "${SIZES[@]}"; do
  site="$SCRATCH/site-$n"
  [ -f "$site/site.yaml" ] || "$GEN" "$n" "$site" >/dev/null
  for kind in cold rebuild; do
    walls=(); users=(); syss=(); peaks=()
    for _ in $(seq "$RUNS"); do
      if [ "$kind" = cold ]; then rm -rf "$site/public"; else [ -d "$site/public" ] || "$BIN" build --root "$site" -q; fi
      sync
      read -r wall user sys peak < <(measure "$BIN" build --root "$site" -q)
      walls+=("$wall"); users+=("$user"); syss+=("$sys"); peaks+=("$peak")
    done
    wall=$(printf '%s\n' "${walls[@]}" | median)
    user=$(printf '%s\n' "${users[@]}" | median)
    sys=$(printf '%s\n' "${syss[@]}" | median)
    peak=$(printf '%s\n' "${peaks[@]}" | median)
    rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$kind" "$wall" "$user" "$sys" "$((peak / 1024))" "$rate"
  done
done
