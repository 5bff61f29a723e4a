"""The review page of ``catalogue serve`` (``/app``), spoken to over HTTP without a browser.

A server runs in this process on a free loopback port (so that writes to disk can be watched);
one test runs ``catalogue serve`` in a subprocess and checks that its temporary folder stays
empty. The browser tests are in ``test_app_browser.py``.
"""

from __future__ import annotations

import builtins
import csv
import http.client
import io
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

import catalogue
from catalogue.app import MAX_ROWS, PREFIX, TOKEN_HEADER, ReviewApp
from catalogue.cli import cli
from catalogue.report import check_rows
from catalogue.search import search
from catalogue.server import MAX_BODY, ReconcileServer, make_server
from catalogue.tables import open_table

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"
TABLE12 = EXAMPLES / "table12.csv"
STATIC = REPO / "catalogue" / "app" / "static"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        assert self.headers["content-type"].startswith("application/json"), self.headers
        return json.loads(self.body)


@dataclass
class Live:
    server: ReconcileServer
    app: ReviewApp

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, _quote(path), body=body, headers=headers or {})
            r = conn.getresponse()
            return Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path: str, **headers: str) -> Answer:
        return self.request("GET", PREFIX + path, headers=headers)

    def post(self, path: str, body: bytes, **headers: str) -> Answer:
        """A POST as the page sends it: its token, its own origin."""
        sent = {
            TOKEN_HEADER: self.app.token,
            "Origin": f"http://127.0.0.1:{self.port}",
            "Sec-Fetch-Site": "same-origin",
            "Content-Type": "application/octet-stream",
        }
        sent.update({k.replace("_", "-"): v for k, v in headers.items()})
        return self.request("POST", PREFIX + path, body, sent)

    def paste(self, text: str, **params: str) -> Answer:
        query = "&".join(f"{k}={v}" for k, v in {"source": "paste", **params}.items())
        return self.post(f"/api/check?{_quote(query)}", text.encode("utf-8"))

    def upload(self, data: bytes, name: str, **params: str) -> Answer:
        query = "&".join(f"{k}={v}" for k, v in {"source": "file", "name": name, **params}.items())
        return self.post(f"/api/check?{_quote(query)}", data)


def _quote(query: str) -> str:
    from urllib.parse import quote

    return quote(query, safe="/?=&%:")


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


@pytest.fixture(scope="module")
def live(cat: catalogue.Catalogue) -> Iterator[Live]:
    server = make_server(cat, "127.0.0.1", 0, quiet=True)
    app = ReviewApp(cat)
    server.mount(PREFIX, app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield Live(server, app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def cli_run(*args: str, cwd: Path = REPO) -> Any:
    before = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), env={"CATALOGUE_FILE": None})
    finally:
        os.chdir(before)


def cli_records(path: Path, *args: str) -> list[dict[str, Any]]:
    result = cli_run("check", str(path), "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- the page ------------------------------------------------------------------------------------
def test_the_page_carries_its_token_and_allows_no_inline_script(live: Live) -> None:
    r = live.get("")
    assert r.status == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.body.decode()
    assert f'<meta name="catalogue-token" content="{live.app.token}">' in page
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert "access-control-allow-origin" not in r.headers  # another page cannot read the token
    assert live.get("/").body == r.body


def test_assets_are_served_from_the_package_and_nothing_comes_from_the_network(live: Live) -> None:
    for name, ctype in (("app.js", "text/javascript"), ("app.css", "text/css")):
        r = live.get(f"/{name}")
        assert r.status == 200 and r.headers["content-type"].startswith(ctype)
        assert r.body == (STATIC / name).read_bytes()
    for path in STATIC.iterdir():
        text = path.read_text("utf-8")
        assert not re.search(r"(https?:)?//[a-z]", text.replace("http://127.0.0.1", "")), path
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, path
        assert "document.write" not in text and "eval(" not in text, path
    assert live.get("/../server.py").status == 404
    assert live.get("/static/app.js").status == 404


def test_the_reconciliation_api_is_unchanged_at_the_root(live: Live) -> None:
    r = live.request("GET", "/")
    assert r.status == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "identifierSpace" in r.json()


# -- who may post ----------------------------------------------------------------------------------
def test_a_post_without_the_token_is_refused(live: Live) -> None:
    r = live.post("/api/check?source=paste", "档案整理服务".encode(), **{TOKEN_HEADER: ""})
    assert r.status == 403 and "令牌" in r.json()["error"]
    r = live.post("/api/check?source=paste", "档案整理服务".encode(), **{TOKEN_HEADER: "x" * 43})
    assert r.status == 403
    # a plain form from anywhere: no token, no origin
    r = live.request("POST", PREFIX + "/api/check?source=paste", b"a=1")
    assert r.status == 403


def test_a_post_from_another_page_is_refused(live: Live) -> None:
    r = live.post("/api/check?source=paste", "档案整理服务".encode(), Sec_Fetch_Site="cross-site")
    assert r.status == 403 and "其他网页" in r.json()["error"]
    r = live.post("/api/check?source=paste", "档案整理服务".encode(), Origin="http://evil.example")
    assert r.status == 403 and "evil.example" in r.json()["error"]
    r = live.post("/api/check?source=paste", "档案整理服务".encode(), Origin="null")
    assert r.status == 403
    assert live.paste("档案整理服务").status == 200


def test_a_host_name_pointed_at_this_machine_is_refused(live: Live) -> None:
    """DNS rebinding: a page at evil.example whose name now resolves to 127.0.0.1."""
    r = live.get("", Host=f"evil.example:{live.port}")
    assert r.status == 403 and "127.0.0.1" in r.json()["error"]
    r = live.post(
        "/api/check?source=paste", b"x", Host="evil.example", Origin="http://evil.example"
    )
    assert r.status == 403
    assert live.get("", Host=f"localhost:{live.port}").status == 200
    assert live.get("", Host=f"[::1]:{live.port}").status == 200


# -- limits ----------------------------------------------------------------------------------------
def test_a_body_over_the_limit_is_refused_unread(live: Live) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=30)
    try:
        conn.putrequest("POST", PREFIX + "/api/check?source=file&name=big.csv")
        conn.putheader("Content-Length", str(MAX_BODY + 1))
        conn.putheader(TOKEN_HEADER, live.app.token)
        conn.endheaders()  # the body is never sent: the answer comes first
        r = conn.getresponse()
        answer = json.loads(r.read())
    finally:
        conn.close()
    assert r.status == 413
    assert str(MAX_BODY) in answer["error"]


def test_a_table_over_the_row_limit_is_refused_with_a_message(live: Live) -> None:
    lines = "\n".join(f"档案整理服务{i}" for i in range(MAX_ROWS + 1))
    r = live.paste(lines)
    assert r.status == 400
    assert f"{MAX_ROWS} 行" in r.json()["error"] and "catalogue check" in r.json()["error"]
    assert live.paste("\n".join(["档案整理服务"] * MAX_ROWS)).status == 200


# -- pasting ---------------------------------------------------------------------------------------
def test_pasted_lines_are_rows_numbered_as_pasted(live: Live, cat: catalogue.Catalogue) -> None:
    r = live.paste("环境空气质量监测服务\n\n档案馆维修改造工程\r\n特种设备安全监测服务\n")
    assert r.status == 200
    data = r.json()
    assert [row["row"] for row in data["rows"]] == [1, 3, 4]
    assert [row["text"] for row in data["rows"]] == [
        "环境空气质量监测服务",
        "档案馆维修改造工程",
        "特种设备安全监测服务",
    ]
    expected = [cat.check(row["text"], limit=3).verdict for row in data["rows"]]
    assert [row["verdict"] for row in data["rows"]] == expected
    assert data["table"]["department_column"] is None


def test_pasted_lines_with_a_tab_carry_their_department(
    live: Live, cat: catalogue.Catalogue
) -> None:
    text = (
        "档案整理服务\n特种设备安全监测服务\t市场监管局\n环境空气质量监测服务\t孝义市生态环境局\n"
    )
    data = live.paste(text, department="统计局").json()
    rows = data["rows"]
    assert [r["department"] for r in rows] == [None, "市场监管局", "孝义市生态环境局"]
    assert data["department"] == "统计局"  # the buyer as written; it reads as 统计
    # as catalogue check --department 统计局 --department-column 2 reads the same lines
    with open_table(
        io.BytesIO(text.encode()), input_format="tsv", no_header=True, department_column="2"
    ) as table:
        expected = [v.verdict for _, v in check_rows(cat, table, "统计")]
    assert [r["verdict"] for r in rows] == expected
    assert rows[2]["verdict"] == "in_scope" and rows[2]["entry"]["code"] == "A170303"


def test_pasted_lines_under_a_header_read_it_as_one(live: Live) -> None:
    rows = live.paste("项目名称\t部门\n环境空气质量监测服务\t生态环境局\n").json()["rows"]
    assert [(r["row"], r["department"], r["verdict"]) for r in rows] == [
        (2, "生态环境局", "in_scope")
    ]


def test_cells_are_data_not_markup(live: Live) -> None:
    payload = "<script>alert(1)</script>"
    r = live.paste(f"{payload}\n<img src=x onerror=alert(2)>档案整理服务")
    assert r.status == 200
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert r.headers["x-content-type-options"] == "nosniff"
    rows = r.json()["rows"]
    assert rows[0]["text"] == payload  # JSON carries the text as it is; the page shows it as text
    assert rows[1]["text"] == "<img src=x onerror=alert(2)>档案整理服务"


def test_empty_paste_and_bad_parameters_get_a_chinese_message(live: Live) -> None:
    cases = [
        (live.paste("  \n\n"), 400, "没有粘贴"),
        (live.paste("档案整理服务", department="外交部"), 400, "外交部"),
        (live.paste("档案整理服务", format="pdf"), 400, "format"),
        (live.post("/api/check?source=mail", b"x"), 400, "source"),
        (live.post("/api/check?source=paste", b"\xff\xfe\x00"), 400, "UTF-8"),
        (live.upload(b"", "t.csv"), 400, "空"),
        (live.upload(b"\x00\x01\x02\x03" * 100, "t.csv"), 400, "t.csv"),
        (live.upload(b"PK\x03\x04broken", "t.xlsx"), 400, "XLSX"),
        (live.upload("金额,科目\n1,2\n".encode(), "t.csv"), 400, "项目名称列"),
        (live.get("/api/check"), 405, "GET"),
        (live.get("/api/nothing"), 404, "没有这个地址"),
        (live.get("/api/entry?department=生态环境&code=A999999"), 404, "A999999"),
        (live.get("/api/entry?code=A170303"), 400, "部门"),
        (live.get("/api/tree?department=外交部"), 400, "外交部"),
        (live.get("/api/search?q=%20"), 400, "搜索词"),
        (live.get("/api/search?q=" + "长" * 300), 400, "过长"),
    ]
    for answer, status, words in cases:
        assert answer.status == status, (answer.status, answer.body.decode())
        message = answer.json()["error"]
        assert words in message, message
        assert "Traceback" not in message and re.search(r"[\u4e00-\u9fff]", message)


# -- files -----------------------------------------------------------------------------------------
def test_a_gb18030_csv_is_read_as_check_reads_it(live: Live, tmp_path: Path) -> None:
    text = (
        "2024年项目支出表\n项目名称,预算单位,金额\n1,2,3\n"
        "特种设备安全监测服务,市场监管局,12\n合计,,12\n"
    )
    path = tmp_path / "预算.csv"
    path.write_bytes(text.encode("gb18030"))
    data = live.upload(path.read_bytes(), "预算.csv").json()
    assert data["table"]["encoding"] == "gb18030"
    assert data["table"]["encoding_name"] == "GB18030"
    got = [(r["row"], r["verdict"], r["label"]) for r in data["rows"]]
    expected = [(r["row"], r["verdict"], r["label"]) for r in cli_records(path)]
    assert got == expected
    assert data["rows"][1]["text"] == "特种设备安全监测服务"
    assert data["rows"][0]["text"] == "1 2 3"  # a skipped row shows its cells, as the report does
    assert [r["verdict"] for r in data["rows"]] == ["skipped", "in_scope", "skipped"]
    assert data["summary"]["rows"] == 3


def test_table12_gives_the_verdicts_of_catalogue_check(live: Live) -> None:
    data = live.upload(TABLE12.read_bytes(), "table12.csv").json()
    expected = cli_records(TABLE12)
    assert len(data["rows"]) == len(expected)
    assert sum(r["verdict"] != "skipped" for r in data["rows"]) == 62
    for got, want in zip(data["rows"], expected, strict=True):
        assert (got["row"], got["verdict"], got["label"]) == (
            want["row"],
            want["verdict"],
            want["label"],
        )
        if want["verdict"] != "skipped":  # a skipped row shows its cells, as the report does
            assert got["text"] == want["text"]
        want_codes = [(c["department"], c["code"]) for c in want["candidates"]]
        got_codes = [(c["department"], c["code"]) for c in got["candidates"]]
        assert set(got_codes) <= set(want_codes)
    summary = data["summary"]
    counts = {m["meaning"]: m["count"] for m in summary["meanings"]}
    assert sum(counts.values()) == len(expected)
    assert summary["amount_column"] == "合计"
    assert all(m["colour"].startswith("#") for m in summary["meanings"])


def test_downloads_are_the_bytes_of_catalogue_check(live: Live, tmp_path: Path) -> None:
    xlsx = live.upload(TABLE12.read_bytes(), "table12.csv", format="xlsx")
    assert xlsx.status == 200
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in xlsx.headers["content-disposition"]
    result = cli_run("check", "table12.csv", "-o", str(tmp_path / "x.xlsx"), cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    assert xlsx.body == (tmp_path / "x.xlsx").read_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body))["检查结果"]
    assert sheet.max_row == 1 + len(cli_records(TABLE12))

    got = live.upload(TABLE12.read_bytes(), "table12.csv", format="csv")
    assert got.status == 200 and got.headers["content-type"].startswith("text/csv")
    result = cli_run("check", "table12.csv", "-o", str(tmp_path / "x.csv"), "--excel", cwd=EXAMPLES)
    assert result.exit_code == 0, result.output
    assert got.body == (tmp_path / "x.csv").read_bytes()
    assert got.body.startswith("\ufeff".encode())
    assert len(list(csv.reader(io.StringIO(got.body.decode("utf-8-sig"))))) == sheet.max_row


def test_an_xlsx_upload_with_a_buyer(live: Live, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门预算项目表"])
    ws.append(["项目名称", "单位", "金额"])
    ws.append(["环境空气质量监测服务", "孝义市环保局", 10])
    ws.append(["档案馆维修改造工程", "", 20.5])
    ws.append(["合计", "", 30.5])
    path = tmp_path / "预算.xlsx"
    wb.save(path)
    data = live.upload(path.read_bytes(), "预算.xlsx", department="孝义市生态环境局").json()
    expected = cli_records(path, "--department", "孝义市生态环境局")
    assert [(r["row"], r["verdict"]) for r in data["rows"]] == [
        (r["row"], r["verdict"]) for r in expected
    ]
    assert data["table"]["format"] == "xlsx" and data["table"]["department_column"] is None
    amounts = {m["meaning"]: m["amount"] for m in data["summary"]["meanings"]}
    assert amounts["in_scope"] == 10 and amounts["excluded"] == 20.5


def test_the_same_input_gives_the_same_answer(live: Live) -> None:
    first = live.upload(TABLE12.read_bytes(), "table12.csv")
    assert live.upload(TABLE12.read_bytes(), "table12.csv").body == first.body


# -- browsing and searching ------------------------------------------------------------------------
def test_departments_tree_and_entry(live: Live, cat: catalogue.Catalogue) -> None:
    deps = live.get("/api/departments").json()
    assert [d["name"] for d in deps["departments"]] == cat.departments
    assert deps["catalogue"]["document_number"] == "晋财综〔2021〕87号"
    assert deps["max_body"] == MAX_BODY and deps["max_rows"] == MAX_ROWS
    tree = live.get("/api/tree?department=孝义市环保局").json()
    assert tree["department"] == "生态环境"

    def codes(nodes: list[dict[str, Any]]) -> list[str]:
        return [c for n in nodes for c in (n["code"], *codes(n["children"]))]

    assert codes(tree["tree"]) == [e.code for e in cat.entries(department="生态环境")]
    entry = live.get("/api/entry?department=生态环境&code=a170303").json()
    assert entry["path"] == list(cat.lookup("A170303", "生态环境").path)
    assert entry["other_departments"] == ["市场监督管理"]
    assert entry["parent"]["code"] == "A1703"
    corrected = next(e for e in cat.entries() if e.correction)
    got = live.get(f"/api/entry?department={corrected.department}&code={corrected.code}").json()
    assert got["correction"] == corrected.correction


def test_search_is_catalogue_search(live: Live, cat: catalogue.Catalogue) -> None:
    for query, department in (("dzzh", ""), ("监测", "生态环境"), ("空气 监测", "")):
        got = live.get(f"/api/search?q={_quote(query)}&department={department}").json()
        hits = search(cat, query, department=department or None)
        assert got["count"] == len(hits)
        assert [(h["department"], h["code"]) for h in got["hits"]] == [
            h.entry.key for h in hits[:50]
        ]


def test_buyers_are_read_as_the_library_reads_them(live: Live, cat: catalogue.Catalogue) -> None:
    got = live.get("/api/buyers?q=" + _quote("侯马市教育体育局")).json()
    assert got["reading"] == cat.read_buyer("侯马市教育体育局").model_dump(mode="json")
    assert got["names"][0] == "教育"
    assert "环保局" in live.get("/api/buyers?q=" + _quote("环保")).json()["names"]
    unknown = live.get("/api/buyers?q=" + _quote("外交部")).json()
    assert unknown["reading"] is None and "外交部" in unknown["error"]


# -- nothing is written ----------------------------------------------------------------------------
def test_no_file_is_written_while_checking(live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    live.upload(TABLE12.read_bytes(), "table12.csv", format="xlsx")  # every module imported
    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            writes.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def watched_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(f"os.open({path!r})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(io, "open", watched_open)
    monkeypatch.setattr(os, "open", watched_os_open)
    for fmt in ("json", "xlsx", "csv"):
        assert live.upload(TABLE12.read_bytes(), "table12.csv", format=fmt).status == 200
    assert live.paste("档案整理服务\t档案局", format="xlsx").status == 200
    assert writes == []


def test_the_served_page_leaves_its_folders_empty(tmp_path: Path) -> None:
    """``catalogue serve`` in a subprocess, its working and temporary folders watched."""
    from test_serve import running

    work = tmp_path / "work"
    temp = tmp_path / "temp"
    work.mkdir()
    temp.mkdir()
    os.environ["TMPDIR"], old = str(temp), os.environ.get("TMPDIR")
    try:
        with running(tmp=work) as server:
            page = server.get("/app").text
            token = re.search(r'name="catalogue-token" content="([^"]+)"', page)
            assert token is not None
            for fmt in ("json", "xlsx", "csv"):
                r = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        "import sys, urllib.request as u; "
                        "r = u.urlopen(u.Request(sys.argv[1], data=open(sys.argv[2], 'rb').read(),"
                        " headers={'X-Catalogue-Token': sys.argv[3]}));"
                        "print(r.status, len(r.read()))",
                        f"{server.base}/app/api/check?source=file&name=t.csv&format={fmt}",
                        str(TABLE12),
                        token.group(1),
                    ],
                    capture_output=True,
                    text=True,
                    env={**os.environ, "NO_PROXY": "*"},
                    check=True,
                )
                assert r.stdout.startswith("200 ")
    finally:
        if old is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = old
    assert sorted(p.name for p in work.iterdir()) == [
        p.name for p in work.iterdir() if p.name.startswith("serve-")
    ]
    assert list(temp.iterdir()) == []


# -- serve --open ----------------------------------------------------------------------------------
def test_serve_open_opens_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    called = threading.Event()

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)
        called.set()
        return True

    def fake_serve(self: ReconcileServer, poll_interval: float = 0.5) -> None:
        called.wait(10)
        raise KeyboardInterrupt

    monkeypatch.setattr(webbrowser, "open", fake_open)
    monkeypatch.setattr(ReconcileServer, "serve_forever", fake_serve)
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--open"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/app", opened[0])
    assert f"检查页面：{opened[0]}" in result.output

    opened.clear()
    called.clear()
    monkeypatch.setattr(ReconcileServer, "serve_forever", lambda self, poll_interval=0.5: None)
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 0 and opened == []


def test_the_page_is_documented() -> None:
    doc = (REPO / "docs" / "app.md").read_text("utf-8")
    images = re.findall(r"!\[[^\]]*\]\((images/[^)]+)\)", doc)
    assert len(images) >= 5
    for image in images:
        data = (REPO / "docs" / image).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) < 400_000, image
    assert "catalogue serve --open" in doc
    for name in ("README.md", "docs/serve.md", "docs/cli.md", "docs/index.md"):
        assert "app.md" in (REPO / name).read_text("utf-8"), name
    assert "`--open`" in (REPO / "docs" / "cli.md").read_text("utf-8")
