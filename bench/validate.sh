#!/usr/bin/env bash
# Times `roster validate` (release build) on a synthetic marketplace of 10,000 orgs x 10 members
# and 1,000 shares, and reports peak memory. Usage: bench/validate.sh [ORGS] [MEMBERS] [SHARES]
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-10000}; members=${2:-10}; shares=${3:-1000}
dir=${BENCH_DIR:-/tmp/roster-bench-$orgs-$members-$shares}
swift build -c release --product roster >/dev/null
swift build -c release --product roster-synth >/dev/null
if [ ! -f "$dir/data/marketplace.json" ]; then
  .build/release/roster-synth --orgs "$orgs" --members-per-org "$members" --shares "$shares" "$dir"
fi
echo "data: $(du -sh "$dir/data" | cut -f1) in $(find "$dir/data" -name '*.json' | wc -l) files"
if command -v hyperfine >/dev/null; then
  # The anchor: CPython's json.load of every data file (target: validate <= 0.8x of it).
  # BEFORE=path/to/old/roster adds an A/B row.
  hyperfine -N --warmup 2 --runs 20 -i ".build/release/roster validate --root $dir" \
    ${BEFORE:+"$BEFORE validate --root $dir"} \
    "python3 -c 'import json,glob; [json.load(open(f)) for f in glob.glob(\"$dir/data/**/*.json\", recursive=True)]'"
else
  for i in 1 2 3 4 5; do /usr/bin/time -f "%e s" .build/release/roster validate --root "$dir" >/dev/null; done
fi
/usr/bin/time -v .build/release/roster validate --root "$dir" 2>&1 >/dev/null | grep -E 'Elapsed|Maximum resident'
