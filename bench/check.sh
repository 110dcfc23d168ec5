#!/usr/bin/env bash
# Times `roster check` (release build) against `roster validate` on the same head: a synthetic
# marketplace of 10,000 orgs x 10 members in a git repository, 100 orgs changed in the working
# tree (one member invited to each). Target (issue 10): check within 1.3x validate.
# Usage: bench/check.sh [ORGS] [CHANGED]
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-10000}; changed=${2:-100}
dir=${BENCH_DIR:-/dev/shm/roster-bench-check-$orgs}
swift build -c release --product roster >/dev/null
swift build -c release --product roster-synth >/dev/null
roster=$PWD/.build/release/roster
if [ ! -d "$dir/.git" ]; then
  rm -rf "$dir"
  .build/release/roster-synth --orgs "$orgs" --members-per-org 10 --shares $((orgs / 10)) "$dir" >/dev/null
  git -C "$dir" init -q && git -C "$dir" add -A && git -C "$dir" -c user.email=b@x -c user.name=b commit -qm base
fi
git -C "$dir" checkout -q -- . && git -C "$dir" clean -qfd
admin=$(python3 -c "import json; print(json.load(open('$dir/data/marketplace.json'))['admins'][0])")
# The batch invites one member into each of the first CHANGED enabled orgs; prints a super admin
# of the first of them (field-level policy then runs on all the changed files).
super=$(python3 - "$dir" "$changed" <<'PY'
import json, os, sys
root, n = sys.argv[1], int(sys.argv[2])
ids, first_admin = [], None
for name in sorted(os.listdir(f"{root}/data/orgs")):
    if not name.endswith(".json"): continue
    org = json.load(open(f"{root}/data/orgs/{name}"))
    if org["status"] != "enabled": continue
    ids.append(org["id"])
    if first_admin is None:
        first_admin = next(m["email"] for m in org["members"] if m["role"] == "super-admin")
    if len(ids) == n: break
json.dump([{"op": "member.invite", "org": i, "email": f"new-{i}@bench.example", "first": "New", "last": "Member",
            "role": "team-member"} for i in ids], open("/tmp/roster-bench-batch.json", "w"))
print(first_admin)
PY
)
ROSTER_ACTOR=$admin "$roster" apply /tmp/roster-bench-batch.json --root "$dir" >/dev/null
echo "data: $orgs orgs, $changed changed; actors $admin (provider admin) and $super (super admin)"
hyperfine --warmup 2 --runs 10 -i \
  -n validate "$roster validate --root $dir" \
  -n "check (admin)" "$roster check --root $dir --base HEAD --actor $admin" \
  -n "check (super admin)" "$roster check --root $dir --base HEAD --actor $super" \
  -n "check (no actor)" "$roster check --root $dir --base HEAD"
