"""Where ``catalogue check`` writes, and what an interruption does to it.

A result file is written to a temporary file beside it and renamed over the target only when
the run is complete, so an interrupted or failed run leaves the previous file as it was and no
temporary file behind. A device or a pipe (``/dev/stdout``, ``/dev/null``, a FIFO) is written
directly. :func:`interruptible` turns SIGINT, SIGTERM and SIGHUP into :class:`Interrupted`, so the
clean-up runs and the exit code says what happened (130, 143, 129).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..tables import printable

__all__ = ["Interrupted", "Output", "OutputError", "interruptible", "signal_name"]

_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Interrupted(BaseException):
    """A signal arrived (a ``BaseException``: no ``except Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        #: the shell's convention: 128 + the signal's number (130 SIGINT, 143 SIGTERM)
        self.exit_code = 128 + signum


def signal_name(signum: int) -> str:
    """``Ctrl-C`` for SIGINT, else the signal's name."""
    if signum == getattr(signal, "SIGINT", None):
        return "Ctrl-C（SIGINT）"
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"信号 {signum}"


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Within the block SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` — once: later
    signals are ignored while the clean-up runs. Signals the process ignores stay ignored. Outside
    the main thread (where handlers cannot be set) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        for s in previous:
            signal.signal(s, signal.SIG_IGN)
        raise Interrupted(signum)

    for s in _SIGNALS:
        current = signal.getsignal(s)
        if current is not signal.SIG_IGN:
            previous[s] = current
            signal.signal(s, handler)
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old if old is not None else signal.SIG_DFL)


class OutputError(Exception):
    """The output cannot be opened or written; the message is in Chinese."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足（No space left on device）"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    if exc.errno == errno.EROFS:
        return "只读文件系统"
    return exc.strerror or str(exc)


class Output:
    """Standard output (``path`` ``None`` or ``-``) or a file.

    :meth:`open` gives the binary stream to write to; :meth:`commit` makes the result final
    (for a regular file: flush, fsync, rename the temporary file over the target);
    :meth:`discard` removes what an unfinished run wrote. ``replaced`` tells whether an existing
    file was overwritten.
    """

    def __init__(self, path: str | None) -> None:
        self.path = None if path in (None, "-") else path
        #: the path as messages show it (control characters escaped)
        self._shown = "标准输出" if self.path is None else printable(self.path)
        #: whether :meth:`commit` replaced an existing file
        self.replaced = False
        #: whether the result is final
        self.committed = False
        self._file: IO[bytes] | None = None
        self._temp: str | None = None
        self._target: str | None = None
        self._mode: int | None = None
        #: whether the result goes to a temporary file renamed over the target
        self._atomic = False

    @property
    def to_stdout(self) -> bool:
        return self.path is None

    @property
    def shown(self) -> str:
        """The output's name for messages."""
        return self._shown

    def open(self) -> IO[bytes]:
        """The binary stream to write to (standard output, the temporary file, or a device)."""
        if self.path is None:
            stream: Any = sys.stdout
            self._file = getattr(stream, "buffer", stream)
            return self._file  # type: ignore[return-value]
        path = Path(self.path)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise OutputError(f"无法写入 {self._shown}：{_reason(exc)}") from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"无法写入 {self._shown}：这是一个目录")
        if st is not None and not stat.S_ISREG(st.st_mode):
            try:  # a device or a pipe: nothing to keep, nothing to rename
                self._file = open(path, "wb")  # noqa: SIM115 - closed by commit/discard
            except OSError as exc:
                raise OutputError(f"无法写入 {self._shown}：{_reason(exc)}") from None
            return self._file
        target = os.path.realpath(path)  # a symbolic link keeps pointing at the new file
        folder = os.path.dirname(target) or "."
        if not os.path.isdir(folder):
            raise OutputError(f"无法写入 {self._shown}：目录 {os.path.dirname(self.path)} 不存在")
        self.replaced = st is not None
        self._mode = stat.S_IMODE(st.st_mode) if st is not None else _default_mode()
        try:
            fd, self._temp = tempfile.mkstemp(
                dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
            )
        except OSError as exc:
            raise OutputError(f"无法写入 {self._shown}：{_reason(exc)}") from None
        self._target = target
        self._atomic = True
        self._file = os.fdopen(fd, "wb")
        return self._file

    def commit(self) -> None:
        """Make the result final; raise :class:`OutputError` (and keep the previous file) when
        it cannot be written."""
        f = self._file
        if f is None:
            return
        try:
            f.flush()
            if self._temp is not None:
                os.fsync(f.fileno())
                os.chmod(self._temp, self._mode if self._mode is not None else 0o644)
                f.close()
                os.replace(self._temp, self._target)  # type: ignore[arg-type]
                self._temp = None
                _sync_folder(os.path.dirname(self._target or "") or ".")
            elif self.path is not None:
                f.close()
        except OSError as exc:
            if exc.errno == errno.EPIPE or isinstance(exc, BrokenPipeError):
                raise
            message = self.failed(exc)
            self.discard()
            raise OutputError(message) from None
        self.committed = True

    def failed(self, exc: OSError) -> str:
        """The one line that says a write failed, and what became of the previous file."""
        if not self._atomic:
            return f"写入 {self.shown} 失败：{_reason(exc)}"
        kept = "，原有文件未改动" if self.replaced else ""
        return f"写入 {self.shown} 失败：{_reason(exc)}；没有写出结果{kept}"

    def discard(self) -> None:
        """Close and remove what an unfinished run wrote (a temporary file only)."""
        f, self._file = self._file, None
        if f is not None and (self.path is not None):
            with contextlib.suppress(OSError, ValueError):
                f.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def _default_mode() -> int:
    """The mode a new file gets: 0666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
