"""``check_many(..., jobs=N)``: the rows never seen before checked by ``N`` worker processes.

A line never seen before costs about 0.3–0.4 ms to check, all of it Python: one process checks
about 2,500–3,000 such lines a second. With ``jobs=N`` the calling process (the parent) still
reads the rows one by one and still answers every row it can without reading a text — an
``error`` row, a row that is not plain strings, a row seen before (the same memory as
``jobs=1``: :meth:`catalogue.verdict.Checker.check_many`) — and sends the others, in chunks of
:data:`CHUNK` rows, to ``N`` worker processes. It yields the verdicts in the order of the rows.

- **The same verdicts, in the same order.** A worker checks its rows with the serial
  ``check_many`` of the same catalogue, and a verdict does not depend on the rows checked before
  it (the tests compare ``jobs=2`` with ``jobs=1`` row by row).
- **The same object for a repeated row**, as with ``jobs=1``: the parent remembers the verdicts
  the workers send back exactly as the serial path remembers its own (the same bounds), and a
  row repeated while its first occurrence is still with a worker waits for that verdict. A
  verdict made by a worker is a copy (unpickled in the parent): equal in every field to the one
  ``jobs=1`` gives, but not shared with other calls, and its candidates are not shared with
  other verdicts' candidates.
- **Streaming**: at most :data:`IN_FLIGHT` chunks per worker are out at a time, and the parent
  holds at most :data:`AHEAD` rows per worker that wait for an earlier row's verdict; memory does
  not grow with the number of rows.
- **Small inputs are checked in this process alone**: the first :data:`SERIAL_ROWS` rows never
  seen before (:data:`SERIAL_ROWS_SPAWN` where workers are spawned) are checked here, and the
  workers are started only when more come.
- **Workers.** On Linux they are forked once the parent has checked those rows: each inherits
  the built matcher and what it has learned, and nothing is pickled but the rows and the
  verdicts. Where fork is not the platform's way (macOS, Windows) they are spawned, and each
  loads the same catalogue (the bundled one, or the file the catalogue was loaded from) once;
  there, as with any ``multiprocessing`` program, the main module must be importable without
  side effects (``if __name__ == "__main__":``). Fork copies the calling thread only: call with
  ``jobs`` > 1 from a program's main thread, not from a server's threads.
  A worker ignores Ctrl-C and SIGHUP (the parent stops it), and stops by itself when its parent
  is gone.
- **Failures.** A worker that dies (killed, out of memory) makes the parent raise
  :class:`~catalogue.WorkerFailed`; the others are stopped. Closing the generator (or dropping
  it, or an exception or Ctrl-C in the parent) stops and reaps every worker.

Pickling costs (measured on 3,000 distinct lines, 2026-12-03): about 22–31 µs a verdict in the
worker and 22 µs in the parent (1.4–1.6 KB a verdict), against 390 µs to check the line. A
compact form of tuples rebuilt in the parent was 9 µs and 17 µs: not worth a second description
of every field of a verdict that must be kept in step with :mod:`catalogue.results`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Protocol

from .exceptions import InvalidJobs, WorkerFailed

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from .results import Verdict

__all__ = [
    "AHEAD",
    "CHUNK",
    "IN_FLIGHT",
    "SERIAL_ROWS",
    "SERIAL_ROWS_SPAWN",
    "check_many",
    "cpus",
    "workers",
]

#: rows a worker is sent at a time: 128 lines are about 50 ms of work, against well under 1 ms of
#: sending the rows and receiving the verdicts
CHUNK = 128
#: chunks out at each worker at a time: while it checks one, the next is waiting for it
IN_FLIGHT = 2
#: rows the parent holds per worker, waiting for an earlier row's verdict, before it stops
#: reading: rows seen before (answered at once) that come after a row still with a worker
AHEAD = 4 * IN_FLIGHT * CHUNK
#: rows never seen before that are checked in this process before any worker is started.
#: Starting two forked workers, their first answer and stopping them took 6–15 ms on the 2-core
#: machine of docs/batch.md (start 1.2–5.5 ms, first answer 3–9 ms, stop 1–3 ms), about 15–40
#: new lines' worth; and a worker waits for a whole chunk (128 lines) before it answers. Below
#: two chunks the workers cannot win back their start, so those are checked here
SERIAL_ROWS = 256
#: the same where workers are spawned: each imports the package and loads the catalogue, 150–360
#: ms on that machine (about 400–900 new lines' worth)
SERIAL_ROWS_SPAWN = 1024

_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Memory(Protocol):
    """What the parent remembers of the rows of one ``check_many`` call
    (:class:`catalogue.verdict.Checker`'s batch)."""

    def recall(self, row: Any, default: str | None) -> Verdict | tuple[str, str | None, bool]: ...

    def answer(self, text: str, department: str | None, known: bool) -> Verdict: ...

    def remember(
        self, text: str, department: str | None, known: bool, verdict: Verdict
    ) -> None: ...


def cpus() -> int:
    """The CPUs this process may run on (its affinity where the platform says, else the
    machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def workers(jobs: object) -> int:
    """The number of processes ``jobs`` asks for: ``0`` is one per CPU, and so is any number
    above it: checking is all CPU, so a process more than there are CPUs checks nothing faster,
    and each is a Python process with its own matcher (about 30 MB; ``--jobs 1000`` would
    otherwise start a thousand). Raises :class:`~catalogue.InvalidJobs` unless ``jobs`` is a
    non-negative integer."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise InvalidJobs(
            f"jobs 应为非负整数（0 表示每个 CPU 一个进程，1 表示不用工作进程），不是 {jobs!r}"
        )
    if jobs == 1:
        return 1
    available = cpus()
    return min(jobs, available) if jobs else available


def _start_method() -> str:
    return "fork" if sys.platform.startswith("linux") else "spawn"


def check_many(
    checker: Any,
    memory: Memory,
    rows: Iterable[Any],
    default: str | None,
    limit: int,
    jobs: int,
    start_method: str | None = None,
) -> Iterator[Verdict]:
    """The verdicts of ``rows`` in order, the rows never seen before checked by ``jobs``
    worker processes (see the module's documentation). ``checker`` is the
    :class:`~catalogue.verdict.Checker` whose catalogue the workers use, ``memory`` the
    batch that remembers the rows; ``start_method`` is ``fork`` or ``spawn`` (default: fork on
    Linux, spawn elsewhere)."""
    method = start_method or _start_method()
    serial = SERIAL_ROWS if method == "fork" else SERIAL_ROWS_SPAWN
    it = iter(rows)
    fresh = 0
    for row in it:
        found = memory.recall(row, default)
        if type(found) is not tuple:
            yield found  # type: ignore[misc]
        elif fresh < serial:
            fresh += 1
            yield memory.answer(*found)
        else:
            pool = _Pool(checker, limit, jobs, method)
            try:
                yield from _Run(pool, memory, it, default).verdicts(found)
            finally:
                pool.close()
            return


class _Slot:
    """A row sent to a worker, and its verdict once it is back."""

    __slots__ = ("department", "known", "text", "verdict")

    def __init__(self, text: str, department: str | None, known: bool) -> None:
        self.text = text
        self.department = department
        self.known = known
        self.verdict: Verdict | None = None


class _Run:
    """The parent's side of one parallel ``check_many``: reads rows, sends chunks, yields the
    verdicts in order."""

    def __init__(self, pool: _Pool, memory: Memory, rows: Iterator[Any], default: str | None):
        self.pool = pool
        self.memory = memory
        self.rows = rows
        self.default = default
        #: the rows read and not yet yielded: verdicts, and slots whose verdict may not be back
        self.out: deque[Verdict | _Slot] = deque()
        #: (text, department) -> the slot of a row that is with a worker or about to be
        self.waiting: dict[tuple[str, str | None], _Slot] = {}
        self.chunk: list[_Slot] = []
        self.sent: dict[int, list[_Slot]] = {}
        self.seq = 0

    def add(self, found: tuple[str, str | None, bool]) -> None:
        text, department, known = found
        slot = self.waiting.get((text, department))
        if slot is None:
            slot = self.waiting[text, department] = _Slot(text, department, known)
            self.chunk.append(slot)
        elif known:
            slot.known = True  # it came back: remembered for longer, as jobs=1 does
        self.out.append(slot)

    def send(self) -> None:
        chunk, self.chunk = self.chunk, []
        self.pool.send(self.seq, [(s.text, s.department) for s in chunk])
        self.sent[self.seq] = chunk
        self.seq += 1

    def receive(self) -> None:
        seq, verdicts = self.pool.receive()
        remember = self.memory.remember
        for slot, verdict in zip(self.sent.pop(seq), verdicts, strict=True):
            slot.verdict = verdict
            del self.waiting[slot.text, slot.department]
            remember(slot.text, slot.department, slot.known, verdict)

    def verdicts(self, first: tuple[str, str | None, bool]) -> Iterator[Verdict]:
        out = self.out
        pool = self.pool
        most = AHEAD * pool.size
        reading = True
        failed: Exception | None = None
        self.add(first)
        while True:
            while out:
                head = out[0]
                if type(head) is _Slot:
                    if head.verdict is None:
                        break
                    out.popleft()
                    yield head.verdict
                else:
                    out.popleft()
                    yield head  # type: ignore[misc]
            if not out and not reading:
                break
            if reading and len(out) < most and (len(self.chunk) < CHUNK or pool.room()):
                if len(self.chunk) >= CHUNK:
                    self.send()
                try:
                    row = next(self.rows)
                except StopIteration:
                    reading = False
                    continue
                except Exception as exc:
                    # the input broke off (a corrupt file): the rows before it are answered
                    # first, as jobs=1 answers them before it reads the broken one
                    failed, reading = exc, False
                    continue
                found = self.memory.recall(row, self.default)
                if type(found) is tuple:
                    self.add(found)
                else:
                    out.append(found)  # type: ignore[arg-type]
            elif self.chunk and pool.room():
                self.send()
            else:
                self.receive()
        if failed is not None:
            raise failed


class _Worker:
    __slots__ = ("conn", "process", "queued")

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        #: the chunks sent to it and not yet answered, in order
        self.queued: deque[int] = deque()


def _stop(workers: list[_Worker]) -> None:
    """Stop and reap the workers (SIGTERM, then SIGKILL after 5 s), and close their pipes."""
    for w in workers:
        with contextlib.suppress(Exception):
            if w.process.is_alive():
                w.process.terminate()
    for w in workers:
        with contextlib.suppress(Exception):
            w.process.join(5)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
        with contextlib.suppress(Exception):
            w.conn.close()
        with contextlib.suppress(Exception):
            w.process.close()
    workers.clear()


class _Pool:
    """``size`` worker processes, each with its own pipe."""

    def __init__(self, checker: Any, limit: int, size: int, method: str) -> None:
        self.size = size
        self.workers: list[_Worker] = []
        self._stop = weakref.finalize(self, _stop, self.workers)
        context: Any = multiprocessing.get_context(method)
        source = checker if method == "fork" else checker.tree.path
        for stream in (sys.stdout, sys.stderr):  # a child must not write what is buffered here
            with contextlib.suppress(Exception):
                stream.flush()
        # a signal in the moment between fork and the worker's own handlers would run the
        # parent's handler in the worker: blocked until both sides have theirs
        blocked = hasattr(signal, "pthread_sigmask")
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if blocked else None
        try:
            for _ in range(size):
                mine, theirs = context.Pipe()
                process = context.Process(
                    target=_serve,
                    args=(theirs, source, limit, os.getpid()),
                    name="catalogue-check",
                    daemon=True,
                )
                try:
                    process.start()
                except OSError as exc:
                    self.close()
                    raise WorkerFailed(f"无法启动并行检查的工作进程：{exc}") from None
                finally:
                    theirs.close()
                self.workers.append(_Worker(process, mine))
        finally:
            if old is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def room(self) -> bool:
        return any(len(w.queued) < IN_FLIGHT for w in self.workers)

    def send(self, seq: int, pairs: list[tuple[str, str | None]]) -> None:
        """Send a chunk to the worker with the fewest chunks out. The worker's reading thread
        takes it off the pipe at once, so sending never waits on a worker that is itself
        sending verdicts back."""
        worker = min(self.workers, key=lambda w: len(w.queued))
        try:
            worker.conn.send_bytes(pickle.dumps(pairs, pickle.HIGHEST_PROTOCOL))
        except OSError:
            raise self._failed(worker) from None
        worker.queued.append(seq)

    def receive(self) -> tuple[int, list[Verdict]]:
        """The next chunk answered by any worker: its number and verdicts."""
        workers = self.workers
        ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers])
        for w in workers:
            if w.conn in ready:
                try:
                    status, payload = pickle.loads(w.conn.recv_bytes())
                except (EOFError, OSError):
                    raise self._failed(w) from None
                if status != "ok":
                    if isinstance(payload, BaseException):
                        raise payload
                    raise WorkerFailed(f"并行检查的工作进程出错：{payload}")
                return w.queued.popleft(), payload
        for w in workers:
            if w.process.sentinel in ready:
                raise self._failed(w)
        raise WorkerFailed("并行检查的工作进程没有回应")  # pragma: no cover - wait() returned

    def _failed(self, worker: _Worker) -> WorkerFailed:
        process = worker.process
        process.join(1)
        code = process.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"信号 {-code}"
            how = f"被 {name} 终止" + ("（可能是内存不足）" if name == "SIGKILL" else "")
        elif code is not None:
            how = f"退出码 {code}"
        else:
            how = "没有回应"
        return WorkerFailed(
            f"并行检查的工作进程（pid {process.pid}）意外停止（{how}），检查没有完成；"
            "请减少进程数或不用并行检查再试"
        )

    def close(self) -> None:
        self._stop()


# -- the worker's side ---------------------------------------------------------------------------
def _serve(conn: Connection, source: Any, limit: int, parent: int) -> None:
    """A worker: verdicts for the chunks the parent sends, with the serial ``check_many``.

    ``source`` is the parent's checker (forked) or the path of its catalogue (spawned; ``None``
    for the bundled one)."""
    term = getattr(signal, "SIGTERM", None)
    for s in _SIGNALS:
        # the parent stops its workers; Ctrl-C or a closed terminal reach the whole group
        signal.signal(s, signal.SIG_DFL if s == term else signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    devnull = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    sys.stdout = sys.stderr = devnull
    try:
        if isinstance(source, str) or source is None:
            import catalogue

            checker = catalogue.load(source).checker
        else:
            import gc

            # what the parent built is kept for the worker's whole life: the collector need
            # not go through it again and again (the worker's own process: its choice)
            gc.freeze()
            checker = source
        feed: deque[dict[str, Any]] = deque()
        verdicts = checker.check_many(_feed(feed), limit=limit)
    except BaseException as exc:  # the worker cannot start: the parent says why
        conn.send_bytes(_dumps(("error", _picklable(exc))))
        return
    tasks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
    threading.Thread(target=_read, args=(conn, tasks, parent), daemon=True).start()
    while True:
        pairs = pickle.loads(tasks.get())
        feed.extend({"text": text, "department": department} for text, department in pairs)
        try:
            answer: tuple[str, Any] = ("ok", [next(verdicts) for _ in pairs])
        except BaseException as exc:
            answer = ("error", _picklable(exc))
        conn.send_bytes(_dumps(answer))


def _feed(rows: deque[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows of the chunks as they come: one is there whenever ``check_many`` asks."""
    while True:
        yield rows.popleft()


def _read(conn: Connection, tasks: queue.SimpleQueue[bytes], parent: int) -> None:
    """The worker's reading thread: chunks off the pipe as they come; the process ends when the
    parent closes the pipe or is gone."""
    try:
        while True:
            if conn.poll(1.0):
                tasks.put(conn.recv_bytes())
            elif os.getppid() != parent:
                break
    except (EOFError, OSError):
        pass
    os._exit(0)


def _dumps(answer: tuple[str, Any]) -> bytes:
    try:
        return pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        return pickle.dumps(("error", repr(exc)), pickle.HIGHEST_PROTOCOL)


def _picklable(exc: BaseException) -> Any:
    """``exc`` when it survives pickling, else its text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return f"{type(exc).__name__}: {exc}"
    return exc
