"""The review page of ``catalogue serve``, at ``/app``: check a budget table in a browser, browse
and search the catalogue (see ``docs/app.md``).

The page is three static files shipped in the package (``static/index.html``, ``app.css`` and
``app.js``, read with :mod:`importlib.resources`); it needs nothing from the network. Its
JavaScript calls the JSON endpoints below, which call the library's public API —
:func:`catalogue.tables.open_table`, :func:`catalogue.report.check_rows` and the records,
labels and summary of :mod:`catalogue.report`, :class:`catalogue.workbook.WorkbookReport`,
:class:`catalogue.search.SearchIndex` and :class:`catalogue.Catalogue` — and only format what
they return, so a table checked here gets the verdicts ``catalogue check`` gives it, and its
downloads are the bytes of ``catalogue check -o 结果.xlsx`` and ``-o 结果.csv --excel``.

=================================  ============================================================
``GET  /app``                      the page
``GET  /app/app.css``, ``app.js``  its style and script
``GET  /app/api/departments``      the 15 departments and the catalogue's provenance
``GET  /app/api/buyers?q=``        how a buyer's name is read, and department names that fit
``GET  /app/api/tree?department=`` a department's tree
``GET  /app/api/entry?department=&code=``  an entry: path, notes, corrections, legal basis
``GET  /app/api/search?q=``        entries by keyword or pinyin initials (``catalogue search``)
``POST /app/api/check``            check a table: ``source=paste`` (UTF-8 lines, optionally
                                   ``项目名称<Tab>部门``) or ``source=file&name=表.xlsx`` (the
                                   file's bytes); ``department=`` the buyer; ``format=json``
                                   (rows and summary), ``xlsx`` or ``csv``
=================================  ============================================================

Safe by construction: requests must name a loopback or IP-literal host (or the host the server
listens on), so a page cannot reach the service through DNS rebinding; every POST must carry
the page's token (:attr:`ReviewApp.token`, in the page's ``<meta>``) and, when the browser says
where it comes from (``Origin``, ``Sec-Fetch-Site``), come from the page itself — otherwise 403.
The body is read within the service's limit (413 beyond it) and a table is read up to
:data:`MAX_ROWS` rows (400 beyond). Nothing is written to disk: uploads are read from memory,
the workbook is built in memory. The page builds its DOM with ``textContent`` only, and its
Content-Security-Policy allows no inline script. Bad input is answered with a Chinese message
and a 4xx status, as JSON ``{"error": …, "status": …}``.
"""

from __future__ import annotations

import csv
import functools
import hmac
import io
import ipaddress
import itertools
import json
import secrets
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from ..api import Catalogue
from ..exceptions import CatalogueError, UnknownCode
from ..report import (
    ENCODING_NAMES,
    LABELS,
    MEANINGS,
    REASON_LABELS,
    Summary,
    amount,
    check_rows,
    csv_cells,
    csv_header,
    main_candidate,
    main_entry,
    main_reason,
    meaning,
    next_candidates,
)
from ..results import Verdict
from ..search import MATCH_LABELS, SearchIndex
from ..server import MAX_BODY, MountRequest, MountResponse
from ..tables import TEXT_HEADERS, InputRow, Table, open_table
from ..tree import Entry
from ..workbook import EXPLANATIONS, FILLS

__all__ = ["MAX_ROWS", "PREFIX", "TOKEN_HEADER", "AppError", "ReviewApp"]

#: where ``catalogue serve`` mounts the page
PREFIX = "/app"
#: the most rows of a table the page checks (the command line has no such limit)
MAX_ROWS = 5000
#: the header every POST carries the page's token in
TOKEN_HEADER = "X-Catalogue-Token"
#: how many search hits are sent (the count of all is sent too)
SEARCH_LIMIT = 50
#: the longest buyer name, file name or query parameter read
MAX_PARAM = 200
PASTE_NAME = "粘贴的内容"
_ASSETS = {
    "/app.css": ("app.css", "text/css; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
}
#: the page may load only its own script and style, talk only to its own server, and never be
#: framed
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_PAGE_HEADERS = (
    ("Content-Security-Policy", _CSP),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
)
_JSON = "application/json; charset=utf-8"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AppError(Exception):
    """A request the page answers with ``status`` and a Chinese message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@functools.cache
def _asset(name: str) -> bytes:
    return resources.files(__name__).joinpath("static", name).read_bytes()


class _Named(io.BytesIO):
    """Bytes in memory with a name (its extension tells :func:`open_table` the format)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


# -- formatting ----------------------------------------------------------------------------------
def _json(obj: Any, status: int = 200) -> MountResponse:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return MountResponse(status, _JSON, text.encode("utf-8"), (("Cache-Control", "no-store"),))


def _download(data: bytes, ctype: str, filename: str) -> MountResponse:
    ascii_name = "check" + filename[filename.rfind(".") :]
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    headers = (("Content-Disposition", disposition), ("Cache-Control", "no-store"))
    return MountResponse(200, ctype, data, headers)


def _entry_brief(entry: Entry) -> dict[str, Any]:
    return {
        "department": entry.department,
        "code": entry.code,
        "level": entry.level,
        "name": entry.name,
        "note": entry.note,
    }


def _row_record(cat: Catalogue, table: Table, row: InputRow, verdict: Verdict) -> dict[str, Any]:
    """A checked row as the page shows it: the words of ``catalogue check``'s report."""
    reason = main_reason(verdict)
    what = meaning(verdict.verdict, reason.category if reason else None)
    entry = main_entry(verdict)
    shown = None
    if entry is not None:
        best = main_candidate(verdict)
        path: list[str] = list(best.path) if best else []
        if not path:
            try:
                path = list(cat.lookup(entry[1], entry[0]).path)
            except CatalogueError:
                path = []
        shown = {
            "department": entry[0],
            "code": entry[1],
            "name": entry[2],
            "path": path,
            "score": entry[3],
        }
    text = verdict.text or row.text
    if verdict.verdict == "skipped":  # the row as it stands: 1 2 3 …, 合计 11001.81 …
        text = " ".join(c.strip() for c in (*row.cells, *row.extra) if c.strip())
    return {
        "row": row.number,
        "text": text,
        "department": row.department,
        "verdict": verdict.verdict,
        "meaning": what,
        "label": LABELS[what],
        "entry": shown,
        "reason": reason.message if reason else "",
        "categories": list(dict.fromkeys(r.category for r in verdict.reasons)),
        "reasons": [
            {
                "category": r.category,
                "label": REASON_LABELS.get(r.category, r.category),
                "message": r.message,
                "basis": r.basis,
            }
            for r in verdict.reasons
        ],
        "candidates": [
            {
                "department": c.department,
                "code": c.code,
                "name": c.name,
                "path": list(c.path),
                "score": c.score,
                "why": c.why,
            }
            for c in next_candidates(verdict)
        ],
        "amount": amount(row, table),
    }


def _summary_record(summary: Summary, table: Table) -> dict[str, Any]:
    has_amount = table.amount_column is not None

    def total(value: float, skipped: bool = False) -> float | None:
        return round(value, 2) if has_amount and not skipped else None

    return {
        "rows": summary.rows,
        "amount_column": table.amount_column,
        "meanings": [
            {
                "meaning": m,
                "label": LABELS[m],
                "count": summary.meanings[m],
                "amount": total(summary.amounts[m], m == "skipped"),
                "colour": "#" + FILLS[m],
                "explanation": EXPLANATIONS[m],
            }
            for m in MEANINGS
        ],
        "categories": [
            {
                "category": c,
                "label": name,
                "count": summary.categories[c],
                "amount": total(summary.category_amounts[c], c == "skipped"),
            }
            for c, name in REASON_LABELS.items()
            if summary.categories[c]
        ],
    }


def _table_record(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "format": table.input_format,
        "encoding": table.encoding,
        "encoding_name": ENCODING_NAMES.get(table.encoding or "", table.encoding),
        "sheet": table.sheet,
        "header_row": table.header_row,
        "text_column": table.text_column,
        "department_column": table.department_column,
        "description_column": table.description_column,
        "amount_column": table.amount_column,
        "notes": list(table.notes),
    }


# -- the application -----------------------------------------------------------------------------
Route = Callable[[MountRequest], MountResponse]


class ReviewApp:
    """The page and its endpoints, for :meth:`catalogue.server.ReconcileServer.mount`."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        #: the page's token: every POST must carry it in :data:`TOKEN_HEADER`
        self.token = secrets.token_urlsafe(32)
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._gets: dict[str, Route] = {
            "": self._page,
            "/": self._page,
            "/api/departments": self._departments,
            "/api/buyers": self._buyers,
            "/api/tree": self._tree,
            "/api/entry": self._entry,
            "/api/search": self._search,
        }
        self._posts: dict[str, Route] = {"/api/check": self._check}

    def __call__(self, request: MountRequest) -> MountResponse:
        try:
            self._check_host(request)
            if request.method == "POST":
                self._check_origin(request)
                route = self._posts.get(request.path)
            elif request.path in _ASSETS:
                name, ctype = _ASSETS[request.path]
                return MountResponse(200, ctype, _asset(name), (("Cache-Control", "no-cache"),))
            else:
                route = self._gets.get(request.path)
            if route is None:
                if request.path in self._gets or request.path in self._posts:
                    raise AppError(405, f"{request.method[:10]} 不适用于这个地址")
                raise AppError(404, f"没有这个地址：{PREFIX}{request.path[:200]}")
            return route(request)
        except AppError as exc:
            return _json({"error": exc.message, "status": exc.status}, exc.status)
        except UnknownCode as exc:
            return _json({"error": str(exc), "status": 404}, 404)
        except CatalogueError as exc:  # InputError, UnknownDepartment, InvalidText …
            return _json({"error": str(exc), "status": 400}, 400)

    # -- who may ask ------------------------------------------------------------------------
    def _check_host(self, request: MountRequest) -> None:
        """The Host must be an IP address, ``localhost`` or the name the server listens on:
        a page whose own name has been pointed at this machine (DNS rebinding) is refused."""
        try:
            name = urlsplit("//" + request.headers.get("host", "").strip()).hostname or ""
        except ValueError:
            name = ""
        if name in ("localhost", request.server_host.lower().strip("[]")):
            return
        try:
            ipaddress.ip_address(name)
        except ValueError:
            raise AppError(
                403, f"不接受主机名“{name[:100]}”：请用 http://127.0.0.1:端口/app 打开页面"
            ) from None

    def _check_origin(self, request: MountRequest) -> None:
        """A POST comes from the page: its token, and — when the browser says so — its origin."""
        site = request.headers.get("sec-fetch-site")
        if site is not None and site != "same-origin":
            raise AppError(403, f"请求来自其他网页（{site[:30]}），已拒绝；请在本页面中操作")
        origin = request.headers.get("origin")
        if origin is not None and origin != "http://" + request.headers.get("host", ""):
            raise AppError(403, f"请求来自其他网页（{origin[:100]}），已拒绝；请在本页面中操作")
        given = request.headers.get(TOKEN_HEADER.lower(), "")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise AppError(403, "请求缺少本页面的令牌或令牌已过期：请刷新页面后重试")

    # -- parameters -------------------------------------------------------------------------
    @staticmethod
    def _param(request: MountRequest, name: str, default: str = "") -> str:
        values = request.query.get(name)
        value = values[-1].strip() if values else default
        if len(value) > MAX_PARAM:
            raise AppError(400, f"参数 {name} 过长（最多 {MAX_PARAM} 个字符）")
        return value

    # -- GET --------------------------------------------------------------------------------
    def _page(self, request: MountRequest) -> MountResponse:
        page = _asset("index.html").decode("utf-8").replace("{{token}}", self.token)
        return MountResponse(200, "text/html; charset=utf-8", page.encode(), _PAGE_HEADERS)

    def _departments(self, request: MountRequest) -> MountResponse:
        cat = self.catalogue
        meta = cat.metadata
        relay = meta.relayed_by
        return _json(
            {
                "catalogue": {
                    "title": meta.title,
                    "document_number": meta.document_number,
                    "notice_title": meta.notice_title,
                    "issuer": meta.issuer,
                    "issue_date": meta.issue_date.isoformat(),
                    "basis": meta.basis,
                    "framework": meta.framework,
                    "relayed_by": None
                    if relay is None
                    else {
                        "document_number": relay.document_number,
                        "title": relay.title,
                        "issuer": relay.issuer,
                        "issue_date": relay.issue_date.isoformat(),
                    },
                },
                "departments": [
                    {
                        "name": name,
                        "entries": len(cat.department(name).entries(level=4)),
                        "aliases": list(cat.department(name).aliases),
                        "notes": list(cat.department(name).notes),
                    }
                    for name in cat.departments
                ],
                "max_rows": MAX_ROWS,
                "max_body": MAX_BODY,
            }
        )

    def _buyers(self, request: MountRequest) -> MountResponse:
        """How the name typed reads (``Catalogue.read_buyer``), and names that complete it."""
        cat = self.catalogue
        typed = self._param(request, "q")
        reading: dict[str, Any] | None = None
        error = None
        if typed:
            try:
                reading = cat.read_buyer(typed).model_dump(mode="json")
            except CatalogueError as exc:
                error = str(exc)
        names: list[str] = list(reading["departments"]) if reading else []
        for name in cat.departments:
            for form in (name, *cat.department(name).aliases):
                if typed in form and form not in names:
                    names.append(form)
        return _json({"query": typed, "reading": reading, "error": error, "names": names[:30]})

    def _tree(self, request: MountRequest) -> MountResponse:
        cat = self.catalogue
        name = cat.resolve_department(self._param(request, "department"))

        def node(entry: Entry) -> dict[str, Any]:
            return {**_entry_brief(entry), "children": [node(c) for c in entry.children]}

        dep = cat.department(name)
        return _json(
            {
                "department": name,
                "notes": list(dep.notes),
                "tree": [node(root) for root in cat.roots(name)],
            }
        )

    def _entry(self, request: MountRequest) -> MountResponse:
        cat = self.catalogue
        department = self._param(request, "department")
        code = self._param(request, "code")
        if not department or not code:
            raise AppError(400, "须给出部门（department）和代码（code）")
        entry = cat.lookup(code, department)
        record = entry.to_dict()
        parent = entry.parent
        record["parent"] = _entry_brief(parent) if parent else None
        record["ancestors"] = [_entry_brief(a) for a in reversed(entry.ancestors)]
        record["children"] = [_entry_brief(c) for c in entry.children]
        record["other_departments"] = [
            d for d in cat.departments_with(entry.code) if d != entry.department
        ]
        record["department_notes"] = list(cat.department(entry.department).notes)
        return _json(record)

    def _search(self, request: MountRequest) -> MountResponse:
        query = self._param(request, "q")
        department = self._param(request, "department") or None
        all_levels = self._param(request, "all_levels") in ("1", "true")
        with self._lock:
            if self._index is None:
                self._index = SearchIndex(self.catalogue)
            index = self._index
        hits = index.search(query, department=department, all_levels=all_levels)
        return _json(
            {
                "query": query,
                "count": len(hits),
                "hits": [
                    {
                        **_entry_brief(h.entry),
                        "path": list(h.entry.path),
                        "match": h.match,
                        "match_label": MATCH_LABELS[h.match],
                    }
                    for h in hits[:SEARCH_LIMIT]
                ],
            }
        )

    # -- POST: check a table ----------------------------------------------------------------
    def _open(self, request: MountRequest, department: str | None) -> Table:
        source = self._param(request, "source", "file")
        if source == "paste":
            return self._open_paste(request.body)
        if source != "file":
            raise AppError(400, "source 应为 paste（粘贴）或 file（文件）")
        name = self._param(request, "name").replace("\\", "/").rpartition("/")[2]
        if not request.body:
            raise AppError(400, "文件是空的")
        upload = _Named(request.body, name or "上传的文件")
        return open_table(upload, detect_department=not department)

    def _open_paste(self, body: bytes) -> Table:
        """Pasted lines: one project a line, optionally ``项目名称<Tab>部门`` (the department of
        that line; the buyer chosen applies to lines without one). A first line that is a
        header (项目名称 …) is read as one, as ``catalogue check`` reads a table's."""
        try:
            text = body.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            raise AppError(400, "粘贴的内容不是 UTF-8 文本") from None
        lines = text.splitlines()
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise AppError(400, "没有粘贴任何内容：请每行写一个预算项目")
        head = lines[first].split("\t")[0].strip().lower()
        if head in {h.lower() for h in TEXT_HEADERS}:
            data = text.encode("utf-8")
            return open_table(_Named(data, PASTE_NAME), input_format="tsv")
        column = None
        if "\t" in text:
            column = "2"
            if "\t" not in lines[first]:  # the department column exists from the first line
                lines[first] += "\t"
        data = "\n".join(lines).encode("utf-8")
        return open_table(
            _Named(data, PASTE_NAME),
            input_format="tsv",
            no_header=True,
            text_column="1",
            department_column=column,
        )

    def _check(self, request: MountRequest) -> MountResponse:
        cat = self.catalogue
        fmt = self._param(request, "format", "json")
        if fmt not in ("json", "xlsx", "csv"):
            raise AppError(400, "format 应为 json、xlsx 或 csv")
        department = self._param(request, "department") or None
        default = cat.read_buyer(department).written if department else None
        with self._open(request, department) as table:
            rows = list(itertools.islice(table, MAX_ROWS + 1))
            if len(rows) > MAX_ROWS:
                raise AppError(
                    400,
                    f"表格超过 {MAX_ROWS} 行，页面一次最多检查 {MAX_ROWS} 行："
                    "请把表格拆开，或用命令行 catalogue check（没有行数限制）",
                )
            checked = list(check_rows(cat, rows, default))
            summary = Summary()
            by_department = table.department_column is not None
            for row, verdict in checked:
                summary.add(verdict, amount(row, table), row.department if by_department else None)
            stem = table.name.rpartition(".")[0] or table.name
            if fmt == "csv":
                data = _csv(table, checked)
                return _download(data, "text/csv; charset=utf-8", f"{stem}-检查结果.csv")
            if fmt == "xlsx":
                return _download(_xlsx(table, checked, summary), _XLSX, f"{stem}-检查结果.xlsx")
            return _json(
                {
                    "table": _table_record(table),
                    "department": default,
                    "rows": [_row_record(cat, table, row, v) for row, v in checked],
                    "summary": _summary_record(summary, table),
                }
            )


def _csv(table: Table, checked: list[tuple[InputRow, Verdict]]) -> bytes:
    """The bytes of ``catalogue check -o 结果.csv --excel``: UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_header(table))
    for row, verdict in checked:
        writer.writerow(csv_cells(row, verdict))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(table: Table, checked: list[tuple[InputRow, Verdict]], summary: Summary) -> bytes:
    """The bytes of ``catalogue check -o 结果.xlsx``, built in memory."""
    from ..workbook import WorkbookReport, WorkbookUnavailable

    try:
        report = WorkbookReport(table, in_memory=True)
    except WorkbookUnavailable as exc:
        raise AppError(503, str(exc)) from None
    for row, verdict in checked:
        report.add(row, verdict)
    out = io.BytesIO()
    report.save(out, summary)
    return out.getvalue()
