"""What the hostile SCIM proxies in this folder share: reading a request, passing it on to the
real server with its credentials, answering, and serving on a loopback port.

A proxy subclasses Relay, sets `upstream` (http://127.0.0.1:P) and defines `relay(self)`, which
every method (GET, POST, PATCH, PUT, DELETE) calls; serve() prints "ready" once it listens.
"""
import http.server
import urllib.error
import urllib.request


class Relay(http.server.BaseHTTPRequestHandler):
    upstream = ""

    def request_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else None

    def upstream_request(self, path, body):
        """The request to send the real server for PATH, with the client's credentials and types."""
        request = urllib.request.Request(self.upstream + path, data=body, method=self.command)
        for key in ("Authorization", "Content-Type", "Accept"):
            if self.headers.get(key):
                request.add_header(key, self.headers[key])
        return request

    def forward(self, path, body):
        """(status, body) of the real server's answer to this request sent to PATH."""
        try:
            with urllib.request.urlopen(self.upstream_request(path, body)) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def answer(self, status, body, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/scim+json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.relay()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def log_message(self, *args):
        pass


def serve(handler, port):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    print("ready", flush=True)
    server.serve_forever()
