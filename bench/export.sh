#!/usr/bin/env bash
# Times `roster export` against `roster validate` (release build) on a synthetic marketplace of
# 10,000 orgs x 10 members, then (unless NO_SYNC=1) a first `roster sync --apply` of 1,000 orgs x
# 10 members into a local scim2-server (pip install scim2-server), and a second one (no changes).
# Usage: bench/export.sh [ORGS] [MEMBERS] [SYNC_ORGS]
# Data and output go to /dev/shm when there is one (BENCH_TMP to choose): on a disk, the export's
# fsync of 153 MB would be most of what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-10000}; members=${2:-10}; sync_orgs=${3:-1000}
build=${BUILD:-release}
tmp=${BENCH_TMP:-$( [ -w /dev/shm ] && echo /dev/shm || echo /tmp )}
dir=${BENCH_DIR:-$tmp/roster-bench-$orgs-$members-1000}
out=$(mktemp -d "$tmp/roster-bench-export-XXXXXX")
swift build -c "$build" --product roster >/dev/null
swift build -c "$build" --product roster-synth >/dev/null
bin=.build/$build
[ -f "$dir/data/marketplace.json" ] || "$bin/roster-synth" --orgs "$orgs" --members-per-org "$members" --shares 1000 "$dir" >/dev/null
echo "data: $(du -sh "$dir/data" | cut -f1) in $(find "$dir/data" -name '*.json' | wc -l) files"
export ROSTER_TODAY=2026-11-23
best() { # best of 5 wall-clock seconds of a command, each export into an empty folder (an export
  local b=999 # into a folder that holds the same files only compares them and writes nothing)
  for _ in 1 2 3 4 5; do
    rm -rf "$out"
    local s; /usr/bin/time -f "%e" -o "$out.time" "$@" >/dev/null 2>&1; s=$(tail -1 "$out.time")
    b=$(echo "$s $b" | awk '{print ($1 < $2) ? $1 : $2}')
  done
  echo "$b"
}
v=$(best "$bin/roster" validate --root "$dir")
e=$(best "$bin/roster" export --root "$dir" --out "$out")
echo "roster validate: ${v} s"
echo "roster export:   ${e} s ($(du -sh "$out" | cut -f1) written; ratio $(echo "$e $v" | awk '{printf "%.2f", $1/$2}')x validate)"
rm -rf "$out"
/usr/bin/time -v "$bin/roster" export --root "$dir" --out "$out" 2>&1 >/dev/null | grep -E 'Maximum resident' | sed 's/^\s*/export: /'
/usr/bin/time -v "$bin/roster" validate --root "$dir" 2>&1 >/dev/null | grep -E 'Maximum resident' | sed 's/^\s*/validate: /'
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
