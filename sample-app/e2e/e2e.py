#!/usr/bin/env python3
"""Helpers of the sample's end-to-end scripts (haproxy-e2e.sh, alertmanager-e2e.sh), standard library only.

  relay LISTEN TARGET CONTROL   TCP relay 127.0.0.1:LISTEN -> 127.0.0.1:TARGET. A line "cut" on the control
                                port CONTROL closes the listener and every relayed connection (new connects are
                                refused, open ones see the socket close), "restore" listens again. Each command
                                is answered with the epoch milliseconds at which it took effect.
  watch SOCKET OUT              polls HAProxy's stats socket every 10 ms; appends "<epoch ms> <server> <status>"
                                to OUT on every change of a server's status in backend payments.
  load URL THREADS STOPFILE OUT clients: THREADS threads GET URL in a loop until STOPFILE exists; then writes
                                "requests=<n> failed=<n>" to OUT, and every failure (epoch ms, what) below it.
  webhook PORT OUT              an Alertmanager webhook receiver: appends each POSTed body, one line, to OUT.
"""
import http.client
import http.server
import json
import os
import socket
import sys
import threading
import time
import urllib.parse


def now_ms():
    return int(time.time() * 1000)


def relay(listen_port, target_port, control_port):
    lock = threading.Lock()
    state = {"listener": None, "conns": set()}

    def pump(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            with lock:
                state["conns"].discard(src)
                state["conns"].discard(dst)
            src.close()

    def accept_loop(listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", target_port), timeout=2)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with lock:
                if state["listener"] is not listener:  # cut meanwhile
                    client.close()
                    upstream.close()
                    continue
                state["conns"].update((client, upstream))
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pump, args=(upstream, client), daemon=True).start()

    def listen():
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", listen_port))
        listener.listen(128)
        with lock:
            state["listener"] = listener
        threading.Thread(target=accept_loop, args=(listener,), daemon=True).start()

    def cut():
        with lock:
            listener, state["listener"] = state["listener"], None
            conns = list(state["conns"])
            state["conns"].clear()
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    listen()
    control = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    control.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    control.bind(("127.0.0.1", control_port))
    control.listen(8)
    print(f"relay 127.0.0.1:{listen_port} -> 127.0.0.1:{target_port}, control port {control_port}", flush=True)
    while True:
        conn, _ = control.accept()
        with conn:
            command = conn.makefile().readline().strip()
            if command == "cut":
                at = now_ms()
                cut()
            elif command == "restore":
                with lock:
                    listening = state["listener"] is not None
                if not listening:
                    listen()
                at = now_ms()
            else:
                conn.sendall(b"unknown command\n")
                continue
            print(f"{at} {command}", flush=True)
            conn.sendall(f"{at}\n".encode())


def watch(sock_path, out):
    last = {}
    with open(out, "a", buffering=1) as log:
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(sock_path)
                s.sendall(b"show stat\n")
                chunks = []
                while True:
                    data = s.recv(65536)
                    if not data:
                        break
                    chunks.append(data)
                s.close()
                at = now_ms()
                lines = b"".join(chunks).decode().splitlines()
                header = lines[0].lstrip("# ").split(",")
                pxname, svname, status = header.index("pxname"), header.index("svname"), header.index("status")
                for line in lines[1:]:
                    fields = line.split(",")
                    if len(fields) <= status or fields[pxname] != "payments" or fields[svname] in ("FRONTEND", "BACKEND"):
                        continue
                    if last.get(fields[svname]) != fields[status]:
                        last[fields[svname]] = fields[status]
                        log.write(f"{at} {fields[svname]} {fields[status]}\n")
            except (OSError, ValueError, IndexError):
                pass
            time.sleep(0.01)


def load(url, threads, stopfile, out):
    parsed = urllib.parse.urlsplit(url)
    counts = {"requests": 0, "failed": 0}
    failures = []
    lock = threading.Lock()

    def client():
        conn = None
        while not os.path.exists(stopfile):
            ok, what = False, ""
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=15)
                conn.request("GET", parsed.path)
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200
                what = f"HTTP {response.status} {body[:200]!r}"
                if response.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as ex:
                what = repr(ex)
                if conn is not None:
                    conn.close()
                conn = None
            with lock:
                counts["requests"] += 1
                if not ok:
                    counts["failed"] += 1
                    failures.append(f"{now_ms()} {what}")
            time.sleep(0.005)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with open(out, "w") as f:
        f.write(f"requests={counts['requests']} failed={counts['failed']}\n")
        f.write("".join(line + "\n" for line in failures))


def webhook(port, out):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with open(out, "a") as f:
                f.write(json.dumps(json.loads(body)) + "\n")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "relay":
        relay(int(args[0]), int(args[1]), int(args[2]))
    elif command == "watch":
        watch(args[0], args[1])
    elif command == "load":
        load(args[0], int(args[1]), args[2], args[3])
    elif command == "webhook":
        webhook(int(args[0]), args[1])
    else:
        sys.exit(f"unknown command {command}")
