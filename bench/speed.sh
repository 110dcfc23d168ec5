#!/usr/bin/env bash
# Every row of issue 14's table in one command, with its anchors and the ratios to the targets:
# full build, validate, no-op rebuild and one org changed (CLI) at 1k, 10k and 100k orgs; Hugo on
# the same org pages and the file-creation floor (bench/create-files.c); CPython's json.load of
# every file; a stat of every input and output; the preview's rebuild (bench/serve.py); and
# `roster diff` of 100 changed orgs against `git diff` of the same range.
# BEFORE=/path/to/an/older/roster runs every roster row with it too, alternating, for an A/B.
# Prints min / median / max (wall seconds, and user+system CPU), `uptime` before and after, and
# the memory available and held by tmpfs at the start (a full tmpfs slows the file-heavy rows).
# Data: DATA_1000, DATA_10000, DATA_100000 (roster-synth N orgs x 10 members, N/10 shares;
# made in the scratch folder when not given or missing). They are copied, never changed.
# Usage: [BEFORE=old-roster] [SIZES="1000 10000 100000"] [RUNS=5] [RUNS_100K=3] [DIFF_RUNS=25] bench/speed.sh
# About ten minutes on two cores at the default sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ROSTER:-}" ]; then
  swift build -c release --product roster >/dev/null 2>&1
  ROSTER=$PWD/.build/release/roster
fi
scratch=${SCRATCH:-$(mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo /tmp)/roster-speed.XXXX")}
trap 'rm -rf "$scratch"' EXIT
for n in ${SIZES:-1000 10000 100000}; do
  var=DATA_$n
  src=${!var:-}
  if [ -z "$src" ] || [ ! -f "$src/data/marketplace.json" ]; then
    src=$scratch/synth-$n
    [ -f "$src/data/marketplace.json" ] || {
      [ -x .build/release/roster-synth ] || swift build -c release --product roster-synth >/dev/null 2>&1
      .build/release/roster-synth --orgs "$n" --members-per-org 10 --shares $((n / 10)) "$src" >/dev/null
    }
  fi
  # Only the inputs: an output folder inside the source is not copied.
  mkdir -p "$scratch/$n"
  for part in data content site-templates schemas; do [ -e "$src/$part" ] && cp -a "$src/$part" "$scratch/$n/"; done
done
gcc -O2 -o "$scratch/create-files" bench/create-files.c
python3 bench/speed.py "$ROSTER" "${BEFORE:-}" "$scratch" ${SIZES:-1000 10000 100000}
