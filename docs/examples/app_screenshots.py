"""The screenshots of docs/app.md, taken with headless Chromium.

    python docs/examples/app_screenshots.py

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install chromium chromium-driver``),
a Chinese font (``apt-get install fonts-noto-cjk``) and the ``dev`` extra (selenium). It starts
the review page of ``catalogue serve`` in this process on a free loopback port, checks
``docs/examples/table12.csv`` in it as a reviewer would, and writes the PNGs to ``docs/images/``.
"""

from __future__ import annotations

import base64
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import catalogue
from catalogue.app import PREFIX, ReviewApp
from catalogue.server import make_server

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "docs" / "images"
TABLE12 = REPO / "docs" / "examples" / "table12.csv"


def wait(condition: Callable[[], Any], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {condition}")
        time.sleep(0.05)
    return value


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if browser is None or driver_path is None:
        print("needs chromium and chromedriver: apt-get install chromium chromium-driver")
        return 1
    server = make_server(catalogue.load(), "127.0.0.1", 0, quiet=True)
    server.mount(PREFIX, ReviewApp(catalogue.load()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    options.add_argument("--window-size=1100,760")
    d = webdriver.Chrome(options=options, service=Service(driver_path))
    IMAGES.mkdir(exist_ok=True)

    def shot(name: str, element: Any = None, most: int = 720) -> None:
        """The element (or the window), at most ``most`` pixels high: small files for the docs."""
        if element is None:
            png = d.get_screenshot_as_png()
        else:
            box = d.execute_script(
                "const r = arguments[0].getBoundingClientRect();"
                "return [r.left + scrollX, r.top + scrollY, r.width, r.height];",
                element,
            )
            clip = dict(zip(("x", "y", "width", "height"), box, strict=True))
            clip["height"] = min(clip["height"], most)
            data = d.execute_cdp_cmd(
                "Page.captureScreenshot",
                {"format": "png", "clip": {**clip, "scale": 1}, "captureBeyondViewport": True},
            )
            png = base64.b64decode(data["data"])
        (IMAGES / name).write_bytes(png)
        print(f"{IMAGES / name}: {len(png) // 1024} KB")

    def by_id(name: str) -> Any:
        return d.find_element(By.ID, name)

    def check_table12() -> None:
        d.get(base + "#check")
        wait(lambda: "晋财综" in by_id("source").text)
        by_id("buyer").send_keys("孝义市生态环境局")
        wait(lambda: "生态环境" in by_id("buyer-reading").text)
        by_id("buyer").clear()
        by_id("file").send_keys(str(TABLE12))
        wait(lambda: by_id("status").text.startswith("已检查"))

    try:
        d.get(base + "#check")
        wait(lambda: "晋财综" in by_id("source").text)
        by_id("buyer").send_keys("孝义市环保局")
        wait(lambda: "生态环境" in by_id("buyer-reading").text)
        shot("app-input.png", d.find_element(By.CSS_SELECTOR, "#tab-check > .card"))

        check_table12()
        cards = d.find_elements(By.CSS_SELECTOR, "#result > .card")
        shot("app-summary.png", cards[0])
        Select(by_id("filter-meaning")).select_by_value("review")
        rows = d.find_elements(By.CSS_SELECTOR, "#rows tbody tr.row:not([hidden]) td.more button")
        rows[0].click()
        shot("app-rows.png", cards[1], most=560)

        d.get(base + "#browse")
        wait(lambda: "晋财综" in by_id("source").text)
        d.find_element(By.CSS_SELECTOR, '#departments button[data-department="生态环境"]').click()
        wait(lambda: "A170303" in by_id("tree").text)
        button = next(
            b
            for b in d.find_elements(By.CSS_SELECTOR, "#tree button")
            if b.text.startswith("A170303")
        )
        button.click()
        wait(lambda: "依据" in by_id("entry").text)
        shot("app-browse.png")

        d.get(base + "#search")
        by_id("q").send_keys("dzzh")
        wait(lambda: by_id("q-count").text.startswith("共"))
        shot("app-search.png", d.find_element(By.CSS_SELECTOR, "#tab-search > .card"))

        d.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        )
        check_table12()
        d.execute_script("document.getElementById('result').scrollIntoView()")
        shot("app-phone.png")
    finally:
        d.quit()
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
