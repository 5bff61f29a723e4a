"""The catalogue as a tree: entries, departments, codes and navigation.

A :class:`Tree` knows the 15 department lists and nothing of matching; :class:`catalogue.Catalogue`
adds matching and verdicts on top of it.

>>> from catalogue import load
>>> cat = load()
>>> entry = cat.lookup("a150101", department="粮食局")
>>> entry.name, entry.parent.code, entry.is_leaf
('粮食信息服务', 'A1501', True)
>>> " > ".join(entry.path)
'公共服务 > 公共信息与宣传服务 > 公共信息服务 > 粮食信息服务'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .agencies import AgencyReader, BuyerReading
from .codes import normalise_code, parent_code
from .exceptions import AmbiguousCode, InvalidCode, UnknownCode
from .schemas import Amendment, CatalogueFile, DepartmentData, Metadata, NodeData

__all__ = ["Department", "Entry", "Tree"]


class Entry:
    """One node of a department's tree (levels 1–4), identified by ``(department, code)``."""

    __slots__ = (
        "_ancestors",
        "_restrictions",
        "_tree",
        "code",
        "correction",
        "department",
        "level",
        "name",
        "note",
        "path",
        "remark",
        "source_code",
        "source_line",
        "source_name",
    )

    def __init__(self, tree: Tree, department: str, node: NodeData, path: tuple[str, ...]) -> None:
        self._tree = tree
        self.department: str = department
        self.code: str = node.code
        self.level: int = node.level
        self.name: str = node.name
        self.note: str | None = node.note
        self.source_code: str | None = node.source_code
        self.source_name: str | None = node.source_name
        self.correction: str | None = node.correction
        self.remark: str | None = node.remark
        self.source_line: int | None = node.source_line
        #: the names from level 1 down to this entry
        self.path: tuple[str, ...] = path
        # worked out on first use: a loaded catalogue does not change
        self._ancestors: tuple[Entry, ...] | None = None
        self._restrictions: tuple[str, ...] | None = None

    # -- identity ---------------------------------------------------------------------------
    @property
    def key(self) -> tuple[str, str]:
        """``(department, code)``: the identity of an entry."""
        return (self.department, self.code)

    def __repr__(self) -> str:
        return f"Entry({self.department!r}, {self.code!r}, {self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: Entry) -> bool:
        return self._tree._order[self.key] < self._tree._order[other.key]

    # -- hierarchy --------------------------------------------------------------------------
    @property
    def parent(self) -> Entry | None:
        """The entry one level up, or ``None`` for level 1."""
        code = parent_code(self.code)
        return None if code is None else self._tree._nodes[(self.department, code)]

    @property
    def children(self) -> list[Entry]:
        """The entries one level down, in catalogue order."""
        return list(self._tree._children.get(self.key, ()))

    @property
    def ancestors(self) -> list[Entry]:
        """Parent, grandparent … up to level 1."""
        return list(self._ancestor_chain())

    def _ancestor_chain(self) -> tuple[Entry, ...]:
        if self._ancestors is None:
            parent = self.parent
            self._ancestors = () if parent is None else (parent, *parent._ancestor_chain())
        return self._ancestors

    @property
    def descendants(self) -> list[Entry]:
        """Every entry below this one, depth first in catalogue order."""
        out: list[Entry] = []
        for child in self.children:
            out.append(child)
            out.extend(child.descendants)
        return out

    @property
    def is_leaf(self) -> bool:
        """Whether the entry has no children (every level-4 entry is a leaf)."""
        return not self._tree._children.get(self.key)

    @property
    def restrictions(self) -> list[str]:
        """Notes of this entry and its ancestors that restrict its use (仅限集中受理事项 …)."""
        if self._restrictions is None:
            chain = (*reversed(self._ancestor_chain()), self)
            self._restrictions = tuple(n.note for n in chain if n.note)
        return list(self._restrictions)

    @property
    def corrected(self) -> bool:
        """Whether the code or name differs from what the source printed."""
        return self.source_code is not None or self.source_name is not None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record of the entry."""
        parent = self.parent
        return {
            "department": self.department,
            "code": self.code,
            "level": self.level,
            "name": self.name,
            "parent": parent.code if parent else None,
            "path": list(self.path),
            "note": self.note,
            "restrictions": self.restrictions,
            "is_leaf": self.is_leaf,
            "source_code": self.source_code,
            "source_name": self.source_name,
            "correction": self.correction,
            "remark": self.remark,
            "source_line": self.source_line,
        }


class Department:
    """A department's list: canonical name, aliases, notes and entries."""

    __slots__ = ("_tree", "aliases", "name", "notes")

    def __init__(self, tree: Tree, data: DepartmentData) -> None:
        self._tree = tree
        self.name: str = data.name
        self.aliases: tuple[str, ...] = tuple(data.aliases)
        self.notes: tuple[str, ...] = tuple(data.notes)

    def __repr__(self) -> str:
        return f"Department({self.name!r})"

    def entries(self, level: int | None = None) -> list[Entry]:
        return self._tree.entries(department=self.name, level=level)

    @property
    def root(self) -> Entry:
        """The level-1 entry ``A``."""
        return self._tree._nodes[(self.name, "A")]


class Tree:
    """The department lists of a validated catalogue file."""

    def __init__(self, data: CatalogueFile, *, path: str | None = None) -> None:
        self.data = data
        #: where the catalogue was read from (``None`` for the bundled file)
        self.path = path
        self.metadata: Metadata = data.metadata
        self.amendments: tuple[Amendment, ...] = tuple(data.amendments)
        self._departments = {d.name: Department(self, d) for d in data.departments}
        self._nodes: dict[tuple[str, str], Entry] = {}
        self._children: dict[tuple[str, str], list[Entry]] = {}
        self._by_code: dict[str, list[Entry]] = {}
        for dep in data.departments:
            names = {node.code: node.name for node in dep.nodes}
            for node in dep.nodes:
                entry_path = tuple(names[node.code[:n]] for n in (1, 3, 5, 7)[: node.level])
                entry = Entry(self, dep.name, node, entry_path)
                self._nodes[entry.key] = entry
                self._by_code.setdefault(entry.code, []).append(entry)
                up = parent_code(node.code)
                if up is not None:
                    self._children.setdefault((dep.name, up), []).append(entry)
        self._order = {key: i for i, key in enumerate(self._nodes)}
        self._agencies = AgencyReader(
            [d.name for d in data.departments], {d.name: d.aliases for d in data.departments}
        )

    def __repr__(self) -> str:
        where = self.path or "bundled"
        number = self.metadata.document_number
        return f"<{type(self).__name__} {number} ({where}): {len(self._nodes)} nodes>"

    # -- departments --------------------------------------------------------------------------
    @property
    def departments(self) -> list[str]:
        """The canonical department names, in catalogue order."""
        return list(self._departments)

    def department(self, name: str) -> Department:
        """The :class:`Department` for any agency form of its name."""
        return self._departments[self.resolve_department(name)]

    def resolve_department(self, name: str) -> str:
        """The canonical department of an agency name (the first of a merged bureau's; see
        :meth:`read_buyer` for all of them); raises :class:`UnknownDepartment` for a name that
        is no agency, or an agency with no list in the second batch.

        >>> from catalogue import load
        >>> load().resolve_department("孝义市环保局")
        '生态环境'
        """
        return self._agencies.resolve(name)

    def read_buyer(self, name: str) -> BuyerReading:
        """How a buyer's name is read: its departments (several for a merged bureau, none for
        an agency outside the 15), the kind of agency, the core and the reading in words.
        Raises :class:`UnknownDepartment` when ``name`` is not an agency name at all.

        >>> from catalogue import load
        >>> reading = load().read_buyer("侯马市教育体育局")
        >>> reading.departments, reading.kind
        (('教育',), 'merged')
        """
        reading = self._agencies.read(name)
        if reading is None or not (reading.departments or reading.outside):
            # no agency, or one of no field the lists know (孝义市生态环竟局 reads as a body
            # named 生态环竟): a department's agency with a character of its name typed as a
            # homophone is read so, and the reading says it
            slip = self._agencies.read_slip(name)
            if slip is not None:
                reading = slip
        if reading is None:
            raise self._agencies.unknown(name)
        return reading

    def agency_reading(self, name: object) -> BuyerReading | None:
        """How ``name``, standing in a budget-line text, reads as an agency, or ``None`` when it
        is no agency name (read strictly: few unknown characters after the field)."""
        return self._agencies.read(name, strict=True)

    def unit_cell(self, text: str) -> BuyerReading | None:
        """How a whole cell reads as the full name of a unit of the 15 departments (孝义市粮油
        质量检测站), or ``None`` (:meth:`catalogue.agencies.AgencyReader.unit_cell`)."""
        return self._agencies.unit_cell(text)

    def leading_agency(self, text: str, place: str = "") -> tuple[BuyerReading, int] | None:
        """The agency named at the start of a budget-line text and where its name ends; with
        ``place`` (the place names written before ``text``), an agency outside the 15 that
        reads as one only with them (吕梁市 + 消防救援支队…)."""
        if place:
            return self._agencies.leading_after(place, text)
        return self._agencies.leading(text)

    def get_department(self, name: str) -> str | None:
        """Like :meth:`resolve_department`, but ``None`` for an unknown name."""
        return self._agencies.get(name)

    def nearest_departments(self, name: str, limit: int = 3) -> list[str]:
        return self._agencies.nearest(name, limit)

    # -- entries ------------------------------------------------------------------------------
    def entries(self, department: str | None = None, level: int | None = None) -> list[Entry]:
        """Every entry, in catalogue order; optionally of one department and/or one level."""
        if level is not None and (isinstance(level, bool) or level not in (1, 2, 3, 4)):
            raise ValueError(f"level must be 1, 2, 3 or 4, not {level!r}")
        dep = None if department is None else self.resolve_department(department)
        return [
            e
            for e in self._nodes.values()
            if (dep is None or e.department == dep) and (level is None or e.level == level)
        ]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._nodes.values())

    def __len__(self) -> int:
        return len(self._nodes)

    def roots(self, department: str | None = None) -> list[Entry]:
        """The level-1 entries (one per department)."""
        return self.entries(department, level=1)

    def get(self, code: str, department: str | None = None) -> Entry | None:
        """The entry for ``code``, or ``None`` if there is none.

        Malformed codes give ``None`` too; a code several departments share, asked without a
        department, raises :class:`AmbiguousCode`; an unknown department raises
        :class:`UnknownDepartment`.

        >>> from catalogue import load
        >>> load().get("A999999", "教育") is None
        True
        """
        try:
            return self.lookup(code, department)
        except (UnknownCode, InvalidCode):
            if not isinstance(code, str):
                raise
            return None

    def lookup(self, code: str, department: str | None = None) -> Entry:
        """The entry for ``code``; raises :class:`UnknownCode`, :class:`AmbiguousCode` or
        :class:`InvalidCode`.

        >>> from catalogue import load
        >>> load().lookup("Ａ１６０１０６", "市场监管局").name
        '知产行业规划服务'
        """
        canonical = normalise_code(code)
        if department is not None:
            dep = self.resolve_department(department)
            entry = self._nodes.get((dep, canonical))
            if entry is None:
                others = [e.department for e in self._by_code.get(canonical, ())]
                hint = ("该代码见于：" + "、".join(others)) if others else ""
                raise UnknownCode(canonical, dep, suggestion=hint)
            return entry
        found = self._by_code.get(canonical, [])
        if not found:
            raise UnknownCode(canonical)
        if len(found) > 1:
            raise AmbiguousCode(canonical, [e.department for e in found])
        return found[0]

    def departments_with(self, code: str) -> list[str]:
        """The departments whose list has ``code``."""
        return [e.department for e in self._by_code.get(normalise_code(code), ())]

    # -- hierarchy by code --------------------------------------------------------------------
    def parent(self, code: str, department: str | None = None) -> Entry | None:
        return self.lookup(code, department).parent

    def children(self, code: str, department: str | None = None) -> list[Entry]:
        return self.lookup(code, department).children

    def ancestors(self, code: str, department: str | None = None) -> list[Entry]:
        return self.lookup(code, department).ancestors

    def descendants(self, code: str, department: str | None = None) -> list[Entry]:
        return self.lookup(code, department).descendants

    def is_leaf(self, code: str, department: str | None = None) -> bool:
        return self.lookup(code, department).is_leaf

    def corrections(self) -> list[Entry]:
        """Every entry whose code or name differs from the printed source."""
        return [e for e in self._nodes.values() if e.corrected]
