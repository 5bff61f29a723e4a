"""``catalogue serve``: the reconciliation service, started in a subprocess and spoken to over HTTP.

Responses are checked against the JSON schemas the Reconciliation Service API publishes
(vendored in ``tests/schemas``, see its README) with the small validator below.
"""

from __future__ import annotations

import contextlib
import copy
import doctest
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import catalogue
from catalogue import reconcile
from catalogue import server as server_module
from catalogue.resources import data_path

SCHEMAS = Path(__file__).resolve().parent / "schemas"
STARTUP_TIMEOUT = 20.0
REQUEST_TIMEOUT = 15.0


# -- a small JSON Schema validator (the keywords the published schemas use) ---------------------
_ANNOTATIONS = {"$schema", "$id", "description", "definitions", "title"}


def _is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if kind == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float))
    raise AssertionError(f"unknown type {kind!r}")


def _resolve(
    ref: str, root: dict[str, Any], base: Path
) -> tuple[dict[str, Any], dict[str, Any], Path]:
    target, _, pointer = ref.partition("#")
    if target:
        if "://" in target:
            raise AssertionError(f"remote $ref not vendored: {ref}")
        path = base / target
        root = json.loads(path.read_text(encoding="utf-8"))
        base = path.parent
    node: Any = root
    for part in filter(None, pointer.split("/")):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, root, base


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], base: Path, at: str = "$"
) -> list[str]:
    """Every violation of ``schema`` by ``value``, as ``path: message`` strings."""
    if "$ref" in schema:
        node, root2, base2 = _resolve(schema["$ref"], root, base)
        return schema_errors(value, node, root2, base2, at)
    errors: list[str] = []
    for key, arg in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            kinds = arg if isinstance(arg, list) else [arg]
            if not any(_is_type(value, k) for k in kinds):
                return [f"{at}: expected {arg}, got {type(value).__name__}"]
        elif key == "enum":
            if value not in arg:
                errors.append(f"{at}: {value!r} not in {arg}")
        elif key == "pattern":
            if isinstance(value, str) and not re.search(arg, value):
                errors.append(f"{at}: {value!r} does not match {arg}")
        elif key == "required":
            if isinstance(value, dict):
                errors += [f"{at}: missing {k!r}" for k in arg if k not in value]
        elif key == "properties":
            if isinstance(value, dict):
                for k, sub in arg.items():
                    if k in value:
                        errors += schema_errors(value[k], sub, root, base, f"{at}.{k}")
        elif key == "patternProperties":
            if isinstance(value, dict):
                for pattern, sub in arg.items():
                    for k, v in value.items():
                        if re.search(pattern, k):
                            errors += schema_errors(v, sub, root, base, f"{at}.{k}")
        elif key == "additionalProperties":
            if isinstance(value, dict):
                known = set(schema.get("properties", {}))
                patterns = list(schema.get("patternProperties", {}))
                extra = [
                    k
                    for k in value
                    if k not in known and not any(re.search(p, k) for p in patterns)
                ]
                for k in extra:
                    if arg is False:
                        errors.append(f"{at}: unexpected property {k!r}")
                    elif isinstance(arg, dict):
                        errors += schema_errors(value[k], arg, root, base, f"{at}.{k}")
        elif key == "items":
            if isinstance(value, list):
                for i, item in enumerate(value):
                    errors += schema_errors(item, arg, root, base, f"{at}[{i}]")
        elif key == "minItems":
            if isinstance(value, list) and len(value) < arg:
                errors.append(f"{at}: fewer than {arg} items")
        elif key == "uniqueItems":
            if arg and isinstance(value, list):
                seen = [json.dumps(v, sort_keys=True) for v in value]
                if len(seen) != len(set(seen)):
                    errors.append(f"{at}: items are not unique")
        elif key == "contains":
            if isinstance(value, list) and not any(
                not schema_errors(v, arg, root, base) for v in value
            ):
                errors.append(f"{at}: no item matches {arg}")
        elif key == "oneOf":
            passing = sum(not schema_errors(value, sub, root, base, at) for sub in arg)
            if passing != 1:
                errors.append(f"{at}: {passing} of the oneOf alternatives match")
        elif key == "anyOf":
            if all(schema_errors(value, sub, root, base, at) for sub in arg):
                errors.append(f"{at}: none of the anyOf alternatives match")
        else:
            raise AssertionError(f"validator does not know keyword {key!r}")
    return errors


def assert_valid(value: Any, name: str) -> None:
    path = SCHEMAS / name
    schema = json.loads(path.read_text(encoding="utf-8"))
    errors = schema_errors(value, schema, schema, path.parent)
    assert not errors, f"{name}: " + "; ".join(errors[:10])


def test_the_validator_catches_violations() -> None:
    assert_valid({"q0": {"result": []}}, "0.2/reconciliation-result-batch.json")
    bad = {"q0": {"result": [{"id": "x", "score": "high"}]}}
    path = SCHEMAS / "0.2/reconciliation-result-batch.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    errors = schema_errors(bad, schema, schema, path.parent)
    assert any("missing 'name'" in e for e in errors) and any(".score" in e for e in errors)
    manifest = json.loads((SCHEMAS / "0.2/manifest.json").read_text(encoding="utf-8"))
    assert schema_errors({"versions": ["0.1"]}, manifest, manifest, SCHEMAS / "0.2")
    draft = SCHEMAS / "1.0-draft/reconciliation-result-batch.json"
    schema = json.loads(draft.read_text(encoding="utf-8"))
    feature = {"id": "x", "name": "y", "features": [{"id": "f", "value": 1}]}
    assert schema_errors({"results": [{"candidates": [feature]}]}, schema, schema, draft.parent)


# -- the server in a subprocess -----------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Response:
    status: int
    headers: Any
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


# never go through a proxy from the environment to reach the loopback server
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(
    url: str,
    *,
    data: bytes | None = None,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=REQUEST_TIMEOUT) as r:
            return Response(r.status, r.headers, r.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return Response(exc.code, exc.headers, exc.read())


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    log: Path

    def url(self, path: str = "/", **params: str) -> str:
        query = urllib.parse.urlencode(params)
        return f"{self.base}{path}" + (f"?{query}" if query else "")

    def get(self, path: str = "/", **params: str) -> Response:
        return fetch(self.url(path, **params))

    def post_form(self, path: str = "/", **fields: str) -> Response:
        data = urllib.parse.urlencode(fields).encode()
        ctype = "application/x-www-form-urlencoded"
        return fetch(self.url(path), data=data, headers={"Content-Type": ctype})

    def post_json(self, path: str, obj: Any) -> Response:
        data = json.dumps(obj, ensure_ascii=False).encode()
        return fetch(self.url(path), data=data, headers={"Content-Type": "application/json"})

    def reconcile(self, queries: dict[str, Any]) -> dict[str, Any]:
        r = self.get("/", queries=json.dumps(queries, ensure_ascii=False))
        assert r.status == 200, r.text
        answer: dict[str, Any] = r.json()
        return answer


def sigint_as_at_a_terminal() -> None:
    """Run in the child before exec: Ctrl-C interrupts it, as it does at a terminal.

    A shell that starts a job in the background (``pytest &``, some CI runners) makes the job
    ignore SIGINT, and the child inherits that, so a test of what Ctrl-C does would see nothing.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def running(*args: str, tmp: Path) -> Iterator[Server]:
    """``python -m catalogue [args] serve --port P`` on a free loopback port; always stopped."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    env = {k: v for k, v in os.environ.items() if k != "CATALOGUE_FILE"}
    with log.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "catalogue", *args, "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=tmp,
            env=env,
            preexec_fn=sigint_as_at_a_terminal,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited with {process.returncode}: {log.read_text()}")
            try:
                with _OPENER.open(base + "/", timeout=2) as r:
                    r.read()
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"the server did not answer in {STARTUP_TIMEOUT}s: {log.read_text()}"
                    )
                time.sleep(0.1)
        yield Server(base, process, log)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp=tmp_path_factory.mktemp("serve")) as s:
        yield s


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


# -- start and stop -----------------------------------------------------------------------------
def test_prints_its_url_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    with running("--catalogue", str(data_path()), tmp=tmp_path) as s:
        log = s.log.read_text(encoding="utf-8")
        assert f"{s.base}/" in log and "Ctrl-C" in log
        s.process.send_signal(signal.SIGTERM)
        assert s.process.wait(timeout=10) == 0
    assert "已停止" in s.log.read_text(encoding="utf-8")
    assert "Traceback" not in s.log.read_text(encoding="utf-8")


def test_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    with running(tmp=tmp_path) as s:
        s.process.send_signal(signal.SIGINT)
        assert s.process.wait(timeout=10) == 0
    assert "Traceback" not in s.log.read_text(encoding="utf-8")


def test_port_in_use_is_a_usage_error(server: Server) -> None:
    port = urllib.parse.urlsplit(server.base).port
    done = subprocess.run(
        [sys.executable, "-m", "catalogue", "serve", "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("错误：") and "Traceback" not in done.stderr


def test_doc_examples() -> None:
    doc = Path(__file__).resolve().parent.parent / "docs" / "serve.md"
    result = doctest.testfile(
        str(doc), module_relative=False, optionflags=doctest.ELLIPSIS, encoding="utf-8"
    )
    assert result.failed == 0 and result.attempted >= 5
    for module in (reconcile, server_module):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_serve_is_documented() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    assert re.search(r"^## catalogue serve", (docs / "cli.md").read_text("utf-8"), re.M)
    text = (docs / "serve.md").read_text(encoding="utf-8")
    for step in (
        "Reconcile",
        "Start reconciling",
        "Add Standard Service",
        "http://127.0.0.1:8000/",
    ):
        assert step in text


# -- the manifest -------------------------------------------------------------------------------
def test_manifest(server: Server, cat: catalogue.Catalogue) -> None:
    r = server.get("/")
    assert r.status == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    m = r.json()
    assert_valid(m, "0.2/manifest.json")
    assert "0.2" in m["versions"]
    assert m["name"].startswith("山西省部门政府购买服务指导性目录（第二批）")
    assert m["identifierSpace"] and m["schemaSpace"]
    assert m["defaultTypes"] == [{"id": d, "name": d} for d in cat.departments]
    assert len(m["defaultTypes"]) == 15
    assert m["view"]["url"] == f"{server.base}/view/{{{{id}}}}"
    assert m["preview"]["url"] == f"{server.base}/preview?id={{{{id}}}}"
    assert m["preview"]["width"] > 0 and m["preview"]["height"] > 0
    entity = m["suggest"]["entity"]
    assert entity["service_url"] + entity["service_path"] == f"{server.base}/suggest/entity"
    assert entity["flyout_service_path"] == "/flyout/entity?id=${id}"
    # the same at /reconcile, and by POST without queries
    assert server.get("/reconcile").json() == m
    assert fetch(server.url("/"), data=b"", method="POST").json() == m


def test_manifest_urls_resolve(server: Server) -> None:
    m = server.get("/").json()
    ident = urllib.parse.quote("生态环境:A170303", safe="")
    assert fetch(m["view"]["url"].replace("{{id}}", ident)).status == 200
    assert fetch(m["preview"]["url"].replace("{{id}}", ident)).status == 200
    flyout = m["suggest"]["entity"]
    url = flyout["flyout_service_url"] + flyout["flyout_service_path"].replace("${id}", ident)
    assert fetch(url).json()["id"] == "生态环境:A170303"


# -- queries ------------------------------------------------------------------------------------
BATCH = {
    "q0": {"query": "特种设备安全监测服务", "type": "市场监督管理"},
    "q1": {"query": "档案馆维修改造工程"},
    "q2": {
        "query": "环境空气质量监测",
        "properties": [{"pid": "department", "v": "孝义市生态环境局"}],
    },
    "q3": {"query": "环境空气质量监测", "type": "生态环境", "limit": 2},
}


def test_query_batch_by_get_and_post(server: Server) -> None:
    assert_valid(BATCH, "0.2/reconciliation-query-batch.json")
    text = json.dumps(BATCH, ensure_ascii=False)
    by_get = server.get("/", queries=text)
    by_form = server.post_form("/", queries=text)
    by_json = server.post_json("/", BATCH)
    for r in (by_get, by_form, by_json):
        assert r.status == 200, r.text
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert_valid(r.json(), "0.2/reconciliation-result-batch.json")
    assert by_get.json() == by_form.json() == by_json.json()
    result = by_get.json()
    assert set(result) == set(BATCH)
    assert len(result["q3"]["result"]) <= 2
    for answer in result.values():
        for c in answer["result"]:
            assert 0 <= c["score"] <= 100
            dep, _, code = c["id"].partition(":")
            assert c["type"] == [{"id": dep, "name": dep}]
            assert c["description"] == " > ".join(catalogue.load().lookup(code, dep).path)


def test_draft_batch_at_reconcile(server: Server, cat: catalogue.Catalogue) -> None:
    batch = {
        "queries": [
            {
                "conditions": [{"matchType": "name", "propertyValue": "特种设备安全监测服务"}],
                "type": "市场监督管理",
            },
            {
                "conditions": [
                    {"matchType": "name", "propertyValue": "环境空气质量监测"},
                    {
                        "matchType": "property",
                        "propertyId": "department",
                        "propertyValue": "孝义市生态环境局",
                    },
                ]
            },
            {"conditions": [{"matchType": "name", "propertyValue": "档案馆维修改造工程"}]},
        ]
    }
    assert_valid(batch, "1.0-draft/reconciliation-query-batch.json")
    r = server.post_json("/reconcile", batch)
    assert r.status == 200, r.text
    body = r.json()
    assert_valid(body, "1.0-draft/reconciliation-result-batch.json")
    first, second, third = (res["candidates"] for res in body["results"])
    assert first[0]["id"] == "市场监督管理:A170303" and first[0]["match"] is True
    assert {c["id"].split(":")[0] for c in second} == {"生态环境"}
    assert not any(c["match"] for c in third)
    # the same batch in the 0.2 form gives the same candidates
    old = server.reconcile({"a": {"query": "特种设备安全监测服务", "type": "市场监督管理"}})["a"][
        "result"
    ]
    assert old == first


def test_department_restriction_by_type_and_by_property(
    server: Server, cat: catalogue.Catalogue
) -> None:
    result = server.reconcile(BATCH)
    by_type = result["q0"]["result"]
    assert by_type and {c["id"].split(":")[0] for c in by_type} == {"市场监督管理"}
    by_agency = result["q2"]["result"]
    assert by_agency and {c["id"].split(":")[0] for c in by_agency} == {"生态环境"}
    assert by_agency[0]["id"] == "生态环境:A170303" and by_agency[0]["match"] is True
    # a type in agency form, and a property given as a list or as an entity
    more = server.reconcile(
        {
            "t": {"query": "环境空气质量监测", "type": "孝义市环保局"},
            "l": {
                "query": "环境空气质量监测",
                "properties": [{"pid": "department", "v": ["环保局"]}],
            },
            "e": {
                "query": "环境空气质量监测",
                "properties": [{"pid": "department", "v": {"id": "生态环境", "name": "生态环境"}}],
            },
            "blank": {"query": "环境空气质量监测", "properties": [{"pid": "department", "v": ""}]},
        }
    )
    for key in ("t", "l", "e"):
        assert more[key]["result"][0]["id"] == "生态环境:A170303", key
        assert {c["id"].split(":")[0] for c in more[key]["result"]} == {"生态环境"}
    # a blank department cell restricts nothing: the same as no department
    plain = server.reconcile({"p": {"query": "环境空气质量监测"}})["p"]["result"]
    assert more["blank"]["result"] == plain


def test_unknown_or_contradictory_department_gives_no_candidates(server: Server) -> None:
    result = server.reconcile(
        {
            "type": {"query": "环境空气质量监测", "type": "外交部"},
            "prop": {
                "query": "环境空气质量监测",
                "properties": [{"pid": "department", "v": "不存在的局"}],
            },
            "both": {
                "query": "环境空气质量监测",
                "type": "生态环境",
                "properties": [{"pid": "department", "v": "教育局"}],
            },
        }
    )
    assert result == {"type": {"result": []}, "prop": {"result": []}, "both": {"result": []}}


def test_match_follows_check(server: Server, cat: catalogue.Catalogue) -> None:
    result = server.reconcile(BATCH)
    # a clearly listed line matches, and its match is check's first candidate
    verdict = cat.check("特种设备安全监测服务", "市场监督管理")
    assert verdict.verdict == "in_scope"
    best = verdict.candidates[0]
    listed = result["q0"]["result"]
    assert listed[0]["id"] == f"{best.department}:{best.code}"
    assert listed[0]["match"] is True and listed[0]["score"] == pytest.approx(best.score, abs=0.1)
    assert [c["match"] for c in listed[1:]] == [False] * (len(listed) - 1)
    assert [c["id"] for c in listed] == [f"{c.department}:{c.code}" for c in verdict.candidates]
    # an excluded line (works) never matches
    assert cat.check("档案馆维修改造工程").verdict != "in_scope"
    assert not any(c["match"] for c in result["q1"]["result"])


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("特种设备安全监测服务", "市场监督管理"),
        ("环境空气质量监测", "孝义市生态环境局"),
        ("档案馆维修改造工程", None),
        ("购置监测设备", "生态环境"),
        ("地质灾害防治宣传", "自然资源"),
        ("地质灾害防治宣传", "教育"),
        ("粮食信息服务", None),
        ("职工工资", None),
    ],
)
def test_same_answers_as_check(
    server: Server, cat: catalogue.Catalogue, text: str, department: str | None
) -> None:
    query: dict[str, Any] = {"query": text}
    if department:
        query["properties"] = [{"pid": "department", "v": department}]
    got = server.reconcile({"q": query})["q"]["result"]
    verdict = cat.check(text, department)
    dep = verdict.department if department else None
    expected = [c for c in verdict.candidates if dep is None or c.department == dep]
    assert [c["id"] for c in got] == [f"{c.department}:{c.code}" for c in expected]
    matched = [c["id"] for c in got if c["match"]]
    if verdict.verdict == "in_scope":
        assert matched == [f"{verdict.candidates[0].department}:{verdict.candidates[0].code}"]
    else:
        assert matched == []


def test_entity_id_as_query(server: Server) -> None:
    result = server.reconcile(
        {
            "id": {"query": "生态环境:A170303"},
            "code": {"query": "A170303", "type": "市场监督管理"},
            "other": {"query": "生态环境:A170303", "type": "教育"},
        }
    )
    assert [c["id"] for c in result["id"]["result"]] == ["生态环境:A170303"]
    assert result["id"]["result"][0]["score"] == 100
    assert [c["id"] for c in result["code"]["result"]] == ["市场监督管理:A170303"]
    assert result["other"]["result"] == []


def test_empty_and_junk_queries_give_no_candidates(server: Server) -> None:
    result = server.reconcile(
        {"empty": {"query": ""}, "junk": {"query": "abc ###"}, "props": {"properties": []}}
    )
    assert result == {"empty": {"result": []}, "junk": {"result": []}, "props": {"result": []}}


def test_long_query_is_cut(server: Server, cat: catalogue.Catalogue) -> None:
    text = "特种设备安全监测服务" + "，" * 2000
    got = server.reconcile({"q": {"query": text, "type": "市场监督管理"}})["q"]["result"]
    assert got[0]["id"] == "市场监督管理:A170303"
    assert len(reconcile.reconcile_query(cat, {"query": "监" * 100_000})) <= reconcile.DEFAULT_LIMIT


PATH_A170303 = "公共服务 > 技术性公共服务 > 监测服务 > 环境空气质量监测服务"


# -- preview, view, flyout, suggest -------------------------------------------------------------
def test_preview_and_view(server: Server) -> None:
    r = server.get("/preview", id="发展和改革委员会:A180601")
    assert r.status == 200 and r.headers["Content-Type"].startswith("text/html")
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    for part in (
        "A180601",
        "山西省政务中心政务服务窗口受理咨询服务",
        "发展和改革委员会",
        "仅限集中受理事项",
    ):
        assert part in r.text
    assert "公共服务 &gt; 其他公共服务" in r.text
    v = fetch(server.base + "/view/" + urllib.parse.quote("发展和改革委员会:A180601", safe=""))
    assert v.status == 200 and "<!DOCTYPE html>" in v.text and "A1806" in v.text
    # any agency form of the department and any spelling of the code
    assert server.get("/preview", id="发改委:a18 06 01").status == 200


def test_preview_escapes_the_data(tmp_path: Path) -> None:
    raw = json.loads(data_path().read_text(encoding="utf-8"))
    data = copy.deepcopy(raw)
    dep = next(d for d in data["departments"] if d["name"] == "统计")
    node = next(n for n in dep["nodes"] if n["code"] == "A150201")
    node["name"] = '统计<script>alert("x")</script>&信息<b>宣传服务'
    node["note"] = "<img src=x onerror=alert(1)>"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with running("--catalogue", str(path), tmp=tmp_path) as s:
        pages = [
            s.get("/preview", id="统计:A150201").text,
            fetch(s.base + "/view/" + urllib.parse.quote("统计:A150201", safe="")).text,
            s.get("/flyout/entity", id="统计:A150201").json()["html"],
        ]
    for page in pages:
        assert "<script" not in page and "<img" not in page and "<b>" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;信息&lt;b&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_flyout(server: Server) -> None:
    r = server.get("/flyout/entity", id="生态环境:A170303")
    assert r.status == 200
    body = r.json()
    assert body["id"] == "生态环境:A170303" and "环境空气质量监测服务" in body["html"]
    assert server.get("/flyout/entity", id="生态环境:A999999").status == 404


def test_suggest(server: Server) -> None:
    r = server.get("/suggest/entity", prefix="环境空气")
    assert r.status == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    body = r.json()
    assert_valid(body, "0.2/suggest-entities-response.json")
    assert body["result"][0] == {
        "id": "生态环境:A170303",
        "name": "环境空气质量监测服务",
        "description": "生态环境 A170303：" + PATH_A170303,
        "notable": [{"id": "生态环境", "name": "生态环境"}],
    }
    # restricted by type (agency form), by code prefix, with paging
    typed = server.get("/suggest/entity", prefix="监测", type="市场监管局").json()["result"]
    assert typed and {s["id"].split(":")[0] for s in typed} == {"市场监督管理"}
    coded = server.get("/suggest/entity", prefix="a1703", type="生态环境").json()["result"]
    assert coded and all(s["id"].startswith("生态环境:A1703") for s in coded)
    page1 = server.get("/suggest/entity", prefix="", limit="3").json()["result"]
    page2 = server.get("/suggest/entity", prefix="", limit="3", cursor="3").json()["result"]
    assert len(page1) == len(page2) == 3 and not {s["id"] for s in page1} & {s["id"] for s in page2}
    assert server.get("/suggest/entity", prefix="监测", type="外交部").json() == {"result": []}
    # a prefix that is no substring still finds entries through matching
    fuzzy = server.get("/suggest/entity", prefix="空气监测").json()["result"]
    assert "生态环境:A170303" in [s["id"] for s in fuzzy]
    types = server.get("/suggest/type", prefix="孝义市环保局").json()["result"]
    assert [t["id"] for t in types] == ["生态环境"]
    props = server.get("/suggest/property", prefix="部门").json()["result"]
    assert [p["id"] for p in props] == ["department"]
    assert server.get("/suggest/entity", prefix="x", cursor="-1").status == 400


# -- JSONP and CORS -----------------------------------------------------------------------------
def test_jsonp(server: Server) -> None:
    r = server.get("/", callback="jQuery123_456")
    assert r.status == 200
    assert r.headers["Content-Type"].startswith("application/javascript")
    m = re.fullmatch(r"/\*\*/jQuery123_456\((.*)\);", r.text, re.S)
    assert m and json.loads(m.group(1)) == server.get("/").json()
    q = server.get("/", callback="cb", queries=json.dumps(BATCH, ensure_ascii=False))
    assert q.text.startswith("/**/cb(") and json.loads(q.text[7:-2]) == server.reconcile(BATCH)
    assert server.get("/suggest/entity", prefix="监测", callback="cb").text.startswith("/**/cb(")
    for bad in ("alert(1)", "a-b", "1abc", "x;y", "<script>"):
        r = server.get("/", callback=bad)
        assert r.status == 400, bad
        assert "callback" in r.json()["error"] and "<" not in r.text


def test_cors_preflight(server: Server) -> None:
    r = fetch(
        server.url("/reconcile"),
        method="OPTIONS",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert r.status == 204
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()


# -- limits and errors --------------------------------------------------------------------------
def assert_error(r: Response, status: int, *words: str) -> None:
    assert r.status == status, (r.status, r.text)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert body["status"] == status and isinstance(body["error"], str) and body["error"]
    for word in words:
        assert word in body["error"]


def test_malformed_json_is_400(server: Server) -> None:
    assert_error(server.get("/", queries="{not json"), 400, "JSON")
    assert_error(server.post_form("/", queries='{"q0": {"query": "x"'), 400, "JSON")
    bad = fetch(server.url("/reconcile"), data=b"{]", headers={"Content-Type": "application/json"})
    assert_error(bad, 400, "JSON")
    assert_error(server.get("/", queries='"just a string"'), 400)
    assert_error(server.get("/", queries='{"q0": "not an object"}'), 400, "q0")
    assert_error(server.get("/", queries='{"q0": {"query": "x", "limit": -1}}'), 400, "limit")
    assert_error(server.get("/", queries='{"q0": {"query": "x", "properties": 3}}'), 400)
    assert_error(fetch(server.url("/"), data=b"queries=\xff\xfe"), 400)


def test_too_many_queries_is_400(server: Server) -> None:
    many = {f"q{i}": {"query": "监测"} for i in range(reconcile.MAX_QUERIES + 1)}
    assert_error(server.post_form("/", queries=json.dumps(many)), 400, "100")
    assert_error(server.post_json("/reconcile", {"queries": list(many.values())}), 400, "100")
    enough = dict(list(many.items())[: reconcile.MAX_QUERIES])
    assert server.post_form("/", queries=json.dumps(enough)).status == 200


def test_oversized_body_is_413(server: Server) -> None:
    parts = urllib.parse.urlsplit(server.base)
    conn = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=REQUEST_TIMEOUT)
    try:
        conn.putrequest("POST", "/")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(1024 * 1024 + 1))
        conn.endheaders()
        r = conn.getresponse()
        assert_error(Response(r.status, r.headers, r.read()), 413)
    finally:
        conn.close()
    # a body at the limit is read (and here refused as JSON, not as too large)
    body = b"queries=" + b"x" * (1024 * 1024 - 8)
    assert_error(fetch(server.url("/"), data=body), 400, "JSON")


def test_unknown_paths_are_404(server: Server) -> None:
    assert_error(server.get("/nope"), 404)
    assert_error(server.get("/preview", id="教育:A999999"), 404)
    assert_error(server.get("/preview", id="外交部:A170303"), 404)
    assert_error(server.get("/preview"), 400, "id")
    assert_error(fetch(server.base + "/view/" + urllib.parse.quote("nothing", safe="")), 404)
    assert_error(server.get("/extension"), 404)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE"])
def test_other_methods_are_405(server: Server, method: str) -> None:
    r = fetch(server.url("/"), method=method, data=b"{}" if method in ("PUT", "PATCH") else None)
    assert_error(r, 405, method)
    assert r.headers["Allow"] == "GET, POST, OPTIONS"


def test_head_is_405_without_body(server: Server) -> None:
    r = fetch(server.url("/"), method="HEAD")
    assert r.status == 405 and r.body == b""
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_server_survives_the_errors(server: Server) -> None:
    assert server.process.poll() is None
    assert server.get("/").status == 200
    assert "Traceback" not in server.log.read_text(encoding="utf-8")


def test_keep_alive_connections_stay_in_step(server: Server) -> None:
    """A refused request never leaves part of its body to be read as the next request."""
    port = urllib.parse.urlsplit(server.base).port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = urllib.parse.urlencode({"queries": json.dumps(BATCH, ensure_ascii=False)})
    try:
        conn.request("POST", "/?callback=bad(", body=body, headers=form)
        first = conn.getresponse()
        assert first.status == 400 and b"callback" in first.read()
        conn.request("GET", "/", body="queries=%7B%7D", headers=form)
        second = conn.getresponse()
        assert second.status == 200 and json.loads(second.read())["versions"] == ["0.2"]
        conn.request("POST", "/", body=body, headers=form)
        third = conn.getresponse()
        assert third.status == 200 and set(json.loads(third.read())) == set(BATCH)
        conn.request("GET", "/suggest/entity?prefix=%E7%9B%91%E6%B5%8B")
        fourth = conn.getresponse()
        assert fourth.status == 200 and json.loads(fourth.read())["result"]
    finally:
        conn.close()


# -- what the real OpenRefine showed --------------------------------------------------------------
def restricted_pairs(cat: catalogue.Catalogue, limit: int) -> list[tuple[str, str]]:
    """(text, department) pairs for which ``check`` lists another department's entry among its
    ``limit`` candidates: texts made of one department's entry names, restricted to another."""
    pairs = []
    entries = cat.entries(level=4)
    for e in entries[::7]:
        for dep in cat.departments[::4]:
            text = f"{e.name}服务项目"
            if dep != e.department and any(
                c.department != dep for c in cat.check(text, dep, limit=limit).candidates
            ):
                pairs.append((text, dep))
    return pairs


@pytest.mark.parametrize("limit", [3, 5])
def test_a_department_restriction_gives_limit_candidates(
    server: Server, cat: catalogue.Catalogue, limit: int
) -> None:
    pairs = restricted_pairs(cat, limit)
    if not pairs:
        pytest.skip("check lists no other department's entry for these lines: nothing to fill")
    batch = {
        f"q{i}": {"query": text, "type": dep, "limit": limit} for i, (text, dep) in enumerate(pairs)
    }
    got = {}
    for start in range(0, len(pairs), reconcile.MAX_QUERIES):
        part = dict(list(batch.items())[start : start + reconcile.MAX_QUERIES])
        got.update(server.post_form("/", queries=json.dumps(part, ensure_ascii=False)).json())
    for i, (text, dep) in enumerate(pairs):
        result = got[f"q{i}"]["result"]
        expected = cat.match(text, dep, limit=limit)
        assert len(result) == len(expected), (text, dep, [c["id"] for c in result])
        assert {c["id"].split(":")[0] for c in result} <= {dep}
        assert [c["score"] for c in result] == sorted((c["score"] for c in result), reverse=True)
        own = [f"{c.department}:{c.code}" for c in cat.check(text, dep, limit=limit).candidates]
        assert {o for o in own if o.startswith(f"{dep}:")} <= {c["id"] for c in result}


def test_data_extension_is_refused_as_not_offered(server: Server) -> None:
    extend = json.dumps({"ids": ["生态环境:A170303"], "properties": [{"id": "department"}]})
    manifest = server.get("/").json()
    assert "extend" not in manifest
    answers = [
        server.post_form("/", extend=extend),
        server.post_form("/reconcile", extend=extend),
        server.get("/", extend=extend),
        server.post_json("/extend", json.loads(extend)),
        server.get("/extend/propose", type="生态环境"),
        server.post_form("/", extend=extend, queries=json.dumps(BATCH, ensure_ascii=False)),
    ]
    for r in answers:
        assert_error(r, 501, "extend")
        assert r.json() != manifest
    # the service keeps answering queries on the same route
    assert server.post_form("/", queries=json.dumps(BATCH, ensure_ascii=False)).status == 200


@pytest.mark.parametrize("place", ["", "孝义市", "吕梁市", "山西省", "山西省吕梁市孝义市"])
def test_type_suggest_finds_departments_from_partial_agency_names(
    server: Server, cat: catalogue.Catalogue, place: str
) -> None:
    for dep in cat.departments:
        for name in (dep, *cat.department(dep).aliases):
            for cut in (1, 2, len(name)):
                prefix = place + name[:cut]
                r = server.get("/suggest/type", prefix=prefix, limit="20")
                assert r.status == 200
                body = r.json()
                assert all(isinstance(t["id"], str) and t["name"] for t in body["result"])
                ids = [t["id"] for t in body["result"]]
                assert dep in ids, (prefix, ids)
                if cut == len(name):
                    assert ids[0] == dep, (prefix, ids)


def test_type_suggest_on_the_example_and_on_places(
    server: Server, cat: catalogue.Catalogue
) -> None:
    ids = [t["id"] for t in server.get("/suggest/type", prefix="孝义市生态").json()["result"]]
    assert ids == [cat.get_department("生态环境局")]
    every = server.get("/suggest/type", prefix="孝义市", limit="20").json()["result"]
    assert [t["id"] for t in every] == cat.departments
    assert server.get("/suggest/type", prefix="孝义市外交").json() == {"result": []}
