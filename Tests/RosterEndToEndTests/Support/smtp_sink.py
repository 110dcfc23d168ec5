#!/usr/bin/env python3
"""A minimal SMTP server on 127.0.0.1 for the notification tests: it stores every message it
accepts as a file in OUT_DIR, and refuses (451) the first FAIL messages it is given. It prints
its port on the first line, then serves until killed. Standard library only."""
import asyncio, os, sys

out_dir, fail = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0
os.makedirs(out_dir, exist_ok=True)
state = {"count": 0, "failures": fail}

async def session(reader, writer):
    def send(line):
        writer.write((line + "\r\n").encode())
    send("220 sink ESMTP")
    await writer.drain()
    data_mode, lines, rcpts = False, [], []
    while True:
        raw = await reader.readline()
        if not raw:
            break
        if data_mode:
            if raw in (b".\r\n", b".\n"):
                data_mode = False
                if state["failures"] > 0:
                    state["failures"] -= 1
                    send("451 try again later")
                else:
                    state["count"] += 1
                    path = os.path.join(out_dir, "%04d.eml" % state["count"])
                    with open(path + ".tmp", "wb") as f:
                        f.write(b"".join(l[1:] if l.startswith(b"..") else l for l in lines))
                    os.rename(path + ".tmp", path)
                    send("250 queued")
                lines = []
            else:
                lines.append(raw)
        else:
            cmd = raw.decode(errors="replace").strip().upper()
            if cmd.startswith("EHLO"):
                send("250-sink"); send("250 8BITMIME")
            elif cmd.startswith("HELO"):
                send("250 sink")
            elif cmd.startswith("MAIL FROM"):
                rcpts = []; send("250 ok")
            elif cmd.startswith("RCPT TO"):
                rcpts.append(cmd); send("250 ok")
            elif cmd == "DATA":
                data_mode = True; send("354 end with .")
            elif cmd == "QUIT":
                send("221 bye"); await writer.drain(); break
            else:
                send("250 ok")
        await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
