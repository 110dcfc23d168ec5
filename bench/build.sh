#!/usr/bin/env bash
# Times `roster build` (release) on a synthetic marketplace (default 10,000 orgs x 10 members,
# 1,000 shares) against its anchors, in one run, and prints the ratios:
# - a full build into an empty folder, with Hugo rendering the same org pages in the same
#   hyperfine run (and BASELINE=/path/to/an/older/roster beside it, for an A/B);
# - the floor: creating the same files with open/write/close in C (bench/create-files.c);
# - peak memory of the full build;
# - a second build with nothing changed, and a build after one org changed.
# Outputs go to /dev/shm when there is one (the disk is slow for many small files).
# ROSTER_BUILD_TIMINGS=1 roster build ... prints the time of every part of every step.
# Usage: [BASELINE=old-roster] [RUNS=10] bench/build.sh [ORGS] [MEMBERS] [SHARES]
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-10000}; members=${2:-10}; shares=${3:-1000}; runs=${RUNS:-10}
dir=${BENCH_DIR:-/tmp/roster-bench-$orgs-$members-$shares}
swift build -c release --product roster >/dev/null 2>&1
swift build -c release --product roster-synth >/dev/null 2>&1
roster=$PWD/.build/release/roster
[ -f "$dir/data/marketplace.json" ] || .build/release/roster-synth --orgs "$orgs" --members-per-org "$members" --shares "$shares" "$dir" >/dev/null
scratch=$(mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo /tmp)/roster-bench.XXXX")
trap 'rm -rf "$scratch"' EXIT
out=$scratch/site
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $orgs orgs, outputs in $scratch"

# The Hugo site: one page per org from front matter, as content/orgs/<id>.md.
hugo_dir=$dir-hugo
if command -v hugo >/dev/null && [ ! -d "$hugo_dir/content/orgs" ]; then
  mkdir -p "$hugo_dir/content/orgs" "$hugo_dir/layouts/_default"
  printf 'baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$hugo_dir/hugo.toml"
  cat > "$hugo_dir/layouts/_default/single.html" <<'HTML'
<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>
<p>{{ .Params.status }} · {{ len .Params.members }} members</p>
<table>{{ range .Params.members }}<tr><td>{{ .name }}</td><td>{{ .email }}</td><td>{{ .role }}</td></tr>{{ end }}</table>
</body></html>
HTML
  cat > "$hugo_dir/layouts/_default/list.html" <<'HTML'
<!doctype html><html><body><table>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.status }}</td></tr>{{ end }}</table></body></html>
HTML
  python3 - "$dir" "$hugo_dir" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(n for n in os.listdir(src + "/data/orgs") if n.endswith(".json")):
    org = json.load(open(f"{src}/data/orgs/{name}"))
    with open(f"{dst}/content/orgs/{org['id']}.md", "w") as f:
        f.write("---\n" + json.dumps({"title": org["name"], "status": org["status"],
                "members": [{"name": m["firstName"] + " " + m["lastName"], "email": m["email"], "role": m["role"]} for m in org["members"]]}) + "\n---\n")
PY
fi

# Full builds, each into an emptied folder, in one hyperfine run.
commands=(-n roster --prepare "rm -rf $out" "$roster build -q --root $dir --out $out")
[ -n "${BASELINE:-}" ] && commands+=(-n baseline --prepare "rm -rf $out" "$BASELINE build -q --root $dir --out $out")
command -v hugo >/dev/null && commands+=(-n hugo --prepare "rm -rf $scratch/public" "hugo --quiet --source $hugo_dir --destination $scratch/public")
hyperfine --warmup 1 --runs "$runs" --export-json "$scratch/full.json" "${commands[@]}" >/dev/null

# The floor: the same files (paths and sizes of the last full build) created by C, one thread.
gcc -O2 -o "$scratch/create-files" bench/create-files.c
(cd "$out" && find . -type f -printf "%s %P\n") > "$scratch/sizes"
for i in $(seq 5); do rm -rf "$scratch/floor"; "$scratch/create-files" "$scratch/sizes" "$scratch/floor"; done | awk '{print $4}' > "$scratch/floor.txt"

python3 - "$scratch/full.json" "$scratch/floor.txt" "$(wc -l < "$scratch/sizes")" <<'PY'
import json, statistics, sys
results = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}
floor = [float(x) for x in open(sys.argv[2])]
print(f"full build, {sys.argv[3]} files (min / median / max, s):")
for name, times in list(results.items()) + [("create-files floor", floor)]:
    print(f"  {name:20} {min(times):.3f} / {statistics.median(times):.3f} / {max(times):.3f}")
roster = statistics.median(results["roster"])
for name in ("hugo", "baseline"):
    if name in results: print(f"ratio roster / {name}: {roster / statistics.median(results[name]):.2f}")
print(f"ratio roster / floor: {roster / statistics.median(floor):.2f}")
PY
rm -rf "$out"
/usr/bin/time -f "peak memory of a full build: %M KB (%e s, %U s user, %S s system)" "$roster" build -q --root "$dir" --out "$out" >/dev/null
[ -n "${BASELINE:-}" ] && rm -rf "$out.base" && /usr/bin/time -f "baseline: %M KB (%e s, %U s user, %S s system)" "$BASELINE" build -q --root "$dir" --out "$out.base" >/dev/null && rm -rf "$out.base"

seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $start" | bc; }
again=$(seconds "$roster" build --root "$dir" --out "$out")
first=$(cd "$dir/data/orgs" && set -- *.json && echo "$1")
# Rename the org (its first "name" line), as a hand edit would.
sed -i '0,/"name": "/s//"name": "Changed /' "$dir/data/orgs/$first"
start=$(date +%s.%N)
report=$("$roster" build --root "$dir" --out "$out" 2>/dev/null)
one=$(echo "$(date +%s.%N) - $start" | bc)
sed -i '0,/"name": "Changed /s//"name": "/' "$dir/data/orgs/$first"
echo "nothing changed $again s, one org changed $one s ($(echo "$report" | head -1))"
