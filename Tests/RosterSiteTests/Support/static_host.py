"""A static host as GitHub Pages or S3 behave: serves DIR under PREFIX, and 404.html (status 404)
at every missing address. Prints its port, then serves until killed. Used by BrowserTests."""
import http.server, io, os, sys

ROOT, PREFIX = sys.argv[1], sys.argv[2]


class Host(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        path = path.split("?")[0]
        return os.path.join(ROOT, path[len(PREFIX):]) if path.startswith(PREFIX) else "/nonexistent"

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            return super().send_head()
        body = open(os.path.join(ROOT, "404.html"), "rb").read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Host)
print(server.server_address[1], flush=True)
server.serve_forever()
