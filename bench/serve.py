#!/usr/bin/env python3
"""Times `roster serve`'s live reload: starts the server on a synthetic repository, opens the
reload event stream as a page would, changes one org's name on disk (as an editor saves it),
and measures the time from the save to the `event: reload` line. Prints each trial and the
median; with BENCH_VERBOSE=1 also the server's own timing of each build step.
Usage: [ROSTER=path/to/roster] bench/serve.py REPO [TRIALS]  (REPO from roster-synth; default roster:
.build/release/roster)"""
import os, re, socket, statistics, subprocess, sys, time

repo = sys.argv[1]
trials = int(sys.argv[2]) if len(sys.argv) > 2 else 7
roster = os.environ.get("ROSTER") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "roster")
verbose = os.environ.get("BENCH_VERBOSE") == "1"
server = subprocess.Popen([roster, "serve", "--root", repo, "--port", "0"] + (["--verbose"] if verbose else []),
                          stdout=subprocess.PIPE, text=True)
port = None
for line in server.stdout:
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if m:
        port = int(m.group(1))
        break
assert port, "the server printed no URL"

sock = socket.create_connection(("127.0.0.1", port))
sock.sendall(f"GET /__roster/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
buffer = b""
def wait_for(marker):
    global buffer
    while marker not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit("the event stream closed")
        buffer += chunk
    buffer = buffer[buffer.index(marker) + len(marker):]
wait_for(b"event: hello")

orgs = os.path.join(repo, "data", "orgs")
target = os.path.join(orgs, sorted(n for n in os.listdir(orgs) if n.endswith(".json"))[len(os.listdir(orgs)) // 2])
original = open(target, encoding="utf-8").read()
times = []
try:
    for i in range(trials):
        changed = original.replace('"name": "', f'"name": "Renamed {i} ', 1)
        time.sleep(0.5)
        start = time.monotonic()
        with open(target, "w", encoding="utf-8") as f:
            f.write(changed)
        wait_for(b"event: reload")
        times.append(time.monotonic() - start)
        print(f"trial {i + 1}: reload event after {times[-1] * 1000:.0f} ms", flush=True)
finally:
    with open(target, "w", encoding="utf-8") as f:
        f.write(original)
    server.terminate()
    rest = server.communicate()[0]
    if verbose:
        print(rest)
print(f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} trials")
