"""What ``catalogue check`` does to its output when it
is interrupted, when the disk is full, when ``-o`` names an existing file, and what a hostile
cell can do to the operator's terminal. Faults are real: signals sent to a real subprocess,
``/dev/full``, a full tmpfs.

The overwrite policy: ``-o`` on an existing file replaces it — atomically (a temporary file
beside it is renamed over it once complete) — and says so on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from xlsx_parts import row, write_xlsx

from catalogue.cli import cli

REPO = Path(__file__).resolve().parent.parent
OLD = "上一次的检查结果，不能被毁掉\n"


def catalogue_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "catalogue", "check", *args]


def slow_table(path: Path, rows: int = 40_000) -> Path:
    """A table whose rows are all different, so checking it takes several seconds."""
    words = ["档案整理", "环境监测", "课后服务", "设备维护", "规划编制", "宣传活动", "技术评估"]
    # two CJK characters that change with the row keep every row's canonical form distinct, so no
    # row is answered from the cache (a row number alone is stripped as noise)
    lines = ["项目名称"] + [
        f"{chr(0x4E00 + n % 3000)}{chr(0x5A00 + n // 3000)}"
        f"{words[n % 7]}{words[(n // 7) % 7]}服务项目"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wait_for(predicate: object, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_write_leaves_the_previous_file(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    table = slow_table(tmp_path / "in.csv")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "结果.jsonl"
    target.write_text(OLD, encoding="utf-8")
    proc = subprocess.Popen(
        catalogue_cmd(str(table), "-o", str(target)),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # writing has begun: the temporary file beside the target has records in it
        assert wait_for(lambda: any(p.stat().st_size > 0 for p in temporaries(out_dir))), (
            proc.poll(),
            os.listdir(out_dir),
        )
        proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code
    lines = stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1, lines  # one line, no traceback, no "Aborted!"
    assert "已中断" in lines[0] and "原有文件未改动" in lines[0]
    assert target.read_text(encoding="utf-8") == OLD  # the previous result is intact
    assert temporaries(out_dir) == []  # and nothing is left behind
    assert stdout == b""


def test_a_signal_while_writing_to_stdout(tmp_path: Path) -> None:
    table = slow_table(tmp_path / "in.csv")
    proc = subprocess.Popen(
        catalogue_cmd(str(table), "--format", "jsonl"),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # checking has begun
        assert json.loads(first)["row"] == 2
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143
    lines = stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and "SIGTERM" in lines[0] and "143" in lines[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_dev_full_is_one_line_and_exit_2(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("项目名称\n档案整理服务\n环境空气质量监测服务\n" * 200, encoding="utf-8")
    for fmt in ("table", "jsonl", "csv", "xlsx"):
        proc = subprocess.run(
            catalogue_cmd(str(table), "-o", "/dev/full", "--format", fmt),
            cwd=REPO,
            capture_output=True,
            timeout=60,
        )
        stderr = proc.stderr.decode("utf-8")
        assert proc.returncode == 2, (fmt, stderr)
        assert "Traceback" not in stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：写入 /dev/full 失败")
        assert "磁盘空间不足" in lines[0]
    # standard output redirected to a full device
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            catalogue_cmd(str(table), "--format", "jsonl"),
            cwd=REPO,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    lines = proc.stderr.decode("utf-8").strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "磁盘空间不足" in lines[0]


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str = "64k") -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs is Linux")
def test_a_full_disk_keeps_the_previous_file(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("项目名称\n" + "档案整理服务\n" * 3000, encoding="utf-8")
    with tiny_disk(tmp_path / "disk") as disk:
        target = disk / "结果.jsonl"
        target.write_text(OLD, encoding="utf-8")
        proc = subprocess.run(
            catalogue_cmd(str(table), "-o", str(target)),
            cwd=REPO,
            capture_output=True,
            timeout=60,
        )
        lines = proc.stderr.decode("utf-8").strip().splitlines()
        assert proc.returncode == 2, lines
        assert len(lines) == 1 and "磁盘空间不足" in lines[0] and "原有文件未改动" in lines[0]
        assert target.read_text(encoding="utf-8") == OLD
        assert temporaries(disk) == []


# -- overwrite -----------------------------------------------------------------------------------
def test_overwriting_an_existing_file_says_so(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("项目名称\n档案整理服务\n", encoding="utf-8")
    target = tmp_path / "结果.jsonl"
    first = CliRunner().invoke(cli, ["check", str(table), "-o", str(target)])
    assert first.exit_code == 0
    assert f"结果已写入 {target}" in first.stderr and "覆盖" not in first.stderr
    target.write_text(OLD, encoding="utf-8")
    os.chmod(target, 0o640)
    second = CliRunner().invoke(cli, ["check", str(table), "-o", str(target)])
    assert second.exit_code == 0
    assert f"结果已写入 {target}（覆盖了原有文件）" in second.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["row"] == 2
    assert (target.stat().st_mode & 0o777) == 0o640  # the file keeps its permissions
    assert temporaries(tmp_path) == []


def test_output_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("项目名称\n档案整理服务\n", encoding="utf-8")
    real = tmp_path / "real.jsonl"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert CliRunner().invoke(cli, ["check", str(table), "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["row"] == 2


def test_output_errors_are_one_line(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("项目名称\n档案整理服务\n", encoding="utf-8")
    for target, words in [
        (tmp_path / "no" / "such" / "dir" / "r.csv", "不存在"),
        (tmp_path, "目录"),
    ]:
        result = CliRunner().invoke(cli, ["check", str(table), "-o", str(target)])
        assert result.exit_code == 2 and words in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1


def test_a_read_error_mid_table_keeps_the_previous_file(tmp_path: Path) -> None:
    """A worksheet row past Excel's 1,048,576 is found only while reading: the old file stays."""
    pytest.importorskip("openpyxl")
    table = write_xlsx(
        tmp_path / "t.xlsx",
        [row(1, "项目名称"), row(2, "档案整理服务"), row(1_048_577, "环境监测服务")],
    )
    target = tmp_path / "结果.csv"
    target.write_text(OLD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(table), "-o", str(target)])
    assert result.exit_code == 2 and "1,048,576" in result.stderr
    assert "原有文件未改动" in result.stderr
    assert target.read_text(encoding="utf-8") == OLD
    assert temporaries(tmp_path) == []


# -- the terminal ----------------------------------------------------------------------------------
def test_control_characters_in_cells_do_not_reach_the_terminal(tmp_path: Path) -> None:
    hostile = "档案整理\x1b]0;pwned\x07\x1b[2J服务\x08\x9b31m\u202e"
    table = tmp_path / "t.csv"
    table.write_text(
        f"项目名称,单位\n{hostile},\x1b[31m教育局\n\x1b[1m合计\x1b[0m,\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["check", str(table)])
    assert result.exit_code == 0
    for stream in (result.stdout, result.stderr):
        for ch in "\x1b\x07\x08\x9b\u202e":
            assert ch not in stream
    assert "\\x1b]0;pwned\\x07" in result.stdout  # shown, escaped
    # machine outputs keep the cells as they are
    records = CliRunner().invoke(cli, ["check", str(table), "--format", "jsonl"]).stdout
    assert json.loads(records.splitlines()[0])["text"] == hostile


def test_control_characters_in_error_messages_are_escaped(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("\x1b[31m金额,科目\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(table)])
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\\x1b[31m" in result.stderr
