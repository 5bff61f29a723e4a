"""Prepared indexes kept on disk between processes.

The matcher's tables (every entry's names read, its words weighed, the indexes of the candidate
stage) take about 14 ms to make and 3–5 ms to read back. A process that finds them in the
user's cache directory reads them; one that does not makes them and leaves them there for the
next. The file is named by a digest of everything the tables are made from (the catalogue's
entries, the word lists, the code that makes them, the Python version), so a changed input is a
new file, never a stale one.

The cache is never required: a missing, unreadable or damaged file, or a directory that cannot
be written, only means the tables are made. It is never written inside the package: it is
``$CATALOGUE_CACHE_DIR`` when that is set (empty: no cache), else ``shanxi-gpos-catalogue`` in
``$XDG_CACHE_HOME`` (by default ``~/.cache``). The values are plain data (``marshal``: numbers,
strings, tuples, lists, dicts, sets; nothing in them is run).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["ENV", "digest", "directory", "file_digest", "load", "prepared", "save"]

#: the environment variable that names another directory for the cache (empty: no cache)
ENV = "CATALOGUE_CACHE_DIR"
#: how many prepared indexes a directory keeps: a new one beyond that replaces the oldest (a
#: catalogue's index is about 250 KB; a user who loads other catalogues or upgrades has a few)
_KEPT = 8
_SUFFIX = ".index"


def directory() -> str | None:
    """Where prepared indexes are kept, or ``None`` for nowhere. A plain path: a process
    that looks up one line does not import :mod:`pathlib` (3 ms with the modules it needs)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return chosen or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):
        return None  # no home directory to expand
    return os.path.join(base, "shanxi-gpos-catalogue")


def digest(parts: Iterable[bytes | str]) -> str:
    """A name for what ``parts`` make: the SHA-256 of them all, with the Python version (the
    file format is ``marshal``'s, which may change with it)."""
    h = hashlib.sha256(f"{sys.version_info[:2]}/{marshal.version}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's content, read once per process (the code and data files that
    indexes are made from: a few dozen at most). Raises ``OSError`` when it cannot be read."""
    key = os.fspath(path)
    found = _files.get(key)
    if found is None:
        with open(key, "rb") as f:
            found = _files[key] = hashlib.sha256(f.read()).hexdigest()
    return found


_files: dict[str, str] = {}


def load(name: str) -> object | None:
    """The value stored under ``name``, or ``None`` (none stored, or it cannot be read)."""
    where = directory()
    if where is None:
        return None
    try:
        with open(os.path.join(where, name + _SUFFIX), "rb") as f:
            return marshal.loads(f.read())  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, TypeError):
        return None


def save(name: str, value: object) -> None:
    """Store ``value`` under ``name`` if it can be; never fail. The file appears whole or not
    at all (written beside it, then renamed), so a process that reads it at the same time
    reads the old one or the new one."""
    where = directory()
    if where is None:
        return
    import tempfile  # only a process that makes the tables writes them

    try:
        # any value: one that marshal cannot write raises ValueError (caught below)
        data = marshal.dumps(value)  # type: ignore[arg-type]
        os.makedirs(where, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temporary, os.path.join(where, name + _SUFFIX))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(where)
    except (OSError, ValueError):
        return


def prepared(name: str | None, restored: Callable[[Any], T], make: Callable[[], T]) -> T:
    """The tables stored under ``name``, read back by ``restored``; when there are none (or
    ``restored`` refuses them with ``TypeError`` or ``ValueError``: another layout), those
    ``make`` makes, stored as their ``stored()`` for the next process. ``name`` ``None``: no
    index, made."""
    stored = load(name) if name is not None else None
    if stored is not None:
        try:
            return restored(stored)
        except (TypeError, ValueError):
            pass  # not one of this version: made again
    made = make()
    if name is not None:
        save(name, made.stored())  # type: ignore[attr-defined]
    return made


def _age(path: str) -> float:
    """Newest first; a file removed meanwhile last."""
    try:
        return -os.stat(path).st_mtime
    except OSError:
        return 0.0


def _prune(where: str) -> None:
    """Keep the newest ``_KEPT`` indexes of the directory."""
    names = [n for n in os.listdir(where) if n.endswith(_SUFFIX)]
    files = sorted((os.path.join(where, n) for n in names), key=_age)
    for old in files[_KEPT:]:
        with contextlib.suppress(OSError):  # another process removed it first
            os.unlink(old)
