"""Load on the reconciliation service: requests/s and p50/p99 latency at 1, 8 and 32 clients.

Starts its own server on a free loopback port (a subprocess: ``python -m catalogue serve``),
then, for each number of clients, runs two phases of ``--seconds`` each:

- *keep-alive*: every client keeps one connection open and sends its requests on it, as
  OpenRefine does;
- *new connection*: every request opens a connection, reads the answer and closes it (bursts of
  connects, as browsers and scripts make).

Every client is a closed loop (it sends its next request when the answer has arrived), each
request is one reconciliation query (``GET /?queries=…``) taken in turn from level-4 entry names
with the noise budget tables add. Errors are connection resets, refused connections, timeouts and
any status other than 200. Traffic goes to 127.0.0.1 only; the script stops by itself (each phase
is bounded in time, each request by ``--timeout``) and always stops its server.

    python benchmarks/serve_load.py                      # 2 s per phase, 1/8/32 clients
    python benchmarks/serve_load.py --seconds 5 --clients 1,8,32,64
    python benchmarks/serve_load.py --server waitress    # the same app on waitress (if installed)
    python benchmarks/serve_load.py --server uvicorn     # on uvicorn + starlette (if installed)

Target: keep-alive p50 under 2 ms at one client, and no errors at 32 clients. With a closed
loop, latency at N clients is about N / throughput (Little's law): at 32 clients it measures the
queue, not the server's delay per request.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TARGET_P50_MS = 2.0
STARTUP_TIMEOUT = 60.0
SERVERS = ("stdlib", "waitress", "uvicorn")


# -- the requests -------------------------------------------------------------------------------
def request_paths(n: int = 60) -> list[str]:
    """``n`` reconciliation requests, one query each, built from the catalogue's entry names."""
    sys.path.insert(0, str(REPO))
    import catalogue

    cat = catalogue.load()
    entries = cat.entries(level=4)
    step = max(1, len(entries) // n)
    paths = []
    for i, entry in enumerate(entries[::step][:n]):
        query: dict[str, Any] = {"query": f"2024年度{entry.name}项目"}
        if i % 2:
            query["type"] = entry.department
        text = json.dumps({"q0": query}, ensure_ascii=False)
        paths.append("/?" + urllib.parse.urlencode({"queries": text}))
    return paths


def raw_request(path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: serve_load\r\n"
        "Accept: application/json\r\n\r\n"
    ).encode("ascii")


class HTTPFailure(Exception):
    """A response that is not a complete 200."""


def read_response(sock: socket.socket, buffer: bytearray) -> tuple[int, bool]:
    """Read one response from ``sock`` (``buffer`` keeps bytes read past it): (status, whether
    the server closes the connection)."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise HTTPFailure("connection closed before the response headers")
        buffer += chunk
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = bytearray(rest)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise HTTPFailure("connection closed inside the response body")
        body += chunk
    buffer[:] = body[length:]
    return status, headers.get("connection", "").lower() == "close"


# -- one phase ----------------------------------------------------------------------------------
@dataclass
class Result:
    clients: int
    mode: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def n_errors(self) -> int:
        return sum(self.errors.values())

    def row(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
        return {
            "mode": self.mode,
            "clients": self.clients,
            "requests": len(lat),
            "rps": round(len(lat) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(q[49] * 1000, 2) if lat else None,
            "p99_ms": round(q[98] * 1000, 2) if lat else None,
            "max_ms": round(lat[-1] * 1000, 1) if lat else None,
            "errors": self.n_errors,
            "error_kinds": dict(sorted(self.errors.items())),
        }


def run_phase(
    port: int, paths: list[str], clients: int, keep_alive: bool, seconds: float, timeout: float
) -> Result:
    result = Result(clients, "keep-alive" if keep_alive else "new connection")
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]
    requests = [raw_request(p) for p in paths]

    def client(k: int) -> None:
        sock: socket.socket | None = None
        buffer = bytearray()
        i = k
        mine: list[float] = []
        errors: list[str] = []
        start.wait()
        while time.monotonic() < stop_at[0]:
            data = requests[i % len(requests)]
            i += 1
            t0 = time.perf_counter()
            try:
                if sock is None:
                    sock = socket.create_connection((HOST, port), timeout=timeout)
                    buffer.clear()
                sock.sendall(data)
                status, closing = read_response(sock, buffer)
                elapsed = time.perf_counter() - t0
                if status != 200:
                    errors.append(f"status {status}")
                else:
                    mine.append(elapsed)
                if closing or not keep_alive:
                    sock.close()
                    sock = None
            except (OSError, HTTPFailure, ValueError, IndexError) as exc:
                errors.append(type(exc).__name__)
                if sock is not None:
                    sock.close()
                    sock = None
                time.sleep(0.01)  # no tight loop against a server that refuses
        if sock is not None:
            sock.close()
        with lock:
            result.latencies += mine
            for kind in errors:
                result.error(kind)

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    start.wait()
    for t in threads:
        t.join(timeout=seconds + 2 * timeout + 5)
    result.seconds = time.monotonic() - t0
    if any(t.is_alive() for t in threads):
        result.error("client did not stop")
    return result


def full_batch(port: int, timeout: float) -> dict[str, float]:
    """The largest batch a client may send (as many queries as the service takes, each of the
    longest text, each under all 15 departments), posted once to the server on ``port``, beside
    the same checks through the library alone on a catalogue built for them (nothing cached):
    seconds each, and their ratio. The server also builds each department's candidates and the
    JSON."""
    import catalogue
    from catalogue import reconcile, resources
    from catalogue.api import Catalogue

    departments = catalogue.load().departments
    text = "不含工程" * reconcile.MAX_QUERY_LENGTH
    batch = {
        f"q{i}": {"query": (f"{i}{text}")[: reconcile.MAX_QUERY_LENGTH], "type": departments}
        for i in range(reconcile.MAX_QUERIES)
    }
    fresh = Catalogue(resources.parse(resources.CATALOGUE_FILE, resources.data_path().read_bytes()))
    rows = [{"text": q["query"], "department": d} for q in batch.values() for d in q["type"]]
    t0 = time.perf_counter()
    for _ in fresh.check_many(rows):
        pass
    alone = time.perf_counter() - t0
    body = json.dumps(batch, ensure_ascii=False).encode()
    head = (
        f"POST /reconcile HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    t0 = time.perf_counter()
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(head + body)
        status = read_response(sock, bytearray())[0]
    served = time.perf_counter() - t0
    if status != 200:
        raise SystemExit(f"the full batch got status {status}")
    return {"checks": len(rows), "served_s": served, "alone_s": alone, "ratio": served / alone}


# -- the server ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(kind: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """The server of ``kind`` on ``port``, answering before this yields; always stopped. Its
    standard error goes to a temporary file (a pipe nobody reads would fill up and stall it)."""
    if kind == "stdlib":
        cmd = [sys.executable, "-m", "catalogue", "serve", "--port", str(port), "--quiet"]
    else:
        cmd = [sys.executable, __file__, "--run-server", kind, "--port", str(port)]
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PYTHONPATH": path},
        )

        def log() -> str:
            err.seek(0)
            return err.read()[-2000:].decode(errors="replace")

        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"the {kind} server exited with {process.returncode}: {log()}")
                try:
                    with socket.create_connection((HOST, port), timeout=2) as s:
                        s.sendall(raw_request("/"))
                        if read_response(s, bytearray())[0] == 200:
                            break
                except (OSError, HTTPFailure):
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"the {kind} server did not answer in {STARTUP_TIMEOUT:.0f} s")
                time.sleep(0.1)
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


# -- the same endpoint on other servers, for comparison -----------------------------------------
def _answer(query_string: str) -> tuple[int, bytes]:
    """(status, JSON body) for ``GET /?queries=…`` or the manifest: the work the stdlib server
    does for this benchmark's requests, without its limits."""
    import catalogue
    from catalogue import reconcile

    cat = catalogue.load()
    params = urllib.parse.parse_qs(query_string)
    if "queries" in params:
        obj: Any = reconcile.reconcile_queries(cat, json.loads(params["queries"][-1]))
    else:
        obj = reconcile.manifest(cat, f"http://{HOST}")
    return 200, json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def _wsgi_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    status, body = _answer(environ.get("QUERY_STRING", ""))
    start_response(
        f"{status} OK",
        [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]


def run_other_server(kind: str, port: int) -> None:
    import catalogue

    catalogue.load().match("监测服务", limit=1)  # warm up, as make_server does
    if kind == "waitress":
        import waitress

        waitress.serve(_wsgi_app, host=HOST, port=port, threads=8, _quiet=True)
    elif kind == "uvicorn":
        import uvicorn
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Route

        def endpoint(request: Request) -> Response:  # sync: starlette runs it in a thread
            status, body = _answer(request.url.query)
            return Response(body, status, media_type="application/json; charset=utf-8")

        app = Starlette(routes=[Route("/", endpoint)])
        uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False)
    else:
        raise SystemExit(f"unknown server {kind!r}")


# -- main ---------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="length of each phase")
    parser.add_argument("--clients", default="1,8,32", help="client counts, comma-separated")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--server", choices=SERVERS, default="stdlib")
    parser.add_argument("--json", action="store_true", help="print one JSON object per phase")
    parser.add_argument("--run-server", choices=SERVERS[1:], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_server:
        run_other_server(args.run_server, args.port)
        return 0
    counts = [int(c) for c in args.clients.split(",") if c.strip()]
    if not counts or min(counts) < 1 or max(counts) > 256 or not 0 < args.seconds <= 60:
        parser.error("clients must be 1..256 and seconds 0..60")
    paths = request_paths()
    port = free_port()
    rows = []
    with server(args.server, port):
        run_phase(port, paths, 1, True, min(0.5, args.seconds), args.timeout)  # warm up
        for keep_alive in (True, False):
            for n in counts:
                rows.append(run_phase(port, paths, n, keep_alive, args.seconds, args.timeout).row())
        batch = full_batch(port, max(args.timeout, 60.0))
    if args.json:
        for row in rows:
            print(json.dumps({"server": args.server, **row}, ensure_ascii=False))
        print(json.dumps({"server": args.server, "mode": "full batch", **batch}))
    else:
        print(f"server: {args.server}; {args.seconds:g} s per phase; one query per request")
        head = ("mode", "clients", "req/s", "p50 ms", "p99 ms", "max ms")
        print(f"{head[0]:<15}" + "".join(f"{h:>9}" for h in head[1:]) + "  errors")
        for r in rows:
            kinds = ", ".join(f"{k} ×{v}" for k, v in r["error_kinds"].items())
            cells = (r["clients"], r["rps"], r["p50_ms"], r["p99_ms"], r["max_ms"])
            shown = f" ({kinds})" if kinds else ""
            print(
                f"{r['mode']:<15}" + "".join(f"{c!s:>9}" for c in cells) + f"  {r['errors']}{shown}"
            )
        print(
            f"full batch ({batch['checks']:,} checks in one request): {batch['served_s']:.2f} s; "
            f"the library alone {batch['alone_s']:.2f} s; ratio ×{batch['ratio']:.2f}"
        )
    one = next((r for r in rows if r["mode"] == "keep-alive" and r["clients"] == 1), None)
    worst = max((r["errors"] for r in rows if r["clients"] <= 32), default=0)
    if one is not None and one["p50_ms"] is not None:
        met = one["p50_ms"] < TARGET_P50_MS and worst == 0
        print(
            f"target (keep-alive p50 < {TARGET_P50_MS:g} ms at 1 client, no errors up to 32 "
            f"clients): {'met' if met else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
