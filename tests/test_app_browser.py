"""The review page in a real browser: Debian's Chromium, driven by selenium through chromedriver.

``catalogue serve`` runs in a subprocess on a free loopback port; one headless Chromium visits
``/app``, pastes lines, chooses and drops files, filters, downloads, browses and searches, and
takes screenshots at a desktop and at a phone width. No browser is downloaded: the tests use the
``chromium`` and ``chromedriver`` on the PATH (``apt-get install chromium chromium-driver``;
``.ci/run`` installs them when it runs as root with apt) and are skipped, saying so, only when
there is none.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import struct
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

import catalogue
from catalogue.cli import cli
from catalogue.search import search

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"
TABLE12 = EXAMPLES / "table12.csv"
DESKTOP = (1280, 900)
PHONE = (390, 844)


def browser_paths() -> tuple[str, str] | str:
    """(chromium, chromedriver), or why the browser tests cannot run."""
    browser = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        missing = " and ".join(
            name for name, p in (("chromium", browser), ("chromedriver", driver)) if p is None
        )
        return (
            f"no {missing} on PATH: install Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver) to run the browser tests"
        )
    return browser, driver


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    found = browser_paths()
    if isinstance(found, str):
        pytest.skip(found)
    from test_serve import running

    with running(tmp=tmp_path_factory.mktemp("app")) as s:
        yield s


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(server: Any, downloads: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = browser_paths()
    assert not isinstance(found, str)
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for arg in (
        "--headless=new",
        "--no-sandbox",  # root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--lang=zh-CN",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(options=options, service=Service(found[1]))
    d.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield d
    finally:
        d.quit()


@pytest.fixture(scope="module")
def expected() -> list[dict[str, Any]]:
    """``catalogue check docs/examples/table12.csv --format jsonl``."""
    return cli_records(TABLE12)


def cli_records(path: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["check", str(path), "--format", "jsonl", *args], env={"CATALOGUE_FILE": None}
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- helpers ---------------------------------------------------------------------------------------
def wait(condition: Callable[[], Any], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        time.sleep(0.05)


def by_id(d: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return d.find_element(By.ID, name)


def open_page(d: Any, server: Any, tab: str = "check") -> None:
    d.get(f"{server.base}/app#{tab}")
    wait(lambda: d.execute_script("return document.readyState") == "complete")
    wait(lambda: "晋财综" in by_id(d, "source").text)  # the departments have loaded


def checked(d: Any, name: str) -> list[dict[str, str]]:
    """Wait for the table called ``name`` to be shown; its rows as the page shows them."""
    wait(lambda: by_id(d, "status").text.startswith(f"已检查“{name}”"))
    assert by_id(d, "status").get_attribute("class") != "error"
    return rows(d)


def rows(d: Any, visible_only: bool = False) -> list[dict[str, str]]:
    script = """
      return [...document.querySelectorAll('#rows tbody tr.row')]
        .filter((tr) => !arguments[0] || !tr.hidden)
        .map((tr) => ({row: tr.dataset.row, verdict: tr.dataset.verdict,
                       label: tr.querySelector('td.verdict').textContent,
                       text: tr.querySelector('td.text').textContent,
                       entry: tr.querySelector('td.entry').textContent,
                       colour: tr.querySelector('td.verdict').style.backgroundColor}));
    """
    found: list[dict[str, str]] = d.execute_script(script, visible_only)
    return found


def choose(d: Any, select: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(by_id(d, select)).select_by_value(value)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# -- checking a table ------------------------------------------------------------------------------
def test_table12_shows_the_verdicts_of_catalogue_check(
    driver: Any, server: Any, expected: list[dict[str, Any]]
) -> None:
    open_page(driver, server)
    by_id(driver, "file").send_keys(str(TABLE12))
    shown = checked(driver, "table12.csv")
    assert len(shown) == len(expected)
    assert sum(r["verdict"] != "skipped" for r in shown) == 62
    for got, want in zip(shown, expected, strict=True):
        assert (int(got["row"]), got["verdict"], got["label"]) == (
            want["row"],
            want["verdict"],
            want["label"],
        )
        assert got["colour"], got  # each verdict in its colour
        if want["verdict"] == "in_scope":
            best = want["candidates"][0]
            assert f"{best['department']} {best['code']} {best['name']}" in got["entry"]
    summary = driver.execute_script(
        "return [...document.querySelectorAll('#summary tbody tr')].map((tr) =>"
        " [tr.dataset.meaning, tr.cells[1].textContent])"
    )
    counted = {m: int(n) for m, n in summary}
    assert sum(counted.values()) == len(expected)
    assert by_id(driver, "shown").text == f"显示 {len(expected)} / {len(expected)} 行"


def test_filters_show_the_rows_that_need_review(
    driver: Any, expected: list[dict[str, Any]]
) -> None:
    choose(driver, "filter-meaning", "review")
    review = [r for r in expected if r["verdict"] == "review"]
    visible = rows(driver, visible_only=True)
    assert [int(r["row"]) for r in visible] == [r["row"] for r in review]
    assert {r["verdict"] for r in visible} == {"review"}
    choose(driver, "filter-meaning", "")
    choose(driver, "filter-reason", "excluded:works")
    works = [
        r["row"] for r in expected if any(x["category"] == "excluded:works" for x in r["reasons"])
    ]
    assert [int(r["row"]) for r in rows(driver, visible_only=True)] == works
    choose(driver, "filter-reason", "")
    choose(driver, "filter-meaning", "review")
    # the next candidates, on demand
    from selenium.webdriver.common.by import By

    first = driver.find_element(By.CSS_SELECTOR, "#rows tbody tr.row:not([hidden]) td.more button")
    first.click()
    details = wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#rows tr.details"))
    want = review[0]["candidates"][1]
    assert f"{want['department']} {want['code']} {want['name']}" in details[0].text
    first.click()
    assert not driver.find_elements(By.CSS_SELECTOR, "#rows tr.details")


def test_the_downloaded_workbook_is_the_one_check_writes(
    driver: Any, downloads: Path, expected: list[dict[str, Any]], tmp_path: Path
) -> None:
    by_id(driver, "download-xlsx").click()
    target = downloads / "table12-检查结果.xlsx"
    wait(lambda: target.exists() and not list(downloads.glob("*.crdownload")))
    wait(lambda: by_id(driver, "status").text.startswith("已下载"))
    before = Path.cwd()
    os.chdir(EXAMPLES)
    try:
        result = CliRunner().invoke(cli, ["check", "table12.csv", "-o", str(tmp_path / "x.xlsx")])
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (tmp_path / "x.xlsx").read_bytes()
    sheet = openpyxl.load_workbook(target)["检查结果"]
    header = [c.value for c in sheet[1]]
    labels = [row[header.index("判定")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert labels == [r["label"] for r in expected]

    by_id(driver, "download-csv").click()
    csv_file = downloads / "table12-检查结果.csv"
    wait(lambda: csv_file.exists() and not list(downloads.glob("*.crdownload")))
    assert csv_file.read_bytes().startswith("\ufeff".encode())


def test_pasted_lines_are_shown_as_text_and_nothing_runs(driver: Any, server: Any) -> None:
    open_page(driver, server)
    lines = [
        "<script>window.__xss = 1; alert(1)</script>",
        '<img src=x onerror="window.__xss = 2">档案整理服务',
        "环境空气质量监测服务\t孝义市环保局",
        "档案馆维修改造工程",
    ]
    # as a paste from Excel puts it (typing a tab would move the focus on)
    driver.execute_script(
        "arguments[0].value = arguments[1]", by_id(driver, "paste"), "\n".join(lines)
    )
    by_id(driver, "check-paste").click()
    shown = checked(driver, "粘贴的内容")
    assert [r["text"] for r in shown] == [line.split("\t")[0] for line in lines]
    assert [r["verdict"] for r in shown][2:] == ["in_scope", "out_of_scope"]
    assert driver.execute_script("return window.__xss") is None
    assert (
        driver.execute_script("return document.querySelectorAll('#rows script, #rows img').length")
        == 0
    )
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_a_dropped_xlsx_with_a_buyer(driver: Any, server: Any, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "金额"])
    for name, amount in (("环境空气质量监测服务", 10), ("土壤污染监测", 5), ("办公设备购置", 3)):
        ws.append([name, amount])
    path = tmp_path / "预算.xlsx"
    wb.save(path)
    open_page(driver, server)
    by_id(driver, "buyer").send_keys("孝义市生态环境局")
    wait(lambda: "生态环境" in by_id(driver, "buyer-reading").text)
    driver.execute_script(
        """
        const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], arguments[1]));
        document.getElementById('drop').dispatchEvent(
          new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
        """,
        base64.b64encode(path.read_bytes()).decode(),
        "预算.xlsx",
    )
    shown = checked(driver, "预算.xlsx")
    want = cli_records(path, "--department", "孝义市生态环境局")
    assert [(int(r["row"]), r["verdict"]) for r in shown] == [
        (r["row"], r["verdict"]) for r in want
    ]
    assert "购买主体按“孝义市生态环境局”" in by_id(driver, "table-info").text


def test_a_bad_file_gets_a_message(driver: Any, server: Any, tmp_path: Path) -> None:
    path = tmp_path / "科目.csv"
    path.write_text("科目,金额\n办公费,1\n", encoding="utf-8")
    open_page(driver, server)
    by_id(driver, "file").send_keys(str(path))
    wait(lambda: by_id(driver, "status").get_attribute("class") == "error")
    assert "找不到项目名称列" in by_id(driver, "status").text
    assert by_id(driver, "result").get_attribute("hidden") is not None


# -- browsing and searching ------------------------------------------------------------------------
def test_browse_a_department_and_an_entry(driver: Any, server: Any) -> None:
    from selenium.webdriver.common.by import By

    open_page(driver, server, "browse")
    driver.find_element(By.CSS_SELECTOR, '#departments button[data-department="生态环境"]').click()
    wait(lambda: "A170303 环境空气质量监测服务" in by_id(driver, "tree").text)
    button = next(
        b
        for b in driver.find_elements(By.CSS_SELECTOR, "#tree button")
        if b.text == "A170303 环境空气质量监测服务"
    )
    button.click()
    text = wait(lambda: "路径" in by_id(driver, "entry").text and by_id(driver, "entry").text)
    assert "公共服务 > 技术性公共服务 > 监测服务 > 环境空气质量监测服务" in text
    assert "晋财综〔2021〕87号" in text  # the legal basis
    assert "市场监督管理" in text  # the same code in another department


def test_search_by_pinyin_initials(driver: Any, server: Any) -> None:
    from selenium.webdriver.common.by import By

    open_page(driver, server, "search")
    by_id(driver, "q").send_keys("dzzh")
    hits = search(catalogue.load(), "dzzh")
    wait(lambda: by_id(driver, "q-count").text.startswith(f"共 {len(hits)} 条"))
    items = driver.find_elements(By.CSS_SELECTOR, "#hits li button")
    first = hits[0].entry
    assert items[0].text == f"{first.department} {first.code} {first.name}"
    items[0].click()
    wait(lambda: f"{first.code} {first.name}" in by_id(driver, "entry").text)
    assert not by_id(driver, "tab-browse").get_attribute("hidden")


# -- screenshots -----------------------------------------------------------------------------------
def test_screenshots_at_desktop_and_phone_width(driver: Any, server: Any) -> None:
    open_page(driver, server)
    by_id(driver, "file").send_keys(str(TABLE12))
    checked(driver, "table12.csv")
    for width, height in (DESKTOP, PHONE):
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        try:
            png = driver.get_screenshot_as_png()
            assert png_size(png) == (width, height)
            assert len(png) > 10_000  # a page, not a blank image
            # nothing wider than the screen but the table, which scrolls in its own box
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, overflow
        finally:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
