"""Frozen dataclasses that pydantic validates, serialises and describes on demand.

The results a check returns (:mod:`catalogue.results`) and the contents of the data files
(:mod:`catalogue.schemas`) are standard-library dataclasses: importing and making them costs
what any dataclass costs. Defining a single pydantic model class costs a process about 50 ms
of imports, more than a whole ``catalogue lookup`` may take; so pydantic is imported only when
a record is validated, dumped or described, through a ``TypeAdapter`` made once per class.

A record class keeps pydantic's method names, so code written against models works with it:

    >>> from catalogue.results import Evidence
    >>> e = Evidence(term="监测", level=4, name="土壤污染监测服务")
    >>> e.model_dump(mode="json")
    {'term': '监测', 'level': 4, 'name': '土壤污染监测服务', 'via': None}
    >>> Evidence.model_validate({"term": "监测", "level": 4, "name": "土壤污染监测服务"}) == e
    True
    >>> e.model_copy(update={"via": "检测"}).via
    '检测'

The annotations of a record module are strings (``from __future__ import annotations``) that
may name pydantic's ``Field``, ``AfterValidator`` … and the module's own constrained types. They
are read only by pydantic: before it first reads them, the module's ``_pydantic_names()`` (when
it has one) gives those names, and they are added to the module's namespace.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
import threading
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "FrozenRecord",
    "Record",
    "SimpleRecord",
    "adapter",
    "describe",
    "record",
    "validation_error",
]

R = TypeVar("R", bound="Record")

_lock = threading.Lock()
#: what is worked out once per record class is kept on the class itself (in its own
#: ``__dict__``, not inherited), so it lives as long as the class: a class made at run time
#: takes its cache with it
_ADAPTER = "__record_adapter__"
_FIELDS = "__record_fields__"
#: the record modules whose namespace has pydantic's names
_ready: set[str] = set()


def _prepare(module_name: str) -> None:
    """Put the names a record module's annotations use into its namespace."""
    if module_name in _ready:
        return
    import pydantic

    module = sys.modules[module_name]
    names: dict[str, Any] = {
        "Field": pydantic.Field,
        "AfterValidator": pydantic.AfterValidator,
        "StringConstraints": pydantic.StringConstraints,
        "StrictInt": pydantic.StrictInt,
    }
    extra = getattr(module, "_pydantic_names", None)
    if extra is not None:
        names.update(extra())
    for name, value in names.items():
        module.__dict__.setdefault(name, value)
    _ready.add(module_name)


def adapter(cls: type[R]) -> TypeAdapter[R]:
    """The pydantic ``TypeAdapter`` of a record class (made on first use)."""
    found = cls.__dict__.get(_ADAPTER)
    if found is None:
        with _lock:
            found = cls.__dict__.get(_ADAPTER)
            if found is None:
                from pydantic import TypeAdapter

                for klass in cls.__mro__:
                    if dataclasses.is_dataclass(klass):
                        _prepare(klass.__module__)
                found = TypeAdapter(cls)
                type.__setattr__(cls, _ADAPTER, found)
    return found


def validation_error() -> type[Exception]:
    """pydantic's ``ValidationError`` (imported when asked for)."""
    from pydantic import ValidationError

    return ValidationError


def describe(schema: dict[str, Any], cls: type) -> None:
    """Give a record's JSON Schema its class's docstring as description, as pydantic does for
    models (and, from 2.13, for dataclasses): the schemas are the same whatever the version."""
    if cls.__doc__ and "description" not in schema:
        schema["description"] = inspect.cleandoc(cls.__doc__)


class Record:
    """The base of record dataclasses: pydantic's model methods, made through an adapter."""

    __slots__ = ()

    #: pydantic's configuration of the class (the data files' records also forbid fields they
    #: do not know)
    __pydantic_config__: ClassVar[dict[str, Any]] = {"json_schema_extra": describe}

    def model_dump(
        self, *, mode: Literal["json", "python"] = "python", **kwargs: Any
    ) -> dict[str, Any]:
        """The record as a dict (``mode="json"``: as JSON types), as pydantic dumps a model."""
        return adapter(type(self)).dump_python(self, mode=mode, **kwargs)  # type: ignore[no-any-return]

    def model_dump_json(self, **kwargs: Any) -> str:
        """The record as JSON text."""
        return adapter(type(self)).dump_json(self, **kwargs).decode("utf-8")

    def model_copy(self: R, *, update: dict[str, Any] | None = None) -> R:
        """A copy with the fields of ``update`` replaced (not validated)."""
        return dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]

    @classmethod
    def model_validate(cls: type[R], obj: Any) -> R:
        """The record ``obj`` validates to; ``pydantic.ValidationError`` when it does not."""
        return adapter(cls).validate_python(obj)

    @classmethod
    def model_validate_json(cls: type[R], data: str | bytes) -> R:
        """The record the JSON text ``data`` validates to."""
        return adapter(cls).validate_json(data)

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict[str, Any]:
        """The JSON Schema of the record."""
        return adapter(cls).json_schema(**kwargs)


class _Compared(Record):
    """Equality, hash and repr from the fields, written once rather than for every class."""

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, f.name) for f in _fields(type(self))])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined, no-any-return]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in _fields(type(self)))
        return f"{type(self).__name__}({shown})"


class FrozenRecord(_Compared):
    """The base of the result records: ``dataclass(frozen=True, slots=True, kw_only=True,
    eq=False, repr=False)`` writes their ``__init__`` (they are made by the thousand) and the
    frozen ``__setattr__``, this class the rest (about half the cost of a class)."""

    __slots__ = ()


class SimpleRecord(_Compared):
    """A record whose dataclass methods are these generic ones rather than made for its class.

    ``dataclasses.dataclass`` writes and compiles an ``__init__``, ``__repr__``, ``__eq__``,
    ``__hash__`` and (frozen) ``__setattr__`` and ``__delattr__`` for each class, about 0.6 ms a
    class: the twenty classes of the data files cost a process 11 ms. Their records are made
    once per process, so generic methods (0.06 ms a class) do: keyword-only construction with
    the fields' defaults and ``__post_init__``, frozen, equal when of one class with equal
    fields. Decorate the classes with :func:`record`.
    """

    __slots__ = ()

    def __init__(self, **values: Any) -> None:
        set_ = object.__setattr__
        for f in _fields(type(self)):
            if f.name in values:
                value = values.pop(f.name)
            elif f.default is not dataclasses.MISSING:
                value = f.default
            elif f.default_factory is not dataclasses.MISSING:
                value = f.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}: missing field {f.name!r}")
            set_(self, f.name, value)
        if values:
            raise TypeError(f"{type(self).__name__}: no field {', '.join(sorted(values))}")
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    found = cls.__dict__.get(_FIELDS)  # dataclasses.fields works them out on every call
    if found is None:
        found = dataclasses.fields(cls)
        type.__setattr__(cls, _FIELDS, found)
    return found


def record(cls: type[R]) -> type[R]:
    """Make a :class:`SimpleRecord` subclass a dataclass (its fields, for pydantic and
    ``dataclasses.fields``) without writing methods for it."""
    return dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
