"""A proxy in front of scim2-server that gives resources the ids a hostile server could give.

Usage: id_proxy.py PORT UPSTREAM MAPPING. Listens on 127.0.0.1:PORT and passes every request to
UPSTREAM (http://127.0.0.1:P). MAPPING is a JSON file {real id: id shown}: in every answer that
lists Users or Groups, a resource's id and a group member's value are shown as MAPPING says
("..", "a/b", "x?y", ...). A request to exactly one resource, /v2/Users/SEGMENT or
/v2/Groups/SEGMENT, is logged to stderr as a JSON line {"method", "path", "id"} with SEGMENT
percent-decoded as "id", and sent on with the real id in its place; any other request but a GET
is logged with its raw path alone. So the log shows which resource each change addressed.
"""
import json
import sys
import urllib.parse

from scim_relay import Relay, serve

port, upstream, mapping_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(mapping_file) as f:
    shown = json.load(f)
real = {v: k for k, v in shown.items()}


class Proxy(Relay):
    def relay(self):
        body = self.request_body()
        raw, _, query = self.path.partition("?")
        parts = raw.split("/")
        path = self.path
        if len(parts) == 4 and parts[1] == "v2" and parts[2] in ("Users", "Groups"):
            decoded = urllib.parse.unquote(parts[3])
            self.log({"method": self.command, "path": self.path, "id": decoded})
            target = real.get(decoded, decoded)
            path = "/".join(parts[:3] + [urllib.parse.quote(target, safe="")]) + ("?" + query if query else "")
        elif self.command != "GET":
            self.log({"method": self.command, "path": self.path})
        status, data = self.forward(path, body)
        if status == 200 and self.command == "GET" and (raw.endswith("/Users") or raw.endswith("/Groups")):
            page = json.loads(data)
            for resource in page.get("Resources", []):
                resource["id"] = shown.get(resource.get("id"), resource.get("id"))
                for member in resource.get("members", []):
                    member["value"] = shown.get(member.get("value"), member.get("value"))
            data = json.dumps(page).encode()
        self.answer(status, data)

    def log(self, entry):
        sys.stderr.write(json.dumps(entry) + "\n")
        sys.stderr.flush()


Proxy.upstream = upstream
serve(Proxy, port)
