#!/usr/bin/env bash
# User-space instructions of a first (cold) and a warm full build of 1,000 orgs, counted by
# valgrind's callgrind, for each roster binary given: the same input gives the same count to
# about 0.1%, where wall times on this two-core machine move by 10-25% from run to run. A change
# of 1-2% shows here; bench/speed.sh then gives the times. Counts are not times (a reference
# count or a cache miss costs more than an add), so use both.
# Usage: bench/instructions.sh ROSTER... (needs valgrind: apt-get install -y valgrind)
# Per-function profiles are left in $SCRATCH/cg-*.out (callgrind_annotate FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-$(mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo /tmp)/roster-instr.XXXX")}
data=$scratch/synth-1000
if [ ! -f "$data/data/marketplace.json" ]; then
  [ -x .build/release/roster-synth ] || swift build -c release --product roster-synth >/dev/null 2>&1
  .build/release/roster-synth --orgs 1000 --members-per-org 10 --shares 100 "$data" >/dev/null
fi
count() { grep -m1 "Collected" | awk '{print $4}'; }
for roster in "$@"; do
  name=$(basename "$roster")
  # Valgrind cannot read the Swift binary's debug information: a copy without it, symbols kept.
  strip --strip-debug -o "$scratch/$name" "$roster"
  rm -rf "$data/_site" "$data/.roster-cache"
  cold=$(ROSTER_TODAY=2026-11-23 valgrind --tool=callgrind --callgrind-out-file="$scratch/cg-$name-cold.out" \
    "$scratch/$name" build -q --root "$data" 2>&1 | count)
  # Warm: into an empty folder, the records kept by the build before (under valgrind: the
  # records a build keeps are for the binary that kept them, and valgrind's is another).
  rm -rf "$data/_site"
  warm=$(ROSTER_TODAY=2026-11-23 valgrind --tool=callgrind --callgrind-out-file="$scratch/cg-$name-warm.out" \
    "$scratch/$name" build -q --root "$data" 2>&1 | count)
  printf '%-24s cold %14s  warm %14s\n' "$name" "$cold" "$warm"
done
echo "profiles: $scratch/cg-*.out"
