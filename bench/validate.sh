#!/usr/bin/env bash
# Times `roster validate` (release build) on a synthetic marketplace of ORGS orgs x MEMBERS members
# and SHARES shares against CPython's `json.load` of every data file (the anchor of issue 14:
# validate within 0.8x of it), in one hyperfine run, then peak memory of each.
# Usage: bench/validate.sh [ORGS] [MEMBERS] [SHARES]; BASELINE=path/to/roster adds an A/B column.
# `bench/validate.sh scale` runs 10,000 and then 100,000 orgs and prints the cost from one to the
# other (issue 14: at most 10.5x).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = scale ]; then
  for n in 10000 100000; do "$0" "$n" | tee "${TMPDIR:-/tmp}/validate-scale-$n.txt"; done
  python3 - "${TMPDIR:-/tmp}/validate-scale-10000.txt" "${TMPDIR:-/tmp}/validate-scale-100000.txt" <<'PY'
import re, sys
def median(path):
    line = next(l for l in open(path) if l.startswith(".build/release/roster"))
    return float(re.search(r"median ([0-9.]+)", line).group(1))
small, large = median(sys.argv[1]), median(sys.argv[2])
print(f"roster validate 10k -> 100k: {small:.3f} s -> {large:.3f} s, {large / small:.2f}x (target at most 10.5x)")
PY
  exit 0
fi
orgs=${1:-10000}; members=${2:-10}; shares=${3:-$((orgs / 10))}
tmp=${BENCH_TMP:-$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp )}
dir=${BENCH_DIR:-$tmp/roster-bench-$orgs-$members-$shares}
swift build -c release --product roster >/dev/null
swift build -c release --product roster-synth >/dev/null
if [ ! -f "$dir/data/marketplace.json" ]; then
  .build/release/roster-synth --orgs "$orgs" --members-per-org "$members" --shares "$shares" "$dir" >/dev/null
fi
echo "data: $(du -sh --apparent-size "$dir/data" | cut -f1) in $(find "$dir/data" -name '*.json' | wc -l) files; load: $(cut -d' ' -f1-3 /proc/loadavg)"
# The anchor as bench/speed.py and the issue measure it: the list of files made beforehand, then
# each file opened, parsed and closed (walking the folders and leaving files open doubled it).
trap 'rm -f "$tmp/anchor.py" "$tmp/anchor-files"' EXIT
find "$dir/data" -name '*.json' | sort > "$tmp/anchor-files"
cat > "$tmp/anchor.py" <<'PY'
import json, sys
for path in open(sys.argv[1]).read().split():
    with open(path, "rb") as f:
        json.load(f)
PY
py="python3 $tmp/anchor.py $tmp/anchor-files"
commands=("$py" ".build/release/roster validate --root $dir")
[ -n "${BASELINE:-}" ] && commands+=("$BASELINE validate --root $dir")
runs=$(( orgs > 20000 ? 5 : 15 ))
hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$tmp/validate-bench.json" "${commands[@]}" >/dev/null
python3 - "$tmp/validate-bench.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
anchor = results[0]["median"]
for r in results:
    name = "CPython json.load" if r is results[0] else r["command"].split(" --root")[0]
    print(f"{name:40} min {r['min']:.3f}  median {r['median']:.3f}  max {r['max']:.3f} s  "
          f"user {r['user']:.3f}  ratio {r['median'] / anchor:.2f}x json.load")
PY
rm -f "$tmp/validate-bench.json"
for bin in .build/release/roster ${BASELINE:-}; do
  echo "$bin peak memory: $( /usr/bin/time -f %M "$bin" validate --root "$dir" 2>&1 >/dev/null | tail -1) KB"
done
echo "json.load peak memory: $( /usr/bin/time -f %M sh -c "$py" 2>&1 >/dev/null | tail -1) KB"
