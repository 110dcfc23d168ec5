"""Drives headless Chromium over its DevTools pipe (standard library only), for BrowserTests
and bench/orgs-page.sh. Usage: browser.py SCRIPT.json, where the JSON is a list of steps:
  {"open": URL, "width": 390, "height": 900}    load a page at that window size, wait for it
                                  ("javascript": false: the page's own scripts do not run)
  {"wait": EXPR}                                poll EXPR in the page until it is true (10 s)
  {"eval": EXPR}                                evaluate EXPR (awaiting a promise), record its value
  {"screenshot": PATH}                          save a PNG of the viewport
  {"media": "print"|"", "scheme": "dark"|"light"}  emulate a media type and colour scheme
Prints one JSON list: the value of each "eval" step, in order. Exit 1 with a message on failure."""
import base64, fcntl, json, os, subprocess, sys, tempfile, time

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.access(p, os.X_OK)), None)


def high(fd):
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Browser:
    def __init__(self):
        if CHROMIUM is None:
            sys.exit("headless Chromium is needed: apt-get install chromium")
        # The browser reads commands on fd 3 and writes replies on fd 4; the pipe ends are
        # first moved above 10, so putting them at 3 and 4 cannot overwrite one another.
        to_browser, self.write_end = map(high, os.pipe())
        self.read_end, from_browser = map(high, os.pipe())
        self.profile = tempfile.TemporaryDirectory()

        def wire():
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--remote-debugging-pipe",
             "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + self.profile.name, "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.buffer, self.next_id, self.session = b"", 0, None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.write_end, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.read_end, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url, width, height, javascript=True):
        if self.session is None:
            target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
            self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
        self.send("Emulation.setScriptExecutionDisabled", {"value": not javascript})
        self.send("Page.navigate", {"url": url})
        self.wait("document.readyState === 'complete'")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails'].get('exception', {}).get('description', result['exceptionDetails'])}")
        return result["result"].get("value")

    def wait(self, expression, seconds=10):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"timed out waiting for {expression}")

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    steps = json.load(open(sys.argv[1]))
    browser, values = Browser(), []
    try:
        for step in steps:
            if "open" in step:
                browser.open(step["open"], step.get("width", 1400), step.get("height", 900), step.get("javascript", True))
            elif "wait" in step:
                browser.wait(step["wait"])
            elif "eval" in step:
                values.append(browser.evaluate(step["eval"]))
            elif "media" in step:
                browser.send("Emulation.setEmulatedMedia", {"media": step["media"], "features": [{"name": "prefers-color-scheme", "value": step.get("scheme", "light")}]})
            elif "screenshot" in step:
                png = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
                open(step["screenshot"], "wb").write(base64.b64decode(png))
    except RuntimeError as error:
        print(json.dumps(values))
        sys.exit(f"browser.py: {error}")
    finally:
        browser.close()
    print(json.dumps(values))


main()
