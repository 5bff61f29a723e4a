"""``check_many(..., jobs=N)`` and ``catalogue check --jobs N``: the same verdicts as one process,
in order; small inputs in one process; workers stopped and reaped however the run ends."""

from __future__ import annotations

import csv
import gc
import itertools
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import catalogue
from catalogue import parallel
from catalogue.cli import cli

CAT = catalogue.load()
REPO = Path(__file__).resolve().parent.parent
CORPUS = sorted((REPO / "benchmarks" / "corpus").glob("*.jsonl"))

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the workers are forked on Linux only"
)


def corpus(n: int) -> list[tuple[str, str | None]]:
    """``n`` distinct real project names with their buyers (``None`` where none is written)."""
    seen: dict[str, str | None] = {}
    for path in CORPUS:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                seen.setdefault(case["text"], case.get("department"))
                if len(seen) == n:
                    return list(seen.items())
    return list(seen.items())


def mixed_rows() -> list[Any]:
    """About 2,000 rows of every kind ``check_many`` takes: real texts with and without buyers,
    rows repeated at once and far apart, error rows, junk, an unknown buyer, an empty text."""
    real = corpus(1200)
    rows: list[Any] = []
    for k, (text, buyer) in enumerate(real):
        if k % 3 == 0:
            rows.append(text)  # a plain string: no buyer
        elif k % 3 == 1:
            rows.append({"text": text, "department": buyer})
        else:
            rows.append({"text": text, "department": None if k % 2 else "孝义市生态环境局"})
        if k % 7 == 0:
            rows.append(rows[-1])  # repeated at once
        if k % 50 == 0:
            rows += [
                {"text": text, "error": "第 3 行无法解析"},
                {"text": text, "department": "火星"},
                {"text": 12.5},
                None,
                42,
                {"text": text, "department": 7},
                {"department": "教育局"},
                "",
                "很" * 3000,
            ]
    rows += rows[100:700]  # repeated far apart
    rows += [text for text, _ in real[::5]]  # the same texts again, with no buyer
    return rows


def dumped(verdicts: Iterator[catalogue.Catalogue] | Any) -> list[str]:
    return [json.dumps(v.model_dump(mode="json"), ensure_ascii=False) for v in verdicts]


def children() -> set[int]:
    """The live child processes of this process."""
    multiprocessing.active_children()  # reaps the ones that have ended
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        with open(task / "children") as f:
            found.update(int(pid) for pid in f.read().split())
    return found


#: the machine's own count (the tests below run as if there were four CPUs)
REAL_CPUS = parallel.cpus


@pytest.fixture(autouse=True)
def four_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """``jobs`` up to 4 starts that many workers, whatever the machine running the tests has
    (more jobs than CPUs start one per CPU)."""
    monkeypatch.setattr(parallel, "cpus", lambda: 4)


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers from the first new row on."""
    monkeypatch.setattr(parallel, "SERIAL_ROWS", 0)


def test_two_processes_give_the_verdicts_of_one_in_order() -> None:
    rows = mixed_rows()
    assert len(rows) > 2000
    before = children()
    serial = dumped(CAT.check_many(rows))
    assert dumped(CAT.check_many(rows, jobs=2)) == serial
    some = rows[:700]
    assert dumped(CAT.check_many(some, department="市场监管局", limit=1, jobs=3)) == dumped(
        CAT.check_many(some, department="市场监管局", limit=1)
    )
    assert children() == before


def test_a_repeated_row_gets_the_same_object(at_once: None) -> None:
    texts = [text for text, _ in corpus(400)]
    rows = [t for text in texts for t in (text, text)]
    verdicts = list(CAT.check_many(rows, jobs=2))
    assert len(verdicts) == len(rows)
    assert all(verdicts[k] is verdicts[k + 1] for k in range(0, len(rows), 2))
    assert [v.text for v in verdicts] == rows


def test_a_small_input_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: Any) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel, "_Pool", no_pool)
    # 100 texts read twice (the second time, each is remembered for good), then remembered
    rows = [text for text, _ in corpus(100)] * 5
    assert dumped(CAT.check_many(rows, jobs=2)) == dumped(CAT.check_many(rows))


def test_the_rows_are_read_lazily_and_a_broken_input_breaks_off_in_the_same_place(
    at_once: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 16)
    monkeypatch.setattr(parallel, "AHEAD", 4 * parallel.IN_FLIGHT * 16)
    texts = [text for text, _ in corpus(600)]
    read = 0

    def rows() -> Iterator[str]:
        nonlocal read
        for text in texts:
            read += 1
            yield text
        raise ValueError("第 601 行损坏")

    got = CAT.check_many(rows(), jobs=2)
    next(got)
    # for the first verdict, at most the rows the parent may hold for the two workers (the
    # chunks out at them, and those back before the first, come in whatever order the
    # workers finish), the chunk being filled and the row after: not the whole input
    assert read <= 2 * parallel.AHEAD + 16 + 1 < len(texts)
    verdicts = []
    with pytest.raises(ValueError, match="第 601 行损坏"):
        for v in got:
            verdicts.append(v)
    assert len(verdicts) == 599  # every row before the broken one, as with jobs=1
    assert dumped(verdicts) == dumped(CAT.check_many(texts))[1:]


def many_rows(n: int) -> Iterator[str]:
    texts = [text for text, _ in corpus(500)]
    for k in range(n):
        yield f"{texts[k % len(texts)]}（第{k}批）"


@pytest.mark.parametrize("end", ["closed", "dropped"])
def test_a_generator_ended_early_leaves_no_process(at_once: None, end: str) -> None:
    before = children()
    got = CAT.check_many(many_rows(5000), jobs=2)
    first = list(itertools.islice(got, 5))
    assert len(first) == 5
    assert len(children() - before) == 2  # the workers are running
    if end == "closed":
        got.close()
    else:
        del got
        gc.collect()
    assert children() == before


def test_a_killed_worker_is_a_catalogue_error(at_once: None) -> None:
    before = children()
    got = CAT.check_many(many_rows(5000), jobs=2)
    next(got)
    victim = sorted(children() - before)[0]
    os.kill(victim, signal.SIGKILL)
    with pytest.raises(catalogue.WorkerFailed, match="SIGKILL") as caught:
        for _ in got:
            pass
    assert isinstance(caught.value, catalogue.CatalogueError)
    assert children() == before


def test_spawned_workers_load_the_same_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    monkeypatch.setattr(parallel, "SERIAL_ROWS_SPAWN", 0)
    rows = mixed_rows()[:400]
    assert dumped(CAT.check_many(rows, jobs=2)) == dumped(CAT.check_many(rows))


@pytest.mark.parametrize("jobs", [-1, 1.5, "2", True, None])
def test_a_bad_number_of_jobs_is_refused(jobs: Any) -> None:
    with pytest.raises(catalogue.InvalidJobs, match="jobs") as caught:
        CAT.check_many(["环境监测"], jobs=jobs)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, catalogue.CatalogueError)


def test_no_jobs_means_one_process_per_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cpus", REAL_CPUS)
    assert parallel.workers(0) == REAL_CPUS()
    assert 1 <= REAL_CPUS() <= (os.cpu_count() or 1)
    assert dumped(CAT.check_many(["环境监测"] * 3, jobs=0)) == dumped(
        CAT.check_many(["环境监测"] * 3)
    )


def test_more_jobs_than_cpus_start_one_worker_per_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cpus", lambda: 3)
    assert [parallel.workers(n) for n in (0, 1, 2, 3, 4, 1000)] == [3, 1, 2, 3, 3, 3]
    monkeypatch.setattr(parallel, "cpus", lambda: 1)
    assert [parallel.workers(n) for n in (0, 1, 2, 1000)] == [1, 1, 1, 1]
    rows = mixed_rows()[:400]
    assert dumped(CAT.check_many(rows, jobs=1000)) == dumped(CAT.check_many(rows))


# -- the command --------------------------------------------------------------------------------
def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args])


def mixed_csv(path: Path) -> Path:
    """A budget table of 700 real lines with units, repeats, an unknown unit, an empty name,
    a 合计 row and a column-number row."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["项目名称", "预算单位", "金额"])
        writer.writerow(["1", "2", "3"])
        for k, (text, buyer) in enumerate(corpus(700)):
            writer.writerow([text, buyer or "", f"{k}.5"])
            if k % 9 == 0:
                writer.writerow(["办公费", "孝义市教育局", "3"])
            if k % 100 == 0:
                writer.writerow([text, "火星", "1"])
                writer.writerow(["", "孝义市教育局", "2"])
                writer.writerow(["合计", "", "100"])
    return path


@pytest.mark.parametrize("fail_on", ["never", "out_of_scope"])
def test_check_jobs_writes_what_one_process_writes(tmp_path: Path, fail_on: str) -> None:
    table = mixed_csv(tmp_path / "预算表.csv")
    one = run(str(table), "--format", "jsonl", "--fail-on", fail_on)
    two = run(str(table), "--format", "jsonl", "--fail-on", fail_on, "--jobs", "2")
    assert one.exit_code == two.exit_code == (0 if fail_on == "never" else 1)
    assert one.stdout_bytes.count(b"\n") == 700 + 700 // 9 + 1 + 3 * 7 + 1
    assert two.stdout_bytes == one.stdout_bytes
    assert two.stderr == one.stderr


def test_check_jobs_short_option_and_report(tmp_path: Path) -> None:
    table = mixed_csv(tmp_path / "预算表.csv")
    one = run(str(table), "--format", "csv")
    assert run(str(table), "--format", "csv", "-j", "0").stdout_bytes == one.stdout_bytes
    assert run(str(table), "-j", "2").stdout == run(str(table)).stdout


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", ""])
def test_check_bad_jobs_is_a_usage_error(tmp_path: Path, value: str) -> None:
    table = mixed_csv(tmp_path / "预算表.csv")
    result = run(str(table), "--jobs", value)
    assert result.exit_code == 2
    assert "--jobs" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_check_with_a_dying_worker_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_once: None
) -> None:
    monkeypatch.setattr(parallel, "_serve", lambda *args: os._exit(3))
    before = children()
    result = run(
        str(mixed_csv(tmp_path / "预算表.csv")), "-o", str(tmp_path / "结果.jsonl"), "-j", "2"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：并行检查的工作进程")
    assert "退出码 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "结果.jsonl").exists()
    assert children() == before


@pytest.mark.skipif(REAL_CPUS() < 2, reason="the command starts two workers on two CPUs only")
def test_ctrl_c_stops_the_command_and_its_workers(tmp_path: Path) -> None:
    """A real Ctrl-C (SIGINT to the whole process group, as a terminal sends it)."""
    table = tmp_path / "预算表.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["项目名称"])
        writer.writerows([text] for text in many_rows(20_000))
    command = [
        sys.executable,
        "-m",
        "catalogue",
        "check",
        str(table),
        "--format",
        "jsonl",
        "-j",
        "2",
    ]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        workers: list[str] = []
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
                workers = f.read().split()
        assert len(workers) == 2, "the workers did not start"
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130
    assert err.decode("utf-8") == "已中断（Ctrl-C（SIGINT））；输出不完整，退出码 130\n"
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
