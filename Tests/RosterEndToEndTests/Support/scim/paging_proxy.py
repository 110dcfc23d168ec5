"""A proxy in front of scim2-server whose listings page wrongly, as buggy or hostile servers do.

Usage: paging_proxy.py PORT UPSTREAM MODE. Listens on 127.0.0.1:PORT and passes every request to
UPSTREAM (http://127.0.0.1:P). ServiceProviderConfig says pages hold at most 5 resources (0 with
MODE "zero"). A listing (a GET with startIndex and a count above 0) is changed by MODE:
- "overlap": each page after the first starts two resources early (a resource shows on two pages);
- "repeat": startIndex is ignored (the first page every time) and totalResults is 10,000; after
  100 such pages the answer is a 500 whose detail is "endless paging";
- "fresh": as "repeat", but every resource listed gets a fresh id, so none shows twice, and
  totalResults is 10^9;
- "fresh-open": as "fresh", without a totalResults;
- "stop": pages after the first are empty, though totalResults still counts every resource;
- "zero": passed on as they are;
- "loud": every request gets a 401 whose detail and scimType are 20,000 characters long;
- "slow": every request is answered 1.5 s late (within a --timeout of 2);
- "slow-writes": every request but a GET is answered 1 s late.
Every listing request is logged to stderr.
"""
import http.server
import json
import sys
import threading
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request

port, upstream, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
state = {"pages": 0}


class Proxy(http.server.BaseHTTPRequestHandler):
    def relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        listing = self.command == "GET" and "startIndex" in query and int(query.get("count", "1")) > 0
        start = int(query.get("startIndex", "1"))
        if mode == "slow" or (mode == "slow-writes" and self.command != "GET"):
            time.sleep(1.5 if mode == "slow" else 1)
        if mode == "loud":
            return self.answer(401, json.dumps({"status": "401", "scimType": "s" * 20000, "detail": "d" * 20000}).encode())
        if listing:
            sys.stderr.write(f"list {self.path}\n")
            with lock:
                state["pages"] += 1
                pages = state["pages"]
            if mode in ("repeat", "fresh", "fresh-open") and pages > 100:
                return self.answer(500, b'{"status": "500", "detail": "endless paging"}')
            if mode == "overlap" and start > 1:
                query["startIndex"] = str(max(1, start - 2))
            if mode in ("repeat", "fresh", "fresh-open"):
                query["startIndex"] = "1"
        path = url.path + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(upstream + path, data=body, method=self.command)
        for key in ("Authorization", "Content-Type", "Accept"):
            if self.headers.get(key):
                request.add_header(key, self.headers[key])
        try:
            with urllib.request.urlopen(request) as response:
                status, data = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        if status == 200 and url.path.endswith("/ServiceProviderConfig"):
            config = json.loads(data)
            config.setdefault("filter", {})["maxResults"] = 0 if mode == "zero" else 5
            data = json.dumps(config).encode()
        elif status == 200 and listing:
            page = json.loads(data)
            if mode == "repeat":
                page["totalResults"] = 10**4
            if mode in ("fresh", "fresh-open"):
                for resource in page.get("Resources", []):
                    resource["id"] = str(uuid.uuid4())
                page["totalResults"] = 10**9
                if mode == "fresh-open":
                    del page["totalResults"]
            if mode == "stop" and start > 1:
                page["Resources"] = []
            data = json.dumps(page).encode()
        self.answer(status, data)

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/scim+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = relay

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Proxy)
print("ready", flush=True)
server.serve_forever()
