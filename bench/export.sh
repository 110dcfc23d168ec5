#!/usr/bin/env bash
# Times `roster export` against `roster validate` (release build) on a synthetic marketplace of
# 10,000 orgs x 10 members (issue 12: export under 1x validate), in one hyperfine run (each export
# into an empty folder), with peak memory, then (unless NO_SYNC=1) a first `roster sync --apply` of
# 1,000 orgs x 10 members into a local scim2-server (pip install scim2-server), and a second one.
# Usage: bench/export.sh [ORGS] [MEMBERS] [SYNC_ORGS]; BASELINE=path/to/roster adds an A/B row
# pair (its files are compared with this build's, byte for byte).
# Data and output go to /dev/shm when there is one (BENCH_TMP to choose).
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-10000}; members=${2:-10}; sync_orgs=${3:-1000}
build=${BUILD:-release}
tmp=${BENCH_TMP:-$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp )}
dir=${BENCH_DIR:-$tmp/roster-bench-$orgs-$members-1000}
out=$(mktemp -d "$tmp/roster-bench-export-XXXXXX")
trap 'rm -rf "$out"' EXIT
swift build -c "$build" --product roster >/dev/null
swift build -c "$build" --product roster-synth >/dev/null
bin=.build/$build
[ -f "$dir/data/marketplace.json" ] || "$bin/roster-synth" --orgs "$orgs" --members-per-org "$members" --shares 1000 "$dir" >/dev/null
echo "data: $(du -sh "$dir/data" | cut -f1) in $(find "$dir/data" -name '*.json' | wc -l) files; load: $(cut -d' ' -f1-3 /proc/loadavg)"
export ROSTER_TODAY=2026-11-23
bins=("$bin/roster"); [ -n "${BASELINE:-}" ] && bins+=("$BASELINE")
commands=()
for b in "${bins[@]}"; do commands+=("$b validate --root $dir" "$b export --root $dir --out $out/files"); done
hyperfine -N -i --warmup 1 --runs "${RUNS:-10}" --prepare "rm -rf $out/files" --export-json "$out/bench.json" "${commands[@]}" >/dev/null
python3 - "$out/bench.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for k, r in enumerate(results):
    name = r["command"].split(" --root")[0]
    ratio = f"  ratio {r['median'] / results[k - 1]['median']:.2f}x validate" if k % 2 else ""
    print(f"{name:45} min {r['min']:.3f}  median {r['median']:.3f}  max {r['max']:.3f} s  "
          f"user+sys {r['user'] + r['system']:.3f} s{ratio}")
PY
for b in "${bins[@]}"; do
  rm -rf "$out/files"
  e=$(/usr/bin/time -f %M "$b" export --root "$dir" --out "$out/files" 2>&1 >/dev/null | tail -1)
  v=$(/usr/bin/time -f %M "$b" validate --root "$dir" 2>&1 >/dev/null | tail -1)
  echo "$b peak memory: export $e KB, validate $v KB ($(du -sh "$out/files" | cut -f1) written)"
  if [ "$b" != "$bin/roster" ]; then
    for f in access.json scim/Users.json scim/Groups.json; do cmp "$out/files/$f" "$out/mine/$f"; done
    echo "files identical to $b's"
  fi
  rm -rf "$out/mine"; mv "$out/files" "$out/mine"
done
rm -rf "$out/files" "$out/mine" "$out/bench.json"
[ "${NO_SYNC:-0}" = 1 ] && exit 0

small=$tmp/roster-bench-$sync_orgs-$members-100
[ -f "$small/data/marketplace.json" ] || "$bin/roster-synth" --orgs "$sync_orgs" --members-per-org "$members" --shares 100 "$small" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=bench-$RANDOM$RANDOM
scim2-server --hostname 127.0.0.1 --port "$port" --bearer-token "$token" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; sleep 1; kill -9 $server 2>/dev/null || true; rm -rf "$out" "$out.time"' EXIT
for _ in $(seq 1 300); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
export ROSTER_SCIM_TOKEN=$token
sync() { # wall-clock seconds, then roster's own CPU (user + system), of one sync --apply
  /usr/bin/time -f "%e %U %S" -o "$out.time" "$bin/roster" sync --root "$small" --scim "http://127.0.0.1:$port/v2" --apply | tail -1 >&2
  awk '{printf "%.1f s (roster CPU %.1f s)", $1, $2 + $3}' "$out.time"
}
first=$(sync)
second=$(sync)
echo "first sync --apply of $sync_orgs orgs x $members members: $first; second (no changes): $second"
