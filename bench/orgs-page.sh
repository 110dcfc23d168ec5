#!/usr/bin/env bash
# The Consumer Orgs page at 100,000 orgs x 10 members and 10,000 shares, all on /dev/shm:
# the full build time (and that of another roster binary, BEFORE_ROSTER=path, for comparison),
# the largest HTML page and the largest search-index piece, and in headless Chromium the time
# from typing a query to the results shown (cold: pieces loaded; warm: already loaded).
# Usage: bench/orgs-page.sh [ORGS]
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-100000}
dir=/dev/shm/roster-orgs-page-$orgs
out=$dir-site
swift build -c release --product roster >/dev/null
swift build -c release --product roster-synth >/dev/null
roster=$PWD/.build/release/roster
[ -f "$dir/data/marketplace.json" ] || .build/release/roster-synth --orgs "$orgs" --members-per-org 10 --shares 10000 "$dir" >/dev/null
# The default templates of the binary under test (roster-synth writes those it was built with).
rm -rf "$dir/site-templates" && cp -r site-templates "$dir/"

seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $start" | bc; }
fresh() { rm -rf "$out"; seconds "$1" build --root "$dir" --out "$out"; }

if [ -n "${BEFORE_ROSTER:-}" ]; then
  before=$(fresh "$BEFORE_ROSTER")
  echo "full build, $BEFORE_ROSTER: $before s; orgs/index.html $(( $(stat -c %s "$out/orgs/index.html") / 1024 )) KB, search-index.json $(( $(stat -c %s "$out/search-index.json") / 1024 )) KB"
fi
echo "full build, this roster: $(fresh "$roster") s ($(find "$out" -type f | wc -l) files)"
largest() { find "$out" "${@:2}" -type f -name "$1" -printf '%s %P\n' | sort -n | tail -1 | awk '{ printf "%d KB (%s)", $1 / 1024, $2 }'; }
echo "largest HTML page: $(largest '*.html'); of the Consumer Orgs list: $(largest '*.html' -maxdepth 2 -path "$out/orgs/*")"
echo "largest search-index piece: $(largest '*.js' -path "$out/search/*"), search-index.json $(( $(stat -c %s "$out/search-index.json") / 1024 )) KB"
echo "search pieces: $(ls "$out/search" | wc -l) files, $(du -sk "$out/search" | cut -f1) KB in all"

# Typing a query into the Consumer Orgs page (from file://) until the table shows the results;
# the first query loads the manifest and its pieces, the others what they need besides.
script=$(mktemp)
python3 - "$out" "$script" <<'PY'
import json, sys
typed = """new Promise(function (done) {
  var table = document.getElementById("orgs-table"), q = document.getElementById("org-search");
  table.setAttribute("aria-busy", "pending");
  new MutationObserver(function () {
    if (table.getAttribute("aria-busy") === "false") done([Math.round(performance.now() - start), document.querySelector("output").textContent]);
  }).observe(table, { attributes: true });
  var start = performance.now();
  q.value = QUERY; q.dispatchEvent(new Event("input"));
})"""
queries = ["org-54321", "lovelace", "wonka energy 9", "ada hop", "org-9876"]
steps = [{"open": "file://" + sys.argv[1] + "/orgs/index.html", "width": 1400}]
steps += [{"eval": typed.replace("QUERY", json.dumps(q))} for q in queries]
# Then the whole list sorted by users, most first: every rows piece is loaded.
sort = typed.replace('q.value = QUERY; q.dispatchEvent(new Event("input"));',
                     'q.value = ""; var s = document.getElementById("org-sort"); s.value = "-users"; s.dispatchEvent(new Event("change"));')
steps.append({"eval": sort})
queries.append("(none), sorted by users")
steps.append({"eval": json.dumps(queries)})
json.dump(steps, open(sys.argv[2], "w"))
PY
python3 Tests/RosterSiteTests/Support/browser.py "$script" | python3 -c '
import json, sys
values = json.load(sys.stdin)
for n, (q, (ms, shown)) in enumerate(zip(values[-1], values)):
    first = " (first query)" if n == 0 else ""
    print(f"typing {q!r}{first}: {ms} ms to results ({shown})" if "sorted" not in q else f"all orgs sorted by users: {ms} ms ({shown})")'
rm -f "$script"
