"""Tile memory made ready ahead: spares of the last size, used first, none of a stale size."""

from __future__ import annotations

from reader.render.spares import Spares


def test_a_take_without_spares_gives_fresh_writable_memory() -> None:
    spares = Spares(keep=2)
    data = spares.take(10_000)
    assert len(data) == 10_000
    data[:3] = b"abc"
    assert bytes(data[:3]) == b"abc"
    assert spares.short()  # it now knows the size to keep ready


def test_refill_keeps_spares_of_the_last_size_and_take_uses_them() -> None:
    spares = Spares(keep=2)
    spares.take(3_000_000)
    assert spares.refill()
    assert not spares.short()
    spares.take(3_000_000)
    assert spares.short()  # one of the two used
    spares.take(1_000_000)  # another zoom: the spares of the old size are no use now
    assert spares.refill()
    assert not spares.short()
    spares.clear()
    assert not spares.short()


def test_a_tile_keeps_its_memory_after_the_spares_are_cleared() -> None:
    spares = Spares(keep=1)
    spares.take(5000)
    spares.refill()
    data = spares.take(5000)
    data[:] = b"x" * 5000
    spares.clear()
    assert bytes(data) == b"x" * 5000
