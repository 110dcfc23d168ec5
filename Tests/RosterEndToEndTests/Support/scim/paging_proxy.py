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
import json
import sys
import threading
import time
import uuid
import urllib.parse

from scim_relay import Relay, serve

port, upstream, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
state = {"pages": 0}


class Proxy(Relay):
    def relay(self):
        body = self.request_body()
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
        status, data = self.forward(path, body)
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


Proxy.upstream = upstream
serve(Proxy, port)
