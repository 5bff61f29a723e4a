"""The built wheel carries the data and works outside the source tree.

Builds without isolation (needs ``hatchling``, part of the ``dev`` extra) and installs with
``--target``, so no network and no new virtual environment: a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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
    (wheel,) = wheels.glob("catalogue-*.whl")
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
    assert not any(n.startswith("tests/") for n in names)


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
