"""The HTTP layer of the reconciliation service (``catalogue serve``), on the standard library.

Routes (all read-only; every response carries ``Access-Control-Allow-Origin: *``):

==========================  =======================================================================
``GET /``                   the service manifest (protocol 0.2)
``GET|POST /``              a query batch in ``queries`` (query string, form field or JSON body)
``POST /reconcile``         the same (the route of the 1.0 draft); ``GET /reconcile`` too
``GET /preview?id=``        an HTML preview of an entry
``GET /view/<id>``          an HTML page for an entry
``GET /suggest/entity``     auto-complete of entries (``prefix``, ``type``, ``cursor``, ``limit``)
``GET /suggest/type``       auto-complete of departments
``GET /suggest/property``   auto-complete of properties (``department``)
``GET /flyout/entity?id=``  ``{id, html}`` for a suggested entry
``OPTIONS *``               CORS preflight
==========================  =======================================================================

Other applications may be mounted at a path of their own (:meth:`ReconcileServer.mount`; the
review page of :mod:`catalogue.app` at ``/app``): the requests below that path go to them, and
their responses carry only their own headers (no CORS).

A ``callback`` parameter turns a JSON answer into JSONP. Errors are JSON ``{"error": …,
"status": …}``: 400 malformed request, 404 unknown path or id, 405 other methods, 408 a request
not received within :data:`REQUEST_TIMEOUT`, 411 chunked body, 413 body over :data:`MAX_BODY`
bytes, 501 data extension (``extend``), which the service does not offer, 503 more than
:data:`MAX_CONNECTIONS` connections at once.

What one client can cost the others is bounded: a request must arrive whole within
:data:`REQUEST_TIMEOUT` seconds of its first byte (a deadline, not a timeout per read), a kept-alive
connection may wait :data:`IDLE_TIMEOUT` seconds for its next request, at most
:data:`MAX_CONNECTIONS` connections are served at once (beyond that a connection gets 503 at once
and is closed), ids and query texts are cut or refused before any lookup, and JSON is parsed with
depth and number-size limits (:func:`catalogue.reconcile.load_json`). A response is written in one
piece on a socket with ``TCP_NODELAY``, so a kept-alive connection waits for no delayed ACK.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import socket
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType
from typing import Any, ClassVar, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from . import reconcile
from .api import Catalogue
from .tree import Entry

__all__ = [
    "IDLE_TIMEOUT",
    "LISTEN_BACKLOG",
    "MAX_BODY",
    "MAX_CONNECTIONS",
    "REQUEST_TIMEOUT",
    "Mount",
    "MountRequest",
    "MountResponse",
    "ReconcileServer",
    "RequestHandler",
    "escape_controls",
    "make_server",
]

#: the largest request body accepted, in bytes
MAX_BODY = 1024 * 1024
#: seconds from the first byte of a request to its last (request line, headers and body); the
#: first request of a connection must also arrive within this time of the connection
REQUEST_TIMEOUT = 10.0
#: seconds a kept-alive connection may wait for its next request before it is closed
IDLE_TIMEOUT = 30.0
#: connections served at once; a connection beyond them is answered 503 and closed
MAX_CONNECTIONS = 64
#: connections the system holds for the server before it accepts them (bursts of connects)
LISTEN_BACKLOG = 1024
#: the most fields a query string or form may have
MAX_FIELDS = 200
#: seconds a refused connection is kept half-open so that its client reads the 503
_LINGER = 2.0
_MAX_LINGERING = 256
ALLOWED_METHODS = "GET, POST, OPTIONS"
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]*$", re.ASCII)
_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")
_DIGITS = re.compile(r"[0-9]{1,6}", re.ASCII)
#: characters a terminal may act on: C0, DEL, C1, line and paragraph separators, bidi controls
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\\\]")
#: messages for the errors the standard library raises while reading a request
_STDLIB_ERRORS = {
    HTTPStatus.BAD_REQUEST: "请求格式不正确：请求行或请求头无法解析",
    HTTPStatus.REQUEST_URI_TOO_LONG: "请求行过长（超过 65536 字节）；长的查询请用 POST 发送",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "请求头过长或过多",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "不支持这个 HTTP 版本；请用 HTTP/1.1",
    HTTPStatus.EXPECTATION_FAILED: "不支持这个 Expect 请求头",
}


def escape_controls(text: str) -> str:
    """``text`` with every character a terminal may act on written as an escape (``\\x1b``,
    ``\\u202e``) and backslashes doubled, so that a log line shows what was sent and does
    nothing else.

        >>> escape_controls("GET /\\x1b[2J HTTP/1.1")
        'GET /\\\\x1b[2J HTTP/1.1'
    """

    def one(m: re.Match[str]) -> str:
        c = m.group()
        if c == "\\":
            return "\\\\"
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return _CONTROLS.sub(one, text)


class HTTPError(Exception):
    """An error answered with ``status`` and a JSON message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _DeadlineReader(io.RawIOBase):
    """The socket as a raw stream whose reads all end by :attr:`deadline` (a monotonic time),
    however slowly the client sends: one deadline for a whole request, not a timeout per read."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request deadline has passed")
        self._sock.settimeout(remaining)
        return self._sock.recv_into(buffer)


class _Writer(io.RawIOBase):
    """Writes go straight to the socket, whole (``sendall``)."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._sock.sendall(data)
        return len(memoryview(data))


# -- applications mounted beside the service ------------------------------------------------------
@dataclass(frozen=True)
class MountRequest:
    """A request to a mounted application, read by the server (the body within its limits)."""

    method: str
    #: the path below the mount point: ``""`` for the mount point itself, else ``/…``
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    #: the host the server listens on (``127.0.0.1``, ``::1``, ``0.0.0.0``, a name …)
    server_host: str


@dataclass(frozen=True)
class MountResponse:
    """What a mounted application answers; sent with its own headers only (no CORS)."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class Mount(Protocol):
    """An application mounted at a path: called once per request (from several threads)."""

    def __call__(self, request: MountRequest) -> MountResponse: ...


class ReconcileServer(ThreadingHTTPServer):
    """A threading HTTP server that holds the catalogue it serves, with a cap on connections."""

    daemon_threads = True
    # a restarted server may bind again at once; a port in use still fails on bind
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG
    #: path prefix -> application (see :meth:`mount`)
    mounts: Mapping[str, Mount] = MappingProxyType({})

    def __init__(
        self,
        address: tuple[str, int],
        catalogue: Catalogue,
        *,
        quiet: bool = False,
        request_timeout: float = REQUEST_TIMEOUT,
        idle_timeout: float = IDLE_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.catalogue = catalogue
        self.quiet = quiet
        self.request_timeout = request_timeout
        self.idle_timeout = idle_timeout
        self.max_connections = max_connections
        self._lock = threading.Lock()
        self._active = 0
        self._lingering: deque[tuple[float, socket.socket]] = deque()
        super().__init__(address, RequestHandler)

    @property
    def url(self) -> str:
        """The service URL, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"

    @property
    def active_connections(self) -> int:
        """The connections being served now."""
        with self._lock:
            return self._active

    # -- the cap on connections ---------------------------------------------------------------
    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            full = self._active >= self.max_connections
            if not full:
                self._active += 1
        if full:
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:  # the thread did not start
            self._release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release()

    def _release(self) -> None:
        with self._lock:
            self._active -= 1

    def _refuse(self, sock: socket.socket) -> None:
        """Answer 503 without a thread, then keep the connection half-open for a moment (its
        request is drained) so that the client reads the answer instead of a reset."""
        body = json.dumps(
            {
                "error": f"服务繁忙：同时服务的连接已达上限 {self.max_connections} 个，请稍后重试",
                "status": 503,
            },
            ensure_ascii=False,
        ).encode()
        head = (
            "HTTP/1.1 503 Service Unavailable\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Retry-After: 1\r\n"
            "Access-Control-Allow-Origin: *\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        try:
            sock.setblocking(False)
            sock.send(head + body)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            sock.close()
            return
        self._lingering.append((time.monotonic() + _LINGER, sock))
        while len(self._lingering) > _MAX_LINGERING:
            self._lingering.popleft()[1].close()
        if not self.quiet:
            sys.stderr.write(f"连接数已达上限 {self.max_connections}，新连接得到 503\n")

    def service_actions(self) -> None:
        """Between accepts: close refused connections whose client has closed or whose time
        is up."""
        super().service_actions()
        now = time.monotonic()
        keep: deque[tuple[float, socket.socket]] = deque()
        for until, sock in self._lingering:
            done = until <= now
            try:
                for _ in range(16):  # bounded: a client that keeps sending is cut at `until`
                    if not sock.recv(65536):
                        done = True
                        break
            except BlockingIOError:
                pass
            except OSError:
                done = True
            if done:
                sock.close()
            else:
                keep.append((until, sock))
        self._lingering = keep

    def server_close(self) -> None:
        super().server_close()
        while self._lingering:
            self._lingering.popleft()[1].close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that failed outside a request: a client that went away is no error;
        anything else is logged, with control characters escaped."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        sys.stderr.write(escape_controls(f"连接 {client_address} 出错：\n{traceback.format_exc()}"))

    def mount(self, prefix: str, app: Mount) -> None:
        """Send the requests at ``prefix`` (``/app``) and below it to ``app``; their bodies are
        read within the same limits as the service's (:data:`MAX_BODY`, no chunked bodies)."""
        if not prefix.startswith("/") or prefix == "/" or prefix.endswith("/"):
            raise ValueError(f"a mount prefix is like /app, not {prefix!r}")
        self.mounts = MappingProxyType({**self.mounts, prefix: app})


def make_server(
    catalogue: Catalogue,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    request_timeout: float = REQUEST_TIMEOUT,
    idle_timeout: float = IDLE_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
) -> ReconcileServer:
    """A server bound to ``host:port`` (port 0 picks a free port), ready for ``serve_forever``.

    The matcher's index is built before it returns, so the first query is as fast as the rest.
    """
    catalogue.match("监测服务", limit=1)  # warm the index up before any thread needs it
    return ReconcileServer(
        (host, port),
        catalogue,
        quiet=quiet,
        request_timeout=request_timeout,
        idle_timeout=idle_timeout,
        max_connections=max_connections,
    )


class RequestHandler(BaseHTTPRequestHandler):
    """One connection; routes each request to :mod:`catalogue.reconcile`."""

    server: ReconcileServer
    #: the connection as read: buffered, over a reader whose reads end by a deadline (``setup``)
    rfile: io.BufferedReader
    #: the status line and headers written by ``send_header`` (the standard library's own list)
    _headers_buffer: list[bytes]
    protocol_version = "HTTP/1.1"
    server_version = "catalogue-reconcile"
    routes: ClassVar[dict[str, str]] = {
        "/": "_reconcile",
        "/reconcile": "_reconcile",
        "/preview": "_preview",
        "/suggest/entity": "_suggest_entity",
        "/suggest/type": "_suggest_type",
        "/suggest/property": "_suggest_property",
        "/flyout/entity": "_flyout",
        "/extend": "_extend",
        "/extend/propose": "_extend",
    }

    # -- the connection -----------------------------------------------------------------------
    def setup(self) -> None:
        self.connection = self.request
        self.connection.settimeout(self.server.request_timeout)
        with contextlib.suppress(OSError):  # answers go out at once, not after a delayed ACK
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader, 65536)
        # not buffered: the standard library only writes to it and flushes it
        self.wfile = _Writer(self.connection)  # type: ignore[assignment]
        self._first = True

    def handle_one_request(self) -> None:
        """Wait for a request (the first within :data:`REQUEST_TIMEOUT` of the connection, a
        later one within :data:`IDLE_TIMEOUT`), then read it whole within
        :data:`REQUEST_TIMEOUT` of its first byte, and answer it."""
        self._callback: str | None = None
        self._responding = False
        self.command, self.requestline, self.request_version = "", "", "HTTP/1.1"
        self.close_connection = True
        server = self.server
        wait = server.request_timeout if self._first else server.idle_timeout
        self._first = False
        self._reader.deadline = time.monotonic() + wait
        try:
            if not self.rfile.peek(1):  # the client closed the connection
                return
        except (TimeoutError, OSError):  # idle for too long, or gone
            return
        self._reader.deadline = time.monotonic() + server.request_timeout
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.raw_requestline or not self.parse_request():
                return
            if self.request_version == "HTTP/0.9":
                self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED)
                return
            getattr(self, "do_" + self.command)()
        except TimeoutError:
            self._timed_out()
        except OSError:  # the client went away
            self.close_connection = True

    def _timed_out(self) -> None:
        self.close_connection = True
        if self._responding:  # the client does not read its answer
            return
        self._callback = None
        with contextlib.suppress(OSError):
            self._error(
                HTTPStatus.REQUEST_TIMEOUT,
                f"请求没有在 {self.server.request_timeout:g} 秒内传完，连接已关闭",
            )

    # -- methods ------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._dispatch(post=False)

    def do_POST(self) -> None:
        self._dispatch(post=True)

    def do_OPTIONS(self) -> None:
        self._no_body()
        self._send(
            HTTPStatus.NO_CONTENT,
            None,
            b"",
            headers={
                "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": "Content-Type, Accept, X-Requested-With",
                "Access-Control-Max-Age": "86400",
            },
        )

    def __getattr__(self, name: str) -> Callable[[], None]:
        # every other method (PUT, DELETE, PATCH, HEAD, anything) is refused with 405
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.close_connection = True
        self._error(
            HTTPStatus.METHOD_NOT_ALLOWED,
            f"不支持 {self.command[:20]} 方法；本服务只读，只接受 GET、POST、OPTIONS",
            body=self.command != "HEAD",
        )

    # -- routing ------------------------------------------------------------------------------
    def _dispatch(self, *, post: bool) -> None:
        try:
            if self._mounted(post=post):
                return
            body = self._read_body() if post else self._no_body()
            try:
                parts = urlsplit(self.path)
            except ValueError:
                raise HTTPError(HTTPStatus.BAD_REQUEST, "请求地址无法解析") from None
            params = self._parse_qs(parts.query, "查询参数")
            self._callback = self._callback_param(params)
            path = parts.path.rstrip("/") or "/"
            if path.startswith("/view/"):
                self._view(unquote(path[len("/view/") :]))
                return
            handler = self.routes.get(path)
            if handler is None:
                raise HTTPError(HTTPStatus.NOT_FOUND, f"没有这个地址：{parts.path[:200]}")
            getattr(self, handler)(params, body)
        except HTTPError as exc:
            self._error(exc.status, exc.message)
        except (TimeoutError, OSError):
            raise  # handle_one_request closes the connection (and answers 408 if it can)
        except Exception:  # a bug: say so, keep serving, and leave the traceback in the log
            self.close_connection = True
            self.log_error("内部错误：\n%s", traceback.format_exc())
            if not self._responding:
                self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "服务内部错误，详情见服务端日志")

    def _parse_qs(self, text: str, what: str) -> dict[str, list[str]]:
        try:
            return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, f"{what}过多：最多 {MAX_FIELDS} 个字段"
            ) from None

    def _callback_param(self, params: dict[str, list[str]]) -> str | None:
        values = params.get("callback")
        if not values:
            return None
        name = values[-1]
        if len(name) > 100 or not _CALLBACK.match(name):
            raise HTTPError(HTTPStatus.BAD_REQUEST, "callback 参数不是合法的 JavaScript 函数名")
        return name

    def _no_body(self) -> bytes:
        """A GET carries no body; one sent anyway is not read, so the connection is closed."""
        if self.headers.get("Content-Length", "0").strip() not in ("", "0") or (
            "Transfer-Encoding" in self.headers
        ):
            self.close_connection = True
        return b""

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "请求须带 Content-Length，不接受分块传输")
        raw = self.headers.get("Content-Length", "0").strip() or "0"
        if not (raw.isascii() and raw.isdigit()):
            self.close_connection = True
            raise HTTPError(HTTPStatus.BAD_REQUEST, "Content-Length 不是数字")
        if len(raw) > 10 or int(raw) > MAX_BODY:
            self.close_connection = True  # the body is left unread
            raise HTTPError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"请求体 {raw[:20]} 字节，超过上限 {MAX_BODY} 字节；请分批发送",
            )
        length = int(raw)
        return self.rfile.read(length) if length else b""

    def _base_url(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST.match(host):
            return self.server.url.rstrip("/")
        return f"http://{host}"

    # -- endpoints ----------------------------------------------------------------------------
    def _reconcile(self, params: dict[str, list[str]], body: bytes) -> None:
        catalogue = self.server.catalogue
        form = params
        if body:
            ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            text = self._decode(body)
            if ctype == "application/json" or text.lstrip().startswith(("{", "[")):
                form = {**params, "queries": [text]}
            else:
                form = {**params, **self._parse_qs(text, "表单")}
        if form.get("extend"):
            self._extend(params, body)
            return
        if not form.get("queries"):
            self._json(reconcile.manifest(catalogue, self._base_url()))
            return
        try:
            queries = reconcile.load_json(form["queries"][-1])
            self._json(reconcile.reconcile_queries(catalogue, queries))
        except reconcile.ReconcileError as exc:
            raise HTTPError(HTTPStatus.BAD_REQUEST, str(exc)) from None

    def _extend(self, params: dict[str, list[str]], body: bytes) -> None:
        """Data extension is not offered (the manifest has no ``extend``): 501, whatever the
        request holds."""
        raise HTTPError(
            HTTPStatus.NOT_IMPLEMENTED,
            "本服务不提供数据扩展（extend）：服务说明（manifest）中没有 extend；"
            "只提供对账、预览和自动补全",
        )

    def _decode(self, body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "请求体不是 UTF-8 文本") from None

    def _ident(self, params: dict[str, list[str]]) -> str:
        ident = params["id"][-1] if params.get("id") else ""
        if not ident:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "缺少 id 参数（形如 生态环境:A170303）")
        return ident

    def _lookup(self, ident: str) -> Entry:
        if len(ident) > reconcile.MAX_ID_LENGTH:  # refused before any work is done on it
            raise HTTPError(
                HTTPStatus.BAD_REQUEST,
                f"id 过长（{len(ident)} 个字符，最多 {reconcile.MAX_ID_LENGTH} 个）",
            )
        entry = reconcile.find_entity(self.server.catalogue, ident)
        if entry is None:
            raise HTTPError(HTTPStatus.NOT_FOUND, f"没有这个条目：{ident[:100]}")
        return entry

    def _preview(self, params: dict[str, list[str]], body: bytes) -> None:
        entry = self._lookup(self._ident(params))
        self._html(
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head>'
            f'<body style="margin:0">{reconcile.preview_html(entry)}</body></html>'
        )

    def _view(self, ident: str) -> None:
        entry = self._lookup(ident)
        self._html(reconcile.view_html(self.server.catalogue, entry))

    def _flyout(self, params: dict[str, list[str]], body: bytes) -> None:
        entry = self._lookup(self._ident(params))
        self._json(reconcile.flyout(self.server.catalogue, reconcile.entity_id(*entry.key)))

    def _count(self, params: dict[str, list[str]], name: str, default: int, top: int) -> int:
        """An integer query parameter from 0 (``cursor``) or 1 (``limit``) to ``top``."""
        raw = params[name][-1].strip() if params.get(name) else ""
        if not raw:
            return default
        low = 0 if name == "cursor" else 1
        if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= top:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, f"{name} 应为 {low} 到 {top} 之间的整数，收到 {raw[:20]}"
            )
        return int(raw)

    def _paging(self, params: dict[str, list[str]]) -> tuple[str, int, int]:
        prefix = params["prefix"][-1] if params.get("prefix") else ""
        cursor = self._count(params, "cursor", 0, 100_000)
        limit = self._count(params, "limit", reconcile.SUGGEST_LIMIT, reconcile.MAX_SUGGEST_LIMIT)
        return prefix[: reconcile.MAX_PREFIX_LENGTH], cursor, limit

    def _suggest_entity(self, params: dict[str, list[str]], body: bytes) -> None:
        prefix, cursor, limit = self._paging(params)
        kind = params["type"][-1][: reconcile.MAX_PREFIX_LENGTH] if params.get("type") else None
        self._json(
            reconcile.suggest(self.server.catalogue, prefix, kind, cursor=cursor, limit=limit)
        )

    def _suggest_type(self, params: dict[str, list[str]], body: bytes) -> None:
        prefix, cursor, limit = self._paging(params)
        self._json(
            reconcile.suggest_types(self.server.catalogue, prefix, cursor=cursor, limit=limit)
        )

    def _suggest_property(self, params: dict[str, list[str]], body: bytes) -> None:
        prefix, _, _ = self._paging(params)
        self._json(reconcile.suggest_properties(prefix))

    # -- mounted applications -----------------------------------------------------------------
    def _mounted(self, *, post: bool) -> bool:
        """Answer a request below a mount point through its application; ``False`` if the path
        is not mounted."""
        try:
            path = urlsplit(self.path)
        except ValueError:
            return False  # answered as the service answers it
        found = [
            (prefix, app)
            for prefix, app in self.server.mounts.items()
            if path.path == prefix or path.path.startswith(prefix + "/")
        ]
        if not found:
            return False
        prefix, app = found[0]
        body = self._read_body() if post else self._no_body()
        query = self._parse_qs(path.query, "查询参数")
        request = MountRequest(
            method=self.command,
            path=path.path[len(prefix) :],
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            server_host=str(self.server.server_address[0]),
        )
        response = app(request)
        self._responding = True
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in response.headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(response.body)
        return True

    # -- responses ----------------------------------------------------------------------------
    def _send(
        self,
        status: int,
        ctype: str | None,
        payload: bytes,
        *,
        body: bool = True,
        headers: dict[str, str] | None = None,
    ) -> None:
        """The status line, the headers and the body in one write."""
        self._responding = True
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", ALLOWED_METHODS)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self._headers_buffer.append(b"\r\n")
        if body:
            self._headers_buffer.append(payload)
        self.connection.settimeout(self.server.request_timeout)
        self.flush_headers()

    def _json(self, obj: Any, status: int = HTTPStatus.OK, *, body: bool = True) -> None:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        callback = getattr(self, "_callback", None)
        if callback:
            # the comment guards against content sniffing of a callback name (Rosetta Flash)
            payload = f"/**/{callback}({text});".encode()
            self._send(status, "application/javascript; charset=utf-8", payload, body=body)
        else:
            self._send(status, "application/json; charset=utf-8", text.encode(), body=body)

    def _html(self, text: str) -> None:
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", text.encode())

    def _error(self, status: int, message: str, *, body: bool = True) -> None:
        self._json({"error": message, "status": int(status)}, status, body=body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by the standard library while reading a request (bad request line,
        headers too long…), in JSON and in Chinese; its English message, which may quote the
        request, is not sent."""
        self.close_connection = True
        self._callback = None
        # the status line is written even when the request line was too broken to give a
        # version (the standard library takes it for HTTP/0.9, which has none)
        self.request_version = "HTTP/1.0"
        try:
            text = _STDLIB_ERRORS.get(HTTPStatus(code)) or HTTPStatus(code).phrase
        except ValueError:
            text = "请求无法处理"
        self._error(code, text, body=code >= 200 and code not in (204, 304))

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            line = f"{self.address_string()} [{self.log_date_time_string()}] {format % args}"
            sys.stderr.write(escape_controls(line[:300]) + "\n")

    def log_error(self, format: str, *args: Any) -> None:
        """Errors are always written, in full, even with ``--quiet``; control characters are
        escaped, line breaks kept."""
        text = f"{self.address_string()} [{self.log_date_time_string()}] {format % args}"
        sys.stderr.write("\n".join(escape_controls(line) for line in text.split("\n")) + "\n")
