"""A cache bounded by the bytes it holds, for rendered tiles."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ByteLRU(Generic[K, V]):
    """Least recently used entries go first once the sizes given with ``put`` pass ``limit``.

    An entry larger than the whole limit is not kept. Not thread-safe: one owner (the view).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._total = 0

    @property
    def total(self) -> int:
        """Bytes held now."""
        return self._total

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: K) -> V | None:
        """The value, now the most recently used; None when not cached."""
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: K, value: V, size: int) -> None:
        """Keep ``value`` as ``size`` bytes, dropping the least recently used to fit."""
        self.pop(key)
        if size > self.limit:
            return
        self._items[key] = (value, size)
        self._total += size
        while self._total > self.limit:
            _, (_, dropped) = self._items.popitem(last=False)
            self._total -= dropped

    def pop(self, key: K) -> V | None:
        item = self._items.pop(key, None)
        if item is None:
            return None
        self._total -= item[1]
        return item[0]

    def keys(self) -> list[K]:
        """Keys from least to most recently used."""
        return list(self._items)

    def find(self, predicate: Callable[[K], bool]) -> list[tuple[K, V]]:
        """Entries whose key passes ``predicate``, least recently used first; recency is not
        touched (a look for a stand-in is no use)."""
        return [(k, v) for k, (v, _) in self._items.items() if predicate(k)]

    def clear(self) -> None:
        self._items.clear()
        self._total = 0

    def __iter__(self) -> Iterator[K]:
        return iter(list(self._items))
