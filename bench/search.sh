#!/usr/bin/env bash
# Typing a query into the Consumer Orgs page of a built portal, in headless Chromium from
# file://, until the table shows the results: each query REPS times (default 5), each time on a
# freshly opened page (cold: the manifest and the pieces it needs are loaded), then min/median/max.
# Usage: bench/search.sh SITE-DIR [REPS]   (e.g. a roster build of roster-synth --orgs 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
site=$1; reps=${2:-5}
script=$(mktemp)
python3 - "$site" "$reps" "$script" <<'PY'
import json, sys
site, reps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
typed = """new Promise(function (done) {
  var table = document.getElementById("orgs-table"), q = document.getElementById("org-search");
  table.setAttribute("aria-busy", "pending");
  new MutationObserver(function () {
    if (table.getAttribute("aria-busy") === "false") done([performance.now() - start, document.querySelector("output").textContent]);
  }).observe(table, { attributes: true });
  var start = performance.now();
  q.value = QUERY; q.dispatchEvent(new Event("input"));
})"""
queries = ["Org 7", "7", "analytics", "lovelace", "org-54321", "ada hop"]
steps = []
for q in queries:
    for _ in range(reps):
        steps += [{"open": "file://" + site + "/orgs/index.html", "width": 1400}, {"eval": typed.replace("QUERY", json.dumps(q))}]
steps.append({"eval": json.dumps(queries)})
json.dump(steps, open(out, "w"))
PY
python3 Tests/RosterSiteTests/Support/browser.py "$script" | python3 -c '
import json, statistics, sys
values = json.load(sys.stdin); queries = values.pop(); reps = len(values) // len(queries)
for i, q in enumerate(queries):
    runs = values[i * reps:(i + 1) * reps]; ms = sorted(r[0] for r in runs)
    print(f"{q!r:14} min {ms[0]:6.1f}  median {statistics.median(ms):6.1f}  max {ms[-1]:6.1f} ms  ({runs[0][1]})")'
rm -f "$script"
