"""The built wheel carries the data and works outside the source tree.

Builds without isolation (needs ``hatchling``, ``mypy`` and ``setuptools``, part of the ``dev``
extra) and installs with ``--target``, so no network and no new virtual environment. The wheel's
build compiles the matcher with mypyc (``hatch_build.py``: about a minute here); the compiled
package must give the verdicts of the sources byte for byte. A second, pure-Python wheel
(``CATALOGUE_PURE_PYTHON=1``) takes a few seconds.
"""

from __future__ import annotations

import email
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import catalogue
import catalogue.build

REPO = Path(__file__).resolve().parent.parent

pytest.importorskip("hatchling", reason="building the wheel needs hatchling (pip install '.[dev]')")


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    # (building the compiled wheel takes about a minute on a 2-core machine)
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _build(wheels: Path, env: dict[str, str] | None = None) -> Path:
    """The wheel built from the project into ``wheels``."""
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
        env=env,
    )
    (wheel,) = wheels.glob("shanxi_gpos_catalogue-*.whl")
    return wheel


def _install(wheel: Path, target: Path) -> None:
    """``wheel`` installed into the folder ``target`` (no dependencies: they are installed here)."""
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
        cwd=target.parent,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the folder it was installed into)."""
    env = {k: v for k, v in os.environ.items() if k != "CATALOGUE_PURE_PYTHON"}
    wheel = _build(tmp_path_factory.mktemp("wheels"), env)
    target = tmp_path_factory.mktemp("site")
    _install(wheel, target)
    return wheel, target


def _env(target: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CATALOGUE_FILE")}
    env["PYTHONPATH"] = str(target)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _installed_python(code: str, target: Path, cwd: Path) -> str:
    """The output of ``python -c code`` run on the package installed in ``target``."""
    return _run([sys.executable, "-c", code], cwd=cwd, env=_env(target))


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


def test_wheel_carries_the_compiled_matcher_and_its_sources(installed: tuple[Path, Path]) -> None:
    """The modules of ``catalogue.build.COMPILABLE`` are extension modules of this Python, each
    beside its source; the wheel is tagged for this interpreter and platform, not pure."""
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for name in catalogue.build.COMPILABLE:
        assert f"catalogue/{name}{suffix}" in names, name
        assert f"catalogue/{name}.py" in names, name
    # mypyc's runtime and the modules' code, shared by them, at the top of site-packages
    assert any(n.endswith(f"__mypyc{suffix}") and "/" not in n for n in names)
    assert "-py3-none-any" not in wheel.name
    # the build wrote nothing into the source tree
    assert not list((REPO / "catalogue").glob(f"*{suffix}"))


def test_installed_package_is_the_compiled_one(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    code = (
        "import catalogue.build as b, catalogue.matching as m; "
        "print(b.describe()); print(m.__file__)"
    )
    out = _installed_python(code, target, tmp_path)
    described, matching = out.splitlines()
    assert described == "mypyc 编译"
    assert Path(matching).parent == target / "catalogue" and not matching.endswith(".py")


#: how many lines of the written (blind) sets the compiled-versus-sources comparison reads: an
#: even stride over all of them, so that the test's time stays bounded as the sets grow (the
#: whole comparison took 214 s of a 13.5-minute CI at 720 files, 67,000 lines; this part about
#: 50 s). ``benchmarks/verdict_snapshot.py`` compares every line when a change asks for it.
WRITTEN_SAMPLE = 10_000


def _labelled_sample(tmp_path: Path) -> list[Path]:
    """The calibration set, the real-world corpus and the development sets whole, and an even
    stride of ``WRITTEN_SAMPLE`` lines over the written sets, as files for the snapshot."""
    spec = importlib.util.spec_from_file_location(
        "verdict_snapshot", REPO / "benchmarks" / "verdict_snapshot.py"
    )
    assert spec is not None and spec.loader is not None
    snapshot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(snapshot)
    whole: list[Path] = []
    written: list[Path] = []
    for path in snapshot.default_files():
        (written if path.name.startswith("written") else whole).append(path)
    lines = [
        line for path in written for line in path.read_text("utf-8").splitlines() if line.strip()
    ]
    step = max(1, len(lines) // WRITTEN_SAMPLE)
    sample = tmp_path / "written_sample.jsonl"
    sample.write_text("".join(line + "\n" for line in lines[::step]), encoding="utf-8")
    return [*whole, sample]


def test_compiled_verdicts_are_the_sources_verdicts(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    """Every verdict of the labelled texts (calibration set, real-world corpus and development
    sets whole, an even sample of the written sets; each with and without its department:
    benchmarks/verdict_snapshot.py), compiled and from the sources, is the same byte for byte;
    so is a batch through ``catalogue check`` with two processes."""
    _, target = installed
    sources = _env(target)
    sources["PYTHONPATH"] = str(REPO)
    snapshot = str(REPO / "benchmarks" / "verdict_snapshot.py")
    files = [str(p) for p in _labelled_sample(tmp_path)]
    outputs = []
    for name, env in (("compiled", _env(target)), ("sources", sources)):
        code = "import catalogue.build as b; print(b.describe())"
        expected = "mypyc 编译" if name == "compiled" else "纯 Python"
        assert _run([sys.executable, "-c", code], cwd=tmp_path, env=env).strip() == expected
        out = tmp_path / f"{name}.jsonl"
        _run([sys.executable, snapshot, str(out), *files], cwd=tmp_path, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0].count(b"\n") > 20_000
    assert outputs[0] == outputs[1]
    # the batch path (caches, workers): the real-world corpus through check --jobs 2
    rows = tmp_path / "rows.jsonl"
    with rows.open("w", encoding="utf-8") as f:
        for path in sorted((REPO / "benchmarks" / "corpus").glob("real*.jsonl")):
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    case = json.loads(line)
                    row = {"text": case["text"], "department": case.get("department")}
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
    command = [sys.executable, "-m", "catalogue", "check", str(rows), "--format", "jsonl"]
    compiled = _run([*command, "--jobs", "2"], cwd=tmp_path, env=_env(target))
    assert compiled.count("\n") > 1_000
    assert compiled == _run(command, cwd=tmp_path, env=sources)


def test_pure_python_wheel_on_request(tmp_path: Path) -> None:
    """``CATALOGUE_PURE_PYTHON=1``: a wheel for any platform, with no extension module, whose
    package says so."""
    env = {**os.environ, "CATALOGUE_PURE_PYTHON": "1"}
    (tmp_path / "wheels").mkdir()
    wheel = _build(tmp_path / "wheels", env)
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith((".so", ".pyd"))]
    target = tmp_path / "site"
    _install(wheel, target)
    out = _run([sys.executable, "-m", "catalogue", "--version"], cwd=tmp_path, env=_env(target))
    assert out == f"catalogue {catalogue.__version__}（shanxi-gpos-catalogue，纯 Python）\n"


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
    assert _installed_python(code, target, tmp_path).split() == [
        "200",
        "True",
    ]


def test_installed_package_loads_its_own_data(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, target = installed
    code = (
        "import catalogue, catalogue.resources; "
        "print(len(catalogue.load().entries(level=4))); print(catalogue.resources.data_path())"
    )
    out = _installed_python(code, target, tmp_path).splitlines()
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
    # compiled for this interpreter (the pure wheel: test_pure_python_wheel_on_request)
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert wheel.name.startswith(f"shanxi_gpos_catalogue-{catalogue.__version__}-{tag}-{tag}-")
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
    assert out == f"catalogue {catalogue.__version__}（shanxi-gpos-catalogue，mypyc 编译）\n"


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


RUNS = [  # python -m catalogue, and the console script (catalogue.cli:run)
    ("-m", "catalogue", "departments"),
    ("-c", "import sys; sys.argv[1:] = ['departments']; from catalogue.cli import run; run()"),
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
