"""ByteLRU: bounded by bytes, least recently used out first."""

from __future__ import annotations

from reader.render.cache import ByteLRU


def test_the_least_recently_used_go_when_bytes_run_out() -> None:
    lru: ByteLRU[str, bytes] = ByteLRU(100)
    lru.put("a", b"a", 40)
    lru.put("b", b"b", 40)
    assert lru.get("a") == b"a"  # now "b" is the oldest
    lru.put("c", b"c", 40)
    assert lru.keys() == ["a", "c"]
    assert lru.total == 80
    assert lru.get("b") is None


def test_put_replaces_and_pop_frees() -> None:
    lru: ByteLRU[str, int] = ByteLRU(100)
    lru.put("a", 1, 60)
    lru.put("a", 2, 30)
    assert (lru.get("a"), lru.total, len(lru)) == (2, 30, 1)
    assert lru.pop("a") == 2
    assert (lru.total, len(lru), "a" in lru) == (0, 0, False)
    assert lru.pop("a") is None


def test_an_entry_bigger_than_the_limit_is_not_kept() -> None:
    lru: ByteLRU[str, int] = ByteLRU(100)
    lru.put("small", 1, 10)
    lru.put("huge", 2, 101)
    assert lru.keys() == ["small"]


def test_find_by_predicate_leaves_recency_alone() -> None:
    lru: ByteLRU[tuple[int, float], str] = ByteLRU(1000)
    for scale in (1.0, 1.5, 2.0):
        lru.put((3, scale), f"p3@{scale}", 10)
    lru.put((4, 1.0), "p4", 10)
    found = lru.find(lambda key: key[0] == 3)
    assert [v for _, v in found] == ["p3@1.0", "p3@1.5", "p3@2.0"]
    assert lru.keys()[0] == (3, 1.0)
