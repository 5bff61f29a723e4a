"""Result models made from trusted values, without validation.

A verdict is built from the catalogue's own, validated data and from what matching worked out:
nothing in it needs validating. Pydantic's ``model_construct`` skips validation but still looks
every field up by its aliases, about 2.5 µs for a :class:`~catalogue.results.Candidate`; a
:class:`Builder` knows the fields and their defaults beforehand and makes the same object (the
same ``__dict__`` in field order, the same set of fields set) in about 1 µs. A check makes ten
or so of them.

    >>> from catalogue.results import Evidence
    >>> evidence = Builder(Evidence)(term="监测", level=4, name="土壤污染监测服务")
    >>> evidence == Evidence.model_construct(term="监测", level=4, name="土壤污染监测服务")
    True
    >>> evidence.via is None
    True
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel

__all__ = ["Builder", "instance"]

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__


def instance(model: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """The instance of ``model`` whose ``__dict__`` is ``values`` (every field, in order) and
    whose set fields are ``fields_set``, as ``model_construct`` makes it."""
    made = model.__new__(model)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", fields_set)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


class Builder(Generic[M]):
    """Makes instances of one model class from trusted values, as ``model_construct`` does."""

    __slots__ = ("_defaults", "_model", "_names", "_sets")

    def __init__(self, model: type[M]) -> None:
        fields = model.model_fields
        self._model = model
        self._names = tuple(fields)
        #: the default of every optional field (the results' defaults are immutable: ``None``
        #: and empty tuples)
        self._defaults: dict[str, Any] = {
            name: field.get_default(call_default_factory=True)
            for name, field in fields.items()
            if not field.is_required()
        }
        #: the names given -> the set of fields set, one set shared by every instance made with
        #: the same names: a model is frozen, so pydantic never changes the set (``model_copy``
        #: copies it first), and a batch keeps thousands of results alive, each of them one
        #: object fewer for the garbage collector to go through
        self._sets: dict[tuple[str, ...], set[str]] = {}

    def __call__(self, **values: Any) -> M:
        """An instance with ``values`` (which must name only fields, and every required one)."""
        names = tuple(values)
        given = self._sets.get(names)
        if given is None:
            given = self._sets[names] = set(names)
        if names != self._names:  # else every field, in order: the dict is the instance's
            defaults = self._defaults
            values = {n: values[n] if n in values else defaults[n] for n in self._names}
        return instance(self._model, values, given)
