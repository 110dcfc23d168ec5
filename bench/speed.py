#!/usr/bin/env python3
"""The rows of issue 14's table, run by bench/speed.sh (which builds roster and copies the data).
Usage: speed.py ROSTER BEFORE|'' SCRATCH SIZE...   (SCRATCH/SIZE holds a copy of the inputs)"""
import json, os, resource, shutil, statistics, subprocess, sys, time

roster, before, scratch, sizes = sys.argv[1], sys.argv[2], sys.argv[3], [int(n) for n in sys.argv[4:]]
binaries = [("roster", roster)] + ([("before", before)] if before else [])
runs = int(os.environ.get("RUNS", "5"))
runs_100k = int(os.environ.get("RUNS_100K", "3"))
# The diffs last tens of milliseconds, where one run's noise (another process, a page fault
# storm) moves a median of five by a fifth: they are run more often.
diff_runs = int(os.environ.get("DIFF_RUNS", str(max(runs, 25))))
rows = {}  # (measure, size, name) -> [(wall, cpu)]


def timed(argv, **kw):
    """Wall and user+system CPU seconds of one run (the child's rusage)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0 and argv[1:2] != ["validate"]:  # validate exits 1 on findings
        raise SystemExit(f"failed ({status}): {' '.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime


def peak_kb(argv):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def record(measure, size, name, sample):
    rows.setdefault((measure, size, name), []).append(sample)


def show(measure, size, name):
    s = rows.get((measure, size, name))
    if not s:
        return
    w, c = [x[0] for x in s], [x[1] for x in s]
    print(f"  {measure:22} {size:>7} {name:16} {min(w):8.3f} {statistics.median(w):8.3f} {max(w):8.3f}   cpu {statistics.median(c):7.3f}  (n={len(s)})")


def median(measure, size, name):
    s = rows.get((measure, size, name))
    return statistics.median(x[0] for x in s) if s else None


def toggle_org(root, i):
    """Renames one org (the middle one), as a hand edit would: a new name each time."""
    orgs = os.path.join(root, "data", "orgs")
    names = sorted(n for n in os.listdir(orgs) if n.endswith(".json"))
    target = os.path.join(orgs, names[len(names) // 2])
    text = open(target, encoding="utf-8").read()
    import re
    text = re.sub(r'"name": "(Changed \d+ )?', f'"name": "Changed {i} ', text, count=1)
    open(target, "w", encoding="utf-8").write(text)


def roster_rows(n):
    reps = runs_100k if n >= 100000 else runs
    outs = {name: f"{scratch}/out-{n}-{name}" for name, _ in binaries}
    # A copy of the records for each binary: the records a build keeps in .roster-cache/ are
    # for the binary that kept them, so with one root the two binaries threw away each other's.
    roots = {name: f"{scratch}/{n}-{name}" for name, _ in binaries}
    for name, _ in binaries:
        shutil.rmtree(roots[name], ignore_errors=True)
        subprocess.run(["cp", "-a", f"{scratch}/{n}", roots[name]], check=True)
    for i in range(reps):
        for name, exe in binaries:  # alternating A and B, so both see the same load
            root = roots[name]
            # A first build (a fresh clone, CI): no output, no records kept from an earlier build.
            shutil.rmtree(outs[name], ignore_errors=True)
            shutil.rmtree(f"{root}/.roster-cache", ignore_errors=True)
            record("full build", n, name, timed([exe, "build", "-q", "--root", root, "--out", outs[name]]))
            # Into an empty folder again, the records the first build kept in .roster-cache/ read.
            shutil.rmtree(outs[name], ignore_errors=True)
            record("full build, warm", n, name, timed([exe, "build", "-q", "--root", root, "--out", outs[name]]))
            record("validate", n, name, timed([exe, "validate", "--root", root]))
    for i in range(reps):
        for name, exe in binaries:
            record("no-op rebuild", n, name, timed([exe, "build", "-q", "--root", roots[name], "--out", outs[name]]))
    for i in range(reps):
        for name, _ in binaries:
            toggle_org(roots[name], i)
        for name, exe in binaries:
            record("one org changed (CLI)", n, name, timed([exe, "build", "-q", "--root", roots[name], "--out", outs[name]]))
    for name, _ in binaries:
        shutil.rmtree(roots[name], ignore_errors=True)
    return outs


def anchors(n, out):
    root = f"{scratch}/{n}"
    reps = runs_100k if n >= 100000 else runs
    files = subprocess.run(["find", root + "/data", "-name", "*.json"], capture_output=True, text=True).stdout.split()
    load = "import json,sys\nfor p in open(sys.argv[1]).read().split():\n    json.load(open(p,'rb'))"
    open(f"{scratch}/files-{n}", "w").write("\n".join(files))
    sizes = subprocess.run(["find", ".", "-type", "f", "-printf", "%s %P\\n"], cwd=out, capture_output=True, text=True).stdout
    open(f"{scratch}/sizes-{n}", "w").write(sizes)
    for i in range(reps):
        record("anchor json.load", n, "cpython", timed([sys.executable, "-c", load, f"{scratch}/files-{n}"]))
        record("anchor stat all", n, "find", timed(["find", root + "/data", root + "/content", root + "/site-templates", out, "-printf", "%s\n"]))
        shutil.rmtree(f"{scratch}/floor", ignore_errors=True)
        record("anchor create floor", n, "create-files", timed([f"{scratch}/create-files", f"{scratch}/sizes-{n}", f"{scratch}/floor"]))
    shutil.rmtree(f"{scratch}/floor", ignore_errors=True)


def hugo(n):
    """Hugo rendering the same org pages from front matter (as bench/build.sh does)."""
    if not shutil.which("hugo"):
        return
    site = f"{scratch}/hugo-{n}"
    os.makedirs(f"{site}/content/orgs", exist_ok=True)
    os.makedirs(f"{site}/layouts/_default", exist_ok=True)
    open(f"{site}/hugo.toml", "w").write('baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    open(f"{site}/layouts/_default/single.html", "w").write(
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>\n"
        "<p>{{ .Params.status }} · {{ len .Params.members }} members</p>\n"
        "<table>{{ range .Params.members }}<tr><td>{{ .name }}</td><td>{{ .email }}</td><td>{{ .role }}</td></tr>{{ end }}</table>\n"
        "</body></html>\n")
    open(f"{site}/layouts/_default/list.html", "w").write(
        '<!doctype html><html><body><table>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td>'
        "<td>{{ .Params.status }}</td></tr>{{ end }}</table></body></html>\n")
    orgs = f"{scratch}/{n}/data/orgs"
    for name in sorted(n for n in os.listdir(orgs) if n.endswith(".json")):
        org = json.load(open(f"{orgs}/{name}"))
        members = [{"name": m["firstName"] + " " + m["lastName"], "email": m["email"], "role": m["role"]} for m in org["members"]]
        with open(f"{site}/content/orgs/{org['id']}.md", "w") as f:
            f.write("---\n" + json.dumps({"title": org["name"], "status": org["status"], "members": members}) + "\n---\n")
    for i in range(runs_100k if n >= 100000 else runs):
        shutil.rmtree(f"{scratch}/public", ignore_errors=True)
        record("anchor hugo", n, "hugo", timed(["hugo", "--quiet", "--source", site, "--destination", f"{scratch}/public"]))
    shutil.rmtree(f"{scratch}/public", ignore_errors=True)
    shutil.rmtree(site)


def serve(n):
    """The preview's rebuild after one org changed (bench/serve.py), for each binary."""
    for name, exe in binaries:
        out = subprocess.run([sys.executable, "bench/serve.py", f"{scratch}/{n}", str(runs)], env={**os.environ, "ROSTER": exe},
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("trial"):
                record("serve rebuild", n, name, (float(line.split()[-2]) / 1000, 0.0))


def diff(n):
    """`roster diff` of a commit that changes 100 orgs, against `git diff` of the same range."""
    repo = f"{scratch}/{n}"
    # No automatic gc: a detached `git gc --auto` after the commits removed objects while the
    # repository was being removed below (FileNotFoundError in rmtree).
    git = ["git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "gc.auto=0"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    orgs = sorted(n for n in os.listdir(f"{repo}/data/orgs") if n.endswith(".json"))
    for name in orgs[:: max(1, len(orgs) // 100)][:100]:
        path = f"{repo}/data/orgs/{name}"
        text = open(path, encoding="utf-8").read().replace('"name": "', '"name": "Diffed ', 1)
        open(path, "w", encoding="utf-8").write(text)
    subprocess.run(git + ["commit", "-qam", "100 orgs"], check=True)
    for i in range(diff_runs):
        record("git diff 100 orgs", n, "git", timed(["git", "-C", repo, "diff", "HEAD~1", "HEAD"]))
        for name, exe in binaries:
            record("roster diff 100 orgs", n, name, timed([exe, "diff", "HEAD~1", "HEAD", "--root", repo]))
    shutil.rmtree(f"{repo}/.git")


def peaks(n, outs):
    for name, exe in binaries:
        shutil.rmtree(outs[name], ignore_errors=True)
        shutil.rmtree(f"{scratch}/{n}/.roster-cache", ignore_errors=True)
        rows[("peak full build", n, name)] = peak_kb([exe, "build", "-q", "--root", f"{scratch}/{n}", "--out", outs[name]])
        shutil.rmtree(outs[name], ignore_errors=True)
        rows[("peak full build, warm", n, name)] = peak_kb([exe, "build", "-q", "--root", f"{scratch}/{n}", "--out", outs[name]])
        rows[("peak validate", n, name)] = peak_kb([exe, "validate", "--root", f"{scratch}/{n}"])


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def memory():
    """Available memory and what tmpfs holds: a tmpfs left full of old outputs made the page
    cache short, and the 100k rows of both binaries a fifth slower (no-op 0.45 s against 0.36)."""
    info = {}
    for line in open("/proc/meminfo"):
        key, value = line.split(":", 1)
        info[key] = int(value.split()[0]) // 1024
    line = f"memory: {info['MemAvailable']} MB available of {info['MemTotal']}, {info['Shmem']} MB in tmpfs"
    if info["Shmem"] > info["MemTotal"] // 5:
        line += "  (warning: a full tmpfs slows the file-heavy rows; clear /dev/shm before comparing runs)"
    return line


print("start:", uptime(), flush=True)
print(memory(), flush=True)
for n in sizes:
    outs = roster_rows(n)
    anchors(n, outs["roster"])
    if n <= 10000:
        hugo(n)
    if n == 10000:
        serve(n)
        diff(n)
    if n == max(sizes):
        peaks(n, outs)
    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
    print(f"{n} orgs done: {uptime()}", flush=True)

print("\nwall seconds: min / median / max, and the median user+system CPU")
measures = ["full build", "full build, warm", "validate", "no-op rebuild", "one org changed (CLI)", "serve rebuild", "roster diff 100 orgs",
            "git diff 100 orgs", "anchor hugo", "anchor create floor", "anchor json.load", "anchor stat all"]
for m in measures:
    for n in sizes:
        for name in [b[0] for b in binaries] + ["git", "hugo", "create-files", "cpython", "find"]:
            show(m, n, name)
for key in sorted(k for k in rows if k[0].startswith("peak")):
    print(f"  {key[0]:22} {key[1]:>7} {key[2]:16} {rows[key] / 1024:8.0f} MB")

print("\nagainst the targets (median; ok / MISSED)")
def check(label, value, limit):
    if value is not None:
        print(f"  {label:58} {value:8.3f}  target <= {limit:<6} {'ok' if value <= limit else 'MISSED'}")
def ratio(a, b):
    return a / b if a is not None and b else None
for name, _ in binaries:
    print(f" {name}:")
    for full in ("full build", "full build, warm"):
        check(f"{full} 10k / hugo", ratio(median(full, 10000, name), median("anchor hugo", 10000, "hugo")), 0.25)
        check(f"{full} 10k / create-files floor", ratio(median(full, 10000, name), median("anchor create floor", 10000, "create-files")), 1.5)
    for n in (10000, 100000):
        check(f"validate {n} / CPython json.load", ratio(median("validate", n, name), median("anchor json.load", n, "cpython")), 0.8)
    check("one org changed (CLI) at 10k, s", median("one org changed (CLI)", 10000, name), 0.25)
    check("no-op rebuild at 100k, s", median("no-op rebuild", 100000, name), 0.4)
    for m in ("full build", "full build, warm", "validate", "no-op rebuild", "one org changed (CLI)"):
        check(f"{m} 100k / 10k", ratio(median(m, 100000, name), median(m, 10000, name)), 10.5)
    check("roster diff / git diff (100 orgs, 10k)", ratio(median("roster diff 100 orgs", 10000, name), median("git diff 100 orgs", 10000, "git")), 3)
    if ("peak full build", 100000, name) in rows:
        check("peak memory full build 100k, MB", rows[("peak full build", 100000, name)] / 1024, 600)
        check("peak memory full build 100k, warm, MB", rows[("peak full build, warm", 100000, name)] / 1024, 600)
        check("peak memory validate 100k, MB", rows[("peak validate", 100000, name)] / 1024, 500)
print("\nend:", uptime())
