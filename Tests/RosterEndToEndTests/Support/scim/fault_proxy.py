"""A tiny HTTP proxy in front of scim2-server that injects the failures roster sync must survive.

Usage: fault_proxy.py PORT UPSTREAM FAIL_EMAIL [LOST_EMAIL [lose-first-delete]]. Listens on 127.0.0.1:PORT and
passes every request to UPSTREAM (http://127.0.0.1:P), except:
- with FAIL_EMAIL "redirect", every request gets 307 Temporary Redirect to the same path on
  UPSTREAM (a client that followed would reach a working server);
- the first POST to .../Users gets 429 Too Many Requests with Retry-After: 1 (then passes); the
  same request sent again less than a second later gets 400, whose detail says so;
- every request whose body names FAIL_EMAIL gets 500 with a SCIM error whose detail says so;
- the first POST whose body names LOST_EMAIL is passed on (the server creates the user), but
  its answer is lost: the client gets 502, as from a gateway that timed out;
- with lose-first-delete, the first DELETE is passed on (the server deletes), and its answer is
  lost the same way.
Prints "ready" once listening; each injected failure is logged to stderr.
"""
import sys
import threading
import time
import urllib.error
import urllib.request

from scim_relay import Relay, serve

port, upstream, fail_email = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lost_email = sys.argv[4] if len(sys.argv) > 4 else None
lose_delete = len(sys.argv) > 5 and sys.argv[5] == "lose-first-delete"
lock = threading.Lock()
state = {"throttled": None, "lost": False, "lost_delete": False}


class Proxy(Relay):
    def relay(self):
        body = self.request_body()
        if fail_email == "redirect":
            return self.answer(307, b"", {"Location": upstream + self.path})
        with lock:
            throttle = self.command == "POST" and self.path.endswith("/Users") and state["throttled"] is None
            if throttle:
                state["throttled"] = (body, time.monotonic())
        if throttle:
            sys.stderr.write("injected 429\n")
            return self.answer(429, b'{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "429", "detail": "slow down"}', {"Retry-After": "1"})
        if self.command == "POST" and state["throttled"] and state["throttled"][0] == body:
            waited = time.monotonic() - state["throttled"][1]
            if waited < 1:
                detail = f"retried {waited:.2f} s after a 429 with Retry-After: 1".encode()
                return self.answer(400, b'{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400", "detail": "' + detail + b'"}', {})
        if body and fail_email.encode() in body:
            sys.stderr.write("injected 500\n")
            return self.answer(500, b'{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "500", "detail": "injected failure for this user"}', {})
        request = self.upstream_request(self.path, body)
        lose = self.command == "POST" and lost_email and body and lost_email.encode() in body and not state["lost"]
        lose_this_delete = self.command == "DELETE" and lose_delete and not state["lost_delete"]
        try:
            with urllib.request.urlopen(request) as response:
                if lose:
                    state["lost"] = True
                    sys.stderr.write("lost the answer to a POST\n")
                    return self.answer(502, b"upstream timed out", {})
                if lose_this_delete:
                    state["lost_delete"] = True
                    sys.stderr.write("lost the answer to a DELETE\n")
                    return self.answer(502, b"upstream timed out", {})
                self.answer(response.status, response.read(), {})
        except urllib.error.HTTPError as error:
            self.answer(error.code, error.read(), {})


Proxy.upstream = upstream
serve(Proxy, port)
