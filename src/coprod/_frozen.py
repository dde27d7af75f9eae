"""An immutable, hashable mapping for the mapping fields of frozen classes.

A frozen attrs class holding a ``dict`` is frozen only on the surface: the dict can be
changed in place, and the object can then no longer be hashed nor trusted to equal another
built the same way. :class:`FrozenDict` is read-only, hashable when its values are, compares
equal to any mapping with the same items, and pickles.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")

__all__ = ["FrozenDict"]


class FrozenDict(Mapping[K, V]):
    """A read-only mapping that keeps the order of its items, hashable when its values are.

    Example:
        >>> d = FrozenDict({"delivery": 1})
        >>> d == {"delivery": 1}, hash(d) == hash(FrozenDict({"delivery": 1}))
        (True, True)
        >>> d["delivery"] = 2
        Traceback (most recent call last):
        ...
        TypeError: 'FrozenDict' object does not support item assignment

    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))
