#!/usr/bin/env bash
# Times `roster build` (release) on a synthetic marketplace of 10,000 orgs x 10 members and
# 1,000 shares: a full build into an empty folder, a second build with nothing changed, and a
# build after one org changed. Then renders 10,000 equivalent pages (one per org, from front
# matter) with Hugo and prints the ratio. Usage: bench/build.sh [ORGS] [MEMBERS] [SHARES]
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-10000}; members=${2:-10}; shares=${3:-1000}
dir=${BENCH_DIR:-/tmp/roster-bench-$orgs-$members-$shares}
out=$dir-site
swift build -c release --product roster >/dev/null
swift build -c release --product roster-synth >/dev/null
roster=$PWD/.build/release/roster
[ -f "$dir/data/marketplace.json" ] || .build/release/roster-synth --orgs "$orgs" --members-per-org "$members" --shares "$shares" "$dir" >/dev/null

seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $start" | bc; }

# Old output is moved aside and deleted at the end: on ext4 without a journal, creating files
# right after deleting thousands makes the kernel scan recently freed inodes (seconds).
trash=$(mktemp -d "$dir-trash.XXXX")
[ -d "$out" ] && mv "$out" "$trash/"
full=$(seconds "$roster" build --root "$dir" --out "$out")
again=$(seconds "$roster" build --root "$dir" --out "$out")
first=$(cd "$dir/data/orgs" && set -- *.json && echo "$1")
# Rename the org (its first "name" line), as a hand edit would.
sed -i '0,/"name": "/s//"name": "Changed /' "$dir/data/orgs/$first"
start=$(date +%s.%N)
report=$("$roster" build --root "$dir" --out "$out" 2>/dev/null)
one=$(echo "$(date +%s.%N) - $start" | bc)
sed -i '0,/"name": "Changed /s//"name": "/' "$dir/data/orgs/$first"
echo "roster build, $orgs orgs ($(find "$out" -type f | wc -l) files): full $full s, nothing changed $again s, one org changed $one s"
echo "  after one org changed: $(echo "$report" | head -1)"
# Every page rendered again and compared, none written (the manifest is gone, the files not).
rm "$out/.roster-build.json"
echo "  every page rendered again, none written: $(seconds "$roster" build --root "$dir" --out "$out") s"
if [ -d /dev/shm ]; then
  shm=$(mktemp -d /dev/shm/roster-bench.XXXX)
  echo "  full build into memory (tmpfs): $(seconds "$roster" build --root "$dir" --out "$shm/site") s"
  rm -rf "$shm"
fi
# The floor: the same files created by a minimal C program, into a new folder on the same disk.
if command -v gcc >/dev/null; then
  gcc -O2 -o "$trash/create-files" bench/create-files.c
  (cd "$out" && find . -type f -printf "%s %P\n") > "$trash/sizes"
  echo "  floor, creating the same files with open/write/close in C: $("$trash/create-files" "$trash/sizes" "$trash/floor")"
fi

if command -v hugo >/dev/null; then
  hugo_dir=$dir-hugo
  if [ ! -d "$hugo_dir/content/orgs" ]; then
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
  [ -d "$hugo_dir/public" ] && mv "$hugo_dir/public" "$trash/hugo-public"
  hugo_time=$(seconds hugo --source "$hugo_dir" --quiet)
  echo "hugo $(hugo version | cut -d' ' -f2), $orgs pages: $hugo_time s"
  echo "ratio roster full build / hugo: $(echo "scale=2; $full / $hugo_time" | bc)"
fi
rm -rf "$trash"
