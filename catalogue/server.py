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
"status": …}``: 400 malformed request, 404 unknown path or id, 405 other methods, 411 chunked
body, 413 body over :data:`MAX_BODY` bytes.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import traceback
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
    "MAX_BODY",
    "Mount",
    "MountRequest",
    "MountResponse",
    "ReconcileServer",
    "RequestHandler",
    "make_server",
]

#: the largest request body accepted, in bytes
MAX_BODY = 1024 * 1024
#: seconds a connection may stay silent before it is dropped
TIMEOUT = 30
ALLOWED_METHODS = "GET, POST, OPTIONS"
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]*$", re.ASCII)
_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")


class HTTPError(Exception):
    """An error answered with ``status`` and a JSON message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
    """A threading HTTP server that holds the catalogue it serves."""

    daemon_threads = True
    # a restarted server may bind again at once; a port in use still fails on bind
    allow_reuse_address = True
    #: path prefix -> application (see :meth:`mount`)
    mounts: Mapping[str, Mount] = MappingProxyType({})

    def __init__(
        self,
        address: tuple[str, int],
        catalogue: Catalogue,
        *,
        quiet: bool = False,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.catalogue = catalogue
        self.quiet = quiet
        super().__init__(address, RequestHandler)

    @property
    def url(self) -> str:
        """The service URL, e.g. ``http://127.0.0.1:8000/``."""
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"

    def mount(self, prefix: str, app: Mount) -> None:
        """Send the requests at ``prefix`` (``/app``) and below it to ``app``; their bodies are
        read within the same limits as the service's (:data:`MAX_BODY`, no chunked bodies)."""
        if not prefix.startswith("/") or prefix == "/" or prefix.endswith("/"):
            raise ValueError(f"a mount prefix is like /app, not {prefix!r}")
        self.mounts = MappingProxyType({**self.mounts, prefix: app})


def make_server(
    catalogue: Catalogue, host: str = "127.0.0.1", port: int = 8000, *, quiet: bool = False
) -> ReconcileServer:
    """A server bound to ``host:port`` (port 0 picks a free port), ready for ``serve_forever``.

    The matcher's index is built before it returns, so the first query is as fast as the rest.
    """
    catalogue.match("监测服务", limit=1)  # warm the index up before any thread needs it
    return ReconcileServer((host, port), catalogue, quiet=quiet)


class RequestHandler(BaseHTTPRequestHandler):
    """One request; routes to :mod:`catalogue.reconcile`."""

    server: ReconcileServer
    protocol_version = "HTTP/1.1"
    server_version = "catalogue-reconcile"
    timeout = TIMEOUT
    routes: ClassVar[dict[str, str]] = {
        "/": "_reconcile",
        "/reconcile": "_reconcile",
        "/preview": "_preview",
        "/suggest/entity": "_suggest_entity",
        "/suggest/type": "_suggest_type",
        "/suggest/property": "_suggest_property",
        "/flyout/entity": "_flyout",
    }

    # -- methods ------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._dispatch(post=False)

    def do_POST(self) -> None:
        self._dispatch(post=True)

    def do_OPTIONS(self) -> None:
        self._no_body()
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, X-Requested-With")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def __getattr__(self, name: str) -> Callable[[], None]:
        # every other method (PUT, DELETE, PATCH, HEAD, anything) is refused with 405
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.close_connection = True
        self._error(
            HTTPStatus.METHOD_NOT_ALLOWED,
            f"不支持 {self.command} 方法；本服务只读，只接受 GET、POST、OPTIONS",
            body=self.command != "HEAD",
        )

    # -- routing ------------------------------------------------------------------------------
    def _dispatch(self, *, post: bool) -> None:
        self._callback: str | None = None
        try:
            if self._mounted(post=post):
                return
            body = self._read_body() if post else self._no_body()
            parts = urlsplit(self.path)
            params = parse_qs(parts.query, keep_blank_values=True, max_num_fields=200)
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
        except ValueError as exc:  # e.g. too many fields in the query string
            self._error(HTTPStatus.BAD_REQUEST, f"请求无法解析：{exc}")
        except (BrokenPipeError, ConnectionResetError):  # the client went away
            self.close_connection = True
        except Exception:  # a bug: say so, keep serving, and leave the traceback in the log
            self.close_connection = True
            self.log_error("内部错误：\n%s", traceback.format_exc())
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "服务内部错误，详情见服务端日志")

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
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True  # the body is left unread
            raise HTTPError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"请求体 {length} 字节，超过上限 {MAX_BODY} 字节；请分批发送",
            )
        return self.rfile.read(length) if length else b""

    def _base_url(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST.match(host):
            return self.server.url.rstrip("/")
        return f"http://{host}"

    # -- endpoints ----------------------------------------------------------------------------
    def _reconcile(self, params: dict[str, list[str]], body: bytes) -> None:
        catalogue = self.server.catalogue
        raw: str | None = params["queries"][-1] if params.get("queries") else None
        if body:
            ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            text = self._decode(body)
            if ctype == "application/json" or text.lstrip().startswith(("{", "[")):
                raw = text
            else:
                form = self._parse_form(text)
                if form.get("queries"):
                    raw = form["queries"][-1]
        if raw is None:
            self._json(reconcile.manifest(catalogue, self._base_url()))
            return
        try:
            queries = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST,
                f"queries 不是合法的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}",
            ) from None
        try:
            self._json(reconcile.reconcile_queries(catalogue, queries))
        except reconcile.ReconcileError as exc:
            raise HTTPError(HTTPStatus.BAD_REQUEST, str(exc)) from None

    def _decode(self, body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "请求体不是 UTF-8 文本") from None

    def _parse_form(self, text: str) -> dict[str, list[str]]:
        try:
            return parse_qs(text, keep_blank_values=True, max_num_fields=200, strict_parsing=False)
        except ValueError as exc:
            raise HTTPError(HTTPStatus.BAD_REQUEST, f"表单无法解析：{exc}") from None

    def _entry(self, params: dict[str, list[str]]) -> Entry:
        ident = params["id"][-1] if params.get("id") else ""
        if not ident:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "缺少 id 参数（形如 生态环境:A170303）")
        entry = reconcile.find_entity(self.server.catalogue, ident)
        if entry is None:
            raise HTTPError(HTTPStatus.NOT_FOUND, f"没有这个条目：{ident[:100]}")
        return entry

    def _preview(self, params: dict[str, list[str]], body: bytes) -> None:
        entry = self._entry(params)
        self._html(
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head>'
            f'<body style="margin:0">{reconcile.preview_html(entry)}</body></html>'
        )

    def _view(self, ident: str) -> None:
        entry = reconcile.find_entity(self.server.catalogue, ident)
        if entry is None:
            raise HTTPError(HTTPStatus.NOT_FOUND, f"没有这个条目：{ident[:100]}")
        self._html(reconcile.view_html(self.server.catalogue, entry))

    def _flyout(self, params: dict[str, list[str]], body: bytes) -> None:
        entry = self._entry(params)
        self._json(reconcile.flyout(self.server.catalogue, reconcile.entity_id(*entry.key)))

    def _paging(self, params: dict[str, list[str]]) -> tuple[str, int, int]:
        prefix = params["prefix"][-1] if params.get("prefix") else ""
        try:
            cursor = int(params["cursor"][-1]) if params.get("cursor") else 0
            limit = int(params["limit"][-1]) if params.get("limit") else reconcile.SUGGEST_LIMIT
        except ValueError:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "cursor 和 limit 应为整数") from None
        if cursor < 0 or limit < 1:
            raise HTTPError(HTTPStatus.BAD_REQUEST, "cursor 不能为负，limit 至少为 1")
        return prefix, cursor, limit

    def _suggest_entity(self, params: dict[str, list[str]], body: bytes) -> None:
        prefix, cursor, limit = self._paging(params)
        kind = params["type"][-1] if params.get("type") else None
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
        path = urlsplit(self.path)
        found = [
            (prefix, app)
            for prefix, app in self.server.mounts.items()
            if path.path == prefix or path.path.startswith(prefix + "/")
        ]
        if not found:
            return False
        prefix, app = found[0]
        body = self._read_body() if post else self._no_body()
        query = parse_qs(path.query, keep_blank_values=True, max_num_fields=200)
        request = MountRequest(
            method=self.command,
            path=path.path[len(prefix) :],
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            server_host=str(self.server.server_address[0]),
        )
        response = app(request)
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
    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")

    def _send(self, status: int, ctype: str, payload: bytes, *, body: bool = True) -> None:
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", ALLOWED_METHODS)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(payload)

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
        """Errors raised by the standard library (bad request line, headers too long…) in JSON."""
        self.close_connection = True
        self._callback = None
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = ""
        self._error(code, message or phrase, body=code >= 200 and code not in (204, 304))

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            line = f"{self.address_string()} [{self.log_date_time_string()}] {format % args}"
            sys.stderr.write(line[:300] + "\n")

    def log_error(self, format: str, *args: Any) -> None:
        """Errors are always written, in full, even with ``--quiet``."""
        sys.stderr.write(
            f"{self.address_string()} [{self.log_date_time_string()}] {format % args}\n"
        )
