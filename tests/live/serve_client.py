#!/usr/bin/env python3
"""serve_client: drives `proctop --serve` for tests/live/serve.sh.

Usage: serve_client.py PORT OUTDIR

Prints "ok: ..." / "FAIL: ..." lines (read by serve.sh) and writes the
scraped texts to OUTDIR/scrape.prom and OUTDIR/scrape.om.  Checks:
status codes for hostile requests, 431 over 8 KiB of headers, HEAD
without a body, and that 200 idle connections plus some sending one byte
a second neither block a normal scrape (< 2 s each) nor keep their slot
past the 5 s header deadline.
"""

import socket
import sys
import time

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
OUT = sys.argv[2]
FAILS = 0


def ok(msg):
    print("ok: " + msg, flush=True)


def fail(msg):
    global FAILS
    FAILS += 1
    print("FAIL: " + msg, flush=True)


def check(what, cond):
    (ok if cond else fail)(what)


def request(raw, timeout=10.0):
    """Send raw bytes; return (status, headers dict, body bytes, seconds)."""
    t0 = time.monotonic()
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    try:
        s.sendall(raw)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    finally:
        s.close()
    took = time.monotonic() - t0
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None, {}, data, took
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(b":")
        headers[k.strip().lower().decode()] = v.strip().decode()
    return status, headers, body, took


def get(path, extra=b""):
    return request(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n" + extra +
                   b"\r\n")


def main():
    # ---- what may be asked ------------------------------------------------
    st, hd, body, took = get(b"/metrics")
    check("GET /metrics is 200 (%s)" % st, st == 200)
    check("Prometheus text by default",
          hd.get("content-type", "").startswith("text/plain; version=0.0.4"))
    check("Content-Length matches", int(hd.get("content-length", -1)) ==
          len(body))
    with open(OUT + "/scrape.prom", "wb") as f:
        f.write(body)
    st, hd, body, _ = get(b"/metrics", b"Accept: application/openmetrics-"
                          b"text;version=1.0.0,text/plain;q=0.5\r\n")
    check("OpenMetrics when asked",
          st == 200 and hd.get("content-type", "").startswith(
              "application/openmetrics-text; version=1.0.0"))
    check("OpenMetrics ends in # EOF", body.endswith(b"# EOF\n"))
    with open(OUT + "/scrape.om", "wb") as f:
        f.write(body)
    st, hd, body, _ = request(b"HEAD /metrics HTTP/1.1\r\n\r\n")
    check("HEAD: 200, no body", st == 200 and body == b"" and
          int(hd.get("content-length", 0)) > 0)

    for path in (b"/", b"/metrics/", b"//metrics", b"/metrics/../etc/passwd",
                 b"/../../../../etc/passwd", b"/%6detrics", b"/etc/passwd",
                 b"http://127.0.0.1/metrics", b"http://127.0.0.1//etc/passwd",
                 b"*"):
        st, _, body, _ = get(path)
        check("%s is 404 (%s)" % (path.decode(), st), st == 404 and
              b"root:" not in body)
    st, hd, _, _ = request(b"POST /metrics HTTP/1.1\r\nContent-Length: 3"
                           b"\r\n\r\nabc")
    check("POST /metrics is 405 with Allow", st == 405 and
          "GET" in hd.get("allow", ""))
    st, _, _, _ = request(b"GET /metrics HTTP/1.1\r\nX: " + b"a" * 9000 +
                          b"\r\n\r\n")
    check("9 KiB of headers is 431 (%s)" % st, st == 431)
    st, _, _, _ = request(b"GARBAGE\r\n\r\n")
    check("a garbage request line is 400 (%s)" % st, st == 400)
    st, _, _, _ = request(b"GET /metrics HTTP/3.0\r\n\r\n")
    check("HTTP/3.0 is 505 (%s)" % st, st == 505)

    # ---- slowloris -------------------------------------------------------
    idle = []
    for i in range(200):
        try:
            s = socket.create_connection((HOST, PORT), timeout=5)
            s.setblocking(False)
            if i % 4 == 0:
                s.send(b"GET /metrics HTTP/1.1\r\n")
            idle.append(s)
        except OSError as e:
            fail("idle connection %d: %s" % (i, e))
            break
    check("200 idle connections open", len(idle) == 200)
    worst = 0.0
    answered = 0
    # a fixed number of scrapes (not a fixed time: a loaded machine makes
    # each one slower), about a second apart
    n = 0
    while n < 5:
        # one byte a second on every other idle connection
        for i, s in enumerate(idle):
            if i % 2 == 0:
                try:
                    s.send(b"X")
                except OSError:
                    pass
        st, _, body, took = get(b"/metrics")
        n += 1
        worst = max(worst, took)
        if st == 200 and b"proctop_tasks" in body:
            answered += 1
        time.sleep(1)
    check("%d scrapes beside 200 slow clients all answered (%d)" %
          (n, answered), answered == n and n >= 5)
    check("slowest scrape %.2f s < 2 s" % worst, worst < 2.0)
    # after the 5 s header deadline the server has closed them
    closed = 0
    for s in idle:
        try:
            s.setblocking(True)
            s.settimeout(0.5)
            if s.recv(1024) == b"":
                closed += 1
        except OSError:
            closed += 1
        s.close()
    check("the server dropped the idle connections (%d/200)" % closed,
          closed >= 190)
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
