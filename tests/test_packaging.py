"""The built wheel carries the data and works outside the source tree.

Builds without isolation (needs ``hatchling``, part of the ``dev`` extra) and installs with
``--target``, so no network and no new virtual environment: a few seconds.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import catalogue

REPO = Path(__file__).resolve().parent.parent

pytest.importorskip("hatchling", reason="building the wheel needs hatchling (pip install '.[dev]')")


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the folder it was installed into)."""
    wheels = tmp_path_factory.mktemp("wheels")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        cwd=wheels,
    )
    (wheel,) = wheels.glob("shanxi_gpos_catalogue-*.whl")
    target = tmp_path_factory.mktemp("site")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        cwd=target,
    )
    return wheel, target


def _env(target: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CATALOGUE_FILE")}
    env["PYTHONPATH"] = str(target)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_wheel_contents(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "catalogue/data/catalog_second_batch.json" in names
    assert "catalogue/data/catalog_second_batch.schema.json" in names
    assert "catalogue/py.typed" in names
    assert "catalogue/cli/__init__.py" in names
    # the review page of catalogue serve works offline: its files are in the package
    for name in ("index.html", "app.css", "app.js"):
        assert f"catalogue/app/static/{name}" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_package_serves_its_own_page(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    code = (
        "import catalogue, catalogue.app, catalogue.server as s; "
        "app = catalogue.app.ReviewApp(catalogue.load()); "
        "r = app(s.MountRequest('GET', '/app.js', {}, {'host': '127.0.0.1'}, b'', '127.0.0.1')); "
        "print(r.status, len(r.body) > 1000)"
    )
    assert _run([sys.executable, "-c", code], cwd=tmp_path, env=_env(target)).split() == [
        "200",
        "True",
    ]


def test_installed_package_loads_its_own_data(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, target = installed
    code = (
        "import catalogue, catalogue.resources; "
        "print(len(catalogue.load().entries(level=4))); print(catalogue.resources.data_path())"
    )
    out = _run([sys.executable, "-c", code], cwd=tmp_path, env=_env(target)).splitlines()
    assert out[0] == "247"
    assert Path(out[1]).resolve().is_relative_to(target.resolve())


def test_python_m_catalogue_from_another_directory(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    out = _run(
        [sys.executable, "-m", "catalogue", "departments", "--format", "jsonl"],
        cwd=tmp_path,
        env=_env(target),
    )
    assert len(out.splitlines()) == 15
    assert out.splitlines()[0].startswith('{"name":"发展和改革委员会","entries":14,')


# -- metadata -----------------------------------------------------------------------------------
def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as z:
        (name,) = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(z.read(name))


def test_metadata(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    meta = _metadata(wheel)
    assert meta["Name"] == "shanxi-gpos-catalogue"
    assert wheel.name == f"shanxi_gpos_catalogue-{catalogue.__version__}-py3-none-any.whl"
    assert meta["Version"] == catalogue.__version__  # one source: catalogue/__init__.py
    assert meta["License-Expression"] == "MIT"
    assert "Natural Language :: Chinese (Simplified)" in meta.get_all("Classifier")
    assert meta.get_all("Project-URL")
    click_pin = [r for r in meta.get_all("Requires-Dist") if r.startswith("click")]
    assert click_pin and "<" in click_pin[0], "click is pinned to a tested range"


def test_license_file(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    (licence,) = [n for n in names if n.endswith("/LICENSE")]
    text = zipfile.ZipFile(wheel).read(licence).decode()
    assert text.startswith("MIT License") and text == (REPO / "LICENSE").read_text()


def test_version_command(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, target = installed
    out = _run([sys.executable, "-m", "catalogue", "--version"], cwd=tmp_path, env=_env(target))
    assert out == f"catalogue {catalogue.__version__}（shanxi-gpos-catalogue）\n"


# -- sharing an environment with the PyPI package named catalogue --------------------------------
#: what the other project's catalogue/__init__.py looks like (function registries)
FOREIGN_INIT = """\
REGISTRY = {}


def create(*namespace, entry_points=False):
    return namespace
"""
FOREIGN_SUMMARY = "Super lightweight function registries for your library"


def _site(target: Path, tmp_path: Path, summary: str = FOREIGN_SUMMARY) -> Path:
    """A copy of the installed package beside the dist-info of a distribution named
    ``catalogue`` 2.0.10, as pip leaves them when both are installed."""
    site = tmp_path / "site"
    shutil.copytree(target, site)
    info = site / "catalogue-2.0.10.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: catalogue\nVersion: 2.0.10\nSummary: {summary}\n\n",
        encoding="utf-8",
    )
    (info / "RECORD").write_text("catalogue/__init__.py,,\n", encoding="utf-8")
    return site


def _dependencies(tmp_path: Path) -> Path:
    """A folder with every installed package except ``catalogue`` (links to them)."""
    deps = tmp_path / "deps"
    deps.mkdir()
    for path in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if path.name != "catalogue" and path.suffix != ".pth":
            (deps / path.name).symlink_to(path)
    return deps


def _isolated(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -S ARGS`` with only ``site`` and the dependencies on the path (neither this
    checkout nor the package installed in the test environment)."""
    env = _env(site)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(_dependencies(site.parent))])
    return subprocess.run(
        [sys.executable, "-S", *args],
        cwd=site.parent,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


RUNS = [
    ("-m", "catalogue", "departments"),
    ("-c", "from catalogue.cli import main; main(['departments'])"),  # the console script
]


@pytest.mark.parametrize("args", RUNS, ids=["python -m", "script"])
def test_the_other_package_overwrote_ours(
    installed: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...]
) -> None:
    site = _site(installed[1], tmp_path)
    (site / "catalogue" / "__init__.py").write_text(FOREIGN_INIT, encoding="utf-8")
    result = _isolated(site, *args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"错误：导入名 catalogue 的 {site / 'catalogue' / '__init__.py'} 不是本工具"
        f"（shanxi-gpos-catalogue）的文件，它被另一个发行包覆盖或删除："
        f"catalogue 2.0.10（{site / 'catalogue-2.0.10.dist-info'}）。"
    )
    assert lines[1].startswith("PyPI 上的 catalogue 包（spaCy、thinc 等依赖它）与本工具")
    assert "pip install shanxi-gpos-catalogue" in lines[2]
    assert lines[-1] == "只想恢复本工具时：pip install --force-reinstall shanxi-gpos-catalogue"


def test_uninstalling_the_other_package_removed_ours(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    site = _site(installed[1], tmp_path)
    (site / "catalogue" / "__init__.py").unlink()
    shutil.rmtree(site / "catalogue-2.0.10.dist-info")
    result = _isolated(site, "-m", "catalogue", "departments")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        "错误：本工具（shanxi-gpos-catalogue）的 catalogue/__init__.py 不见了。\n"
    )
    assert "Traceback" not in result.stderr


def test_ours_overwrote_the_other_package(installed: tuple[Path, Path], tmp_path: Path) -> None:
    site = _site(installed[1], tmp_path)
    result = _isolated(site, "-m", "catalogue", "departments", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 15  # the command still runs
    warning = result.stderr.splitlines()
    assert warning[0] == (
        "警告：本环境中还装有名为 catalogue 的发行包："
        f"catalogue 2.0.10（{site / 'catalogue-2.0.10.dist-info'}）。它与本工具"
        "（shanxi-gpos-catalogue）的文件互相覆盖，依赖它的程序会出错，它升级时本工具也会损坏。"
    )
    assert warning[-1].startswith("不需要它时：pip uninstall catalogue")


def test_this_tool_under_its_old_name(installed: tuple[Path, Path], tmp_path: Path) -> None:
    site = _site(installed[1], tmp_path, summary="山西省部门政府购买服务指导性目录（第二批）：数据")
    result = _isolated(site, "-m", "catalogue", "info")
    assert result.returncode == 0
    assert "catalogue 2.0.10，即本工具改名前的发行包（" in result.stderr.splitlines()[0]
