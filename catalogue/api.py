"""The catalogue as users meet it: the tree with matching and verdicts, and :func:`load`.

>>> import catalogue
>>> cat = catalogue.load()
>>> cat.check("土壤污染监测", department="孝义市生态环境局").verdict
'in_scope'
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import resources
from .schemas import CatalogueFile
from .tree import Tree

if TYPE_CHECKING:
    from .results import Buyer, Candidate, Verdict
    from .verdict import Checker

__all__ = ["Catalogue", "load"]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while the catalogue and its matcher are built: they make tens of
    thousands of objects that all stay alive, and the collections they set off found nothing
    (building the matcher took 11.3 ms with them, 9.4 ms without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Catalogue(Tree):
    """A validated catalogue with matching and verdicts. Obtain one with :func:`load`."""

    def __init__(self, data: CatalogueFile, *, path: str | None = None) -> None:
        super().__init__(data, path=path)
        self._checker: Checker | None = None
        self._checker_lock = threading.Lock()

    @property
    def checker(self) -> Checker:
        """The :class:`~catalogue.verdict.Checker` of this catalogue, built on first use."""
        if self._checker is None:
            # matching and verdicts are imported on first use: browsing the tree
            # (``catalogue departments``, ``show``) needs neither (about 15 ms of start-up)
            from .matching import Matcher
            from .verdict import Checker

            with self._checker_lock, _collector_paused():
                if self._checker is None:
                    self._checker = Checker(self, Matcher(self))
        return self._checker

    def match(self, text: str, department: str | None = None, limit: int = 5) -> list[Candidate]:
        """Ranked level-4 candidates for a budget-line text (see ``docs/matching.md``)."""
        return self.checker.matcher.match(text, department=department, limit=limit)

    def match_each(
        self, text: str, departments: Iterable[str | None], limit: int = 5
    ) -> dict[str | None, list[Candidate]]:
        """:meth:`match` under each of ``departments`` (``None``: any), keyed as given; the
        text is read once for all.

            >>> import catalogue
            >>> cat = catalogue.load()
            >>> found = cat.match_each("水质监测", ["生态环境", "住房和城乡建设"], limit=1)
            >>> [(d, [c.name for c in found[d]]) for d in found]
            [('生态环境', ['水质委托监测服务']), ('住房和城乡建设', ['城市供水水质抽样监测服务'])]
        """
        return self.checker.matcher.match_each(text, departments, limit=limit)

    def check(self, text: str, department: str | None = None, limit: int = 5) -> Verdict:
        """The scope verdict for one budget line (see ``docs/matching.md``)."""
        return self.checker.check(text, department=department, limit=limit)

    def read_buyer(self, name: str) -> Buyer:  # type: ignore[override]
        """How a buyer's name is read (:class:`~catalogue.results.Buyer`): the departments whose
        lists apply (several for a merged bureau, none for an agency outside the 15), the kind
        of agency and the reading in words; raises :class:`~catalogue.UnknownDepartment` when
        ``name`` is not an agency name at all.

            >>> import catalogue
            >>> buyer = catalogue.load().read_buyer("吕梁市生态环境局孝义分局")
            >>> buyer.departments, buyer.kind
            (('生态环境',), 'branch')
        """
        from .verdict import buyer_result

        # made without validation, as a verdict's buyer is: a first check then builds no
        # model's validator (pydantic would load its plugins: 25 ms)
        return buyer_result(super().read_buyer(name))

    def check_many(
        self, rows: Iterable[Any], department: str | None = None, limit: int = 3, jobs: int = 1
    ) -> Iterator[Verdict]:
        """Verdicts for an iterable of rows, streamed in order (see
        :meth:`catalogue.verdict.Checker.check_many`); ``jobs`` worker processes check the rows
        never seen before (``0``, or more than there are CPUs: one per CPU; see
        :mod:`catalogue.parallel`)."""
        return self.checker.check_many(rows, department=department, limit=limit, jobs=jobs)


#: how many loaded catalogues are kept: the bundled one and a few a user loads
_CACHE_SIZE = 8
_lock = threading.Lock()
_built: dict[int, tuple[CatalogueFile, Catalogue]] = {}


def load(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Return the catalogue, validated; the bundled one when ``path`` is ``None``.

    Each file is read once and cached (a changed file is read again). A file that cannot be read,
    is not JSON, does not follow the schema or breaks an invariant raises
    :class:`~catalogue.DataError` naming the problem and where it is.

        >>> import catalogue
        >>> catalogue.load() is catalogue.load()
        True
        >>> len(catalogue.load().entries(level=4))
        247
    """
    with _collector_paused():
        data = resources.catalogue_file(path)
    with _lock, _collector_paused():
        found = _built.get(id(data))
        if found is None or found[0] is not data:
            shown = None if path is None else os.fspath(path)
            found = (data, Catalogue(data, path=shown))
            _built[id(data)] = found  # holding ``data`` keeps its id unique
            while len(_built) > _CACHE_SIZE:
                del _built[next(iter(_built))]
        return found[1]
