"""The reconciliation service against a real OpenRefine.

OpenRefine (Debian's ``openrefine`` package, 3.6) is started headless on loopback, on a free port
and with a temporary workspace; ``catalogue serve`` runs on another free loopback port. Through
OpenRefine's own HTTP API the test creates projects from CSV files, reconciles the project-name
column against the service, with and without a department type, waits for OpenRefine to finish,
reads the rows back and checks that the rows OpenRefine matched automatically are exactly the
rows ``check_many`` calls ``in_scope``, each with ``check``'s entry.

The CSVs are ``docs/examples/table12.csv`` (a real budget table) and one built here from the
catalogue's own level-4 entry names (``<name>服务项目``), so that some rows match. The test is
skipped, with the reason in the warnings summary, only when OpenRefine is not installed
(``.ci/run`` installs it with apt-get where it can).
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from test_serve import Server, free_port, running

import catalogue
from catalogue import reconcile

REPO = Path(__file__).resolve().parent.parent
TABLE12 = REPO / "docs" / "examples" / "table12.csv"
COLUMN = "项目名称"
STARTUP_TIMEOUT = 120.0
PROCESS_TIMEOUT = 120.0
HTTP_TIMEOUT = 60.0


def launcher() -> list[str] | None:
    """The command that starts OpenRefine, or ``None`` when it is not installed."""
    script = Path("/usr/share/openrefine/refine")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]  # Debian's: it execs java, so the process we start is OpenRefine
    found = shutil.which("openrefine") or shutil.which("refine")
    return [found] if found else None


@dataclass
class OpenRefine:
    """An OpenRefine spoken to over its HTTP API."""

    port: int
    log: Path

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def get_json(self, path: str) -> Any:
        status, _, body = self.request("GET", path)
        assert status == 200, (path, status, body[:500])
        return json.loads(body)

    def token(self) -> str:
        return str(self.get_json("/command/core/get-csrf-token")["token"])

    def create_project(self, name: str, data: bytes, ignore_lines: int = 0) -> str:
        """A project from a UTF-8 CSV with one header line after ``ignore_lines`` lines; its id."""
        options = {
            "encoding": "UTF-8",
            "separator": ",",
            "ignoreLines": ignore_lines,
            "headerLines": 1,
            "skipDataLines": 0,
            "limit": -1,
            "storeBlankRows": True,
            "guessCellValueTypes": False,
            "processQuotes": True,
            "storeBlankCellsAsNulls": True,
            "includeFileSources": False,
        }
        boundary = uuid.uuid4().hex
        fields = {"project-name": name, "format": "text/line-based/*sv"}
        fields["options"] = json.dumps(options)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="project-file"; '
            f'filename="{name}.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        status, headers, body = self.request(
            "POST",
            f"/command/core/create-project-from-upload?csrf_token={self.token()}",
            b"".join(parts),
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert status in (302, 303), (status, body[:500])
        query = urllib.parse.urlsplit(headers["location"]).query
        return urllib.parse.parse_qs(query)["project"][0]

    def reconcile(
        self, project: str, service: str, column: str, kind: str | None, details: Any = ()
    ) -> None:
        """Reconcile ``column`` against ``service`` (auto-match on, type ``kind`` or none, with
        ``details`` as ``columnDetails``) and wait until OpenRefine has finished."""
        operation = {
            "op": "core/recon",
            "engineConfig": {"facets": [], "mode": "row-based"},
            "columnName": column,
            "config": {
                "mode": "standard-service",
                "service": service,
                "identifierSpace": reconcile.IDENTIFIER_SPACE,
                "schemaSpace": reconcile.SCHEMA_SPACE,
                "type": None if kind is None else {"id": kind, "name": kind},
                "autoMatch": True,
                "columnDetails": list(details),
                "limit": 0,
            },
            "description": f"Reconcile {column}",
        }
        form = urllib.parse.urlencode({"operations": json.dumps([operation])}).encode()
        status, _, body = self.request(
            "POST",
            f"/command/core/apply-operations?project={project}&csrf_token={self.token()}",
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 200 and json.loads(body)["code"] in ("ok", "pending"), body[:500]
        deadline = time.monotonic() + PROCESS_TIMEOUT
        while self.get_json(f"/command/core/get-processes?project={project}")["processes"]:
            assert time.monotonic() < deadline, "OpenRefine did not finish reconciling"
            time.sleep(0.2)

    def column_cells(self, project: str, column: str) -> list[tuple[int, str, Any]]:
        """(row index, cell text, recon object or ``None``) of every non-blank cell of
        ``column``."""
        models = self.get_json(f"/command/core/get-models?project={project}")
        index = next(
            c["cellIndex"] for c in models["columnModel"]["columns"] if c["name"] == column
        )
        rows = self.get_json(f"/command/core/get-rows?project={project}&start=0&limit=100000")
        recons = rows.get("pool", {}).get("recons", {})
        out = []
        for row in rows["rows"]:
            cells = row["cells"]
            cell = cells[index] if index < len(cells) else None
            if cell is None or cell.get("v") in (None, ""):
                continue
            recon = cell.get("r")
            if isinstance(recon, str):  # 3.x: a key into the pool
                recon = recons[recon]
            out.append((row["i"], str(cell["v"]), recon))
        return out


@contextlib.contextmanager
def started_openrefine(tmp: Path) -> Iterator[OpenRefine]:
    command = launcher()
    if command is None:
        reason = (
            "OpenRefine is not installed (apt-get install openrefine): "
            "the end-to-end test against it is skipped"
        )
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    port = free_port()
    workspace = tmp / "workspace"
    workspace.mkdir()
    log = tmp / "openrefine.log"
    env = {**os.environ, "HOME": str(tmp), "REFINE_DATA_DIR": str(workspace)}
    env.pop("JAVA_OPTIONS", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                *command,
                "-p",
                str(port),
                "-i",
                "127.0.0.1",
                "-d",
                str(workspace),
                "-m",
                "768M",
                "-x",
                "refine.headless=true",
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group, stopped as one
        )
    refine = OpenRefine(port, log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"OpenRefine exited with {process.returncode}: {log.read_text()}")
            with contextlib.suppress(OSError, ValueError, AssertionError):
                refine.token()
                break
            if time.monotonic() > deadline:
                pytest.fail(f"OpenRefine did not answer in {STARTUP_TIMEOUT:.0f} s")
            time.sleep(0.5)
        yield refine
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)


@pytest.fixture(scope="module")
def openrefine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenRefine]:
    with started_openrefine(tmp_path_factory.mktemp("openrefine")) as refine:
        yield refine


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp=tmp_path_factory.mktemp("service")) as s:
        yield s


def entries_csv() -> tuple[bytes, list[str]]:
    """A CSV of 83 budget lines made of level-4 entry names (``<name>服务项目``) with the
    entry's department in a second column; and the departments, row by row."""
    cat = catalogue.load()
    entries = cat.entries(level=4)
    step = len(entries) / 83
    chosen = [entries[int(i * step)] for i in range(83)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([COLUMN, "部门"])
    for e in chosen:
        writer.writerow([f"{e.name}服务项目", e.department])
    return buffer.getvalue().encode("utf-8"), [e.department for e in chosen]


def auto_matched(cells: list[tuple[int, str, Any]]) -> dict[int, str]:
    """Row index -> entity id of the rows OpenRefine matched automatically."""
    out = {}
    for i, _, recon in cells:
        if recon is not None and recon.get("j") == "matched":
            assert recon.get("judgmentAction", "auto") == "auto"
            out[i] = recon["m"]["id"]
    return out


def in_scope(
    texts: list[tuple[int, str]], department: str | None = None, by_row: list[str] | None = None
) -> dict[int, str]:
    """Row index -> entity id of the rows ``check_many`` calls ``in_scope``."""
    cat = catalogue.load()
    if by_row is None:
        rows: list[Any] = [text for _, text in texts]
    else:
        rows = [{"text": text, "department": by_row[i]} for i, text in texts]
    out = {}
    for (i, _), verdict in zip(texts, cat.check_many(rows, department=department), strict=True):
        if verdict.verdict == "in_scope":
            best = verdict.candidates[0]
            out[i] = reconcile.entity_id(best.department, best.code)
    return out


def compare(refine: OpenRefine, project: str, **expected_kw: Any) -> tuple[int, int]:
    cells = refine.column_cells(project, COLUMN)
    assert cells, "OpenRefine read no rows"
    assert all(recon is not None for _, _, recon in cells), "a cell was not reconciled"
    got = auto_matched(cells)
    expected = in_scope([(i, text) for i, text, _ in cells], **expected_kw)
    assert got == expected, {
        "matched by OpenRefine only": {i: got[i] for i in got.keys() - expected.keys()},
        "in_scope only": {i: expected[i] for i in expected.keys() - got.keys()},
        "other entry": {i: (got[i], expected[i]) for i in got.keys() & expected.keys()},
    }
    return len(cells), len(got)


def test_openrefine_auto_matches_exactly_the_in_scope_rows(
    openrefine: OpenRefine, service: Server
) -> None:
    url = service.base + "/"
    table12 = openrefine.create_project("table12", TABLE12.read_bytes(), ignore_lines=3)
    data, departments = entries_csv()
    entries = openrefine.create_project("entries", data)

    # without a type: every department's list
    openrefine.reconcile(table12, url, COLUMN, None)
    # every line under the header (line 4) with a project-name cell is reconciled: the column
    # numbers and the subtotal too, and they must not be auto-matched
    lines = list(csv.reader(io.StringIO(TABLE12.read_text(encoding="utf-8"))))[4:]
    assert compare(openrefine, table12)[0] == sum(1 for line in lines if line[0].strip())
    openrefine.reconcile(entries, url, COLUMN, None)
    rows, matched = compare(openrefine, entries)
    assert rows == 83 and matched > 0, "no row matched: the test would prove nothing"

    # with a department type: the department of most rows, and one of the table's lines
    for kind in (max(set(departments), key=departments.count), "生态环境"):
        openrefine.reconcile(entries, url, COLUMN, kind)
        rows, matched = compare(openrefine, entries, department=kind)
        assert matched > 0 or kind == "生态环境"
        openrefine.reconcile(table12, url, COLUMN, kind)
        compare(openrefine, table12, department=kind)

    # each row with its own department, from the second column as the property `department`
    details = [{"column": "部门", "propertyName": "部门", "propertyID": "department"}]
    openrefine.reconcile(entries, url, COLUMN, None, details)
    rows, matched = compare(openrefine, entries, by_row=departments)
    assert matched > 0
    assert "Traceback" not in service.log.read_text(encoding="utf-8")


def test_openrefine_gets_limit_candidates_under_a_type(
    openrefine: OpenRefine, service: Server
) -> None:
    """Under a type, every unmatched row carries as many candidates as the department has
    entries that match at all, up to the limit (the default, 5: OpenRefine sends none). Another
    department's entry that ``check`` lists used to take a place and be dropped."""
    data, departments = entries_csv()
    project = openrefine.create_project("entries-limit", data)
    kind = max(set(departments), key=departments.count)
    openrefine.reconcile(project, service.base + "/", COLUMN, kind)
    cat = catalogue.load()
    shown = 0
    for _, text, recon in openrefine.column_cells(project, COLUMN):
        if recon["j"] == "matched":  # OpenRefine keeps no candidates for a matched cell
            assert recon["m"]["id"].startswith(f"{kind}:")
            continue
        ids = [c["id"] for c in recon.get("c", [])]
        expected = cat.match(text, kind, limit=reconcile.DEFAULT_LIMIT)
        assert len(ids) == len(expected), (text, ids, [c.code for c in expected])
        assert {i.split(":")[0] for i in ids} <= {kind}
        shown += len(ids)
    assert shown > 0


def test_without_openrefine_the_test_is_skipped_and_says_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "launcher", lambda: None)
    with (
        pytest.warns(UserWarning, match="apt-get install openrefine"),
        pytest.raises(pytest.skip.Exception, match="not installed"),
        started_openrefine(tmp_path),
    ):
        pass
