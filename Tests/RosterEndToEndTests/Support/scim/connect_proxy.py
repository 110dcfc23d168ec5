"""A forward proxy on 127.0.0.1:PORT that tunnels CONNECT requests (as an https proxy does) and
writes one line per tunnel to LOG: "CONNECT host:port auth" when a Proxy-Authorization header
came with it, "CONNECT host:port none" otherwise. Anything but CONNECT gets a 405.

Usage: connect_proxy.py PORT LOG
"""
import select
import socket
import socketserver
import sys


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode("latin-1").strip()
        headers = []
        while True:
            header = self.rfile.readline().decode("latin-1").strip()
            if not header:
                break
            headers.append(header.lower())
        method, _, rest = line.partition(" ")
        target = rest.split(" ")[0]
        if method != "CONNECT":
            self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        auth = "auth" if any(h.startswith("proxy-authorization: basic ") for h in headers) else "none"
        with open(sys.argv[2], "a", encoding="utf-8") as log:
            log.write(f"CONNECT {target} {auth}\n")
        host, _, port = target.rpartition(":")
        upstream = socket.create_connection((host, int(port)))
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        ends = [self.connection, upstream]
        while True:
            ready, _, _ = select.select(ends, [], [], 30)
            if not ready:
                break
            for end in ready:
                data = end.recv(65536)
                if not data:
                    upstream.close()
                    return
                (upstream if end is self.connection else self.connection).sendall(data)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", int(sys.argv[1])), Handler)
print("ready", flush=True)
server.serve_forever()
