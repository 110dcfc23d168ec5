"""A proxy in front of scim2-server that gives resources the ids a hostile server could give.

Usage: id_proxy.py PORT UPSTREAM MAPPING. Listens on 127.0.0.1:PORT and passes every request to
UPSTREAM (http://127.0.0.1:P). MAPPING is a JSON file {real id: id shown}: in every answer that
lists Users or Groups, a resource's id and a group member's value are shown as MAPPING says
("..", "a/b", "x?y", ...). A request to exactly one resource, /v2/Users/SEGMENT or
/v2/Groups/SEGMENT, is logged to stderr as a JSON line {"method", "path", "id"} with SEGMENT
percent-decoded as "id", and sent on with the real id in its place; any other request but a GET
is logged with its raw path alone. So the log shows which resource each change addressed.
"""
import http.server
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

port, upstream, mapping_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(mapping_file) as f:
    shown = json.load(f)
real = {v: k for k, v in shown.items()}


class Proxy(http.server.BaseHTTPRequestHandler):
    def relay(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
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
        request = urllib.request.Request(upstream + path, data=body, method=self.command)
        for key in ("Authorization", "Content-Type", "Accept"):
            if self.headers.get(key):
                request.add_header(key, self.headers[key])
        try:
            with urllib.request.urlopen(request) as response:
                status, data = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        if status == 200 and self.command == "GET" and (raw.endswith("/Users") or raw.endswith("/Groups")):
            page = json.loads(data)
            for resource in page.get("Resources", []):
                resource["id"] = shown.get(resource.get("id"), resource.get("id"))
                for member in resource.get("members", []):
                    member["value"] = shown.get(member.get("value"), member.get("value"))
            data = json.dumps(page).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/scim+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log(self, entry):
        sys.stderr.write(json.dumps(entry) + "\n")
        sys.stderr.flush()

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = relay

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Proxy)
print("ready", flush=True)
server.serve_forever()
