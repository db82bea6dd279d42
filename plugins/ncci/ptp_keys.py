"""The packed sort keys of PTP rows, and finding runs and stale rows among sorted keys.

Kept apart from `ptp.py`, which builds and searches the tables, so each stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, islice, repeat
from operator import eq, rshift

from plugins.ncci.files import NO_DATE

# A row's sort key packs (column 1, column 2, effective, deletion, modifier byte, rationale)
# into one int (20, 20, 22, 22, 8 and 16 bits), so sorting and finding repeated rows run in
# C; key >> PAIR_DATE_SHIFT keeps (column 1, column 2, effective).
DELETION_SHIFT = 8 + 16
PAIR_DATE_SHIFT = 22 + DELETION_SHIFT
DELETION_MASK = (1 << 22) - 1


def row_key(c1: int, c2: int, start: int, end: int, modifier: int, text: int) -> int:
    return ((((c1 << 20 | c2) << 22 | start) << 22 | end) << 8 | modifier) << 16 | text


def runs(items: list[int]) -> Iterator[range]:
    """The runs of two or more equal adjacent items, as ranges of positions."""
    start = end = -1
    for position in compress(range(1, len(items)), map(eq, islice(items, 1, None), items)):
        if position != end:
            if start >= 0:
                yield range(start, end)
            start = position - 1
        end = position + 1
    if start >= 0:
        yield range(start, end)


def spans_without(drop: set[int], length: int) -> list[tuple[int, int]]:
    """The (start, end) spans of range(length) that hold no position in `drop`."""
    spans, start = [], 0
    for position in sorted(drop):
        if start < position:
            spans.append((start, position))
        start = position + 1
    if start < length:
        spans.append((start, length))
    return spans


def stale(keys: list[int], shift: int = 0) -> set[int]:
    """Positions of rows that a later state of the same edit makes stale.

    Two quarters' files both list an edit; once CMS deletes it, the later file gives it a
    deletion date (CMS does not undelete: it adds a new edit with a new effective date). So
    a row with no deletion date is dropped when a row for the same pair and effective date
    has one. `keys` (sort keys shifted left by `shift`) are sorted, so such rows sit
    together, no-deletion ones first.
    """
    head = shift + PAIR_DATE_SHIFT
    stale: set[int] = set()
    same = map(eq, shifted(keys, head, 1), shifted(keys, head))
    for position in compress(range(1, len(keys)), same):
        before = position - 1
        if deletion(keys[position] >> shift) == NO_DATE:
            continue
        if deletion(keys[before] >> shift) != NO_DATE:
            continue
        while before >= 0 and keys[before] >> head == keys[position] >> head:
            stale.add(before)
            before -= 1
    return stale


def shifted(keys: list[int], shift: int, start: int = 0) -> Iterator[int]:
    return map(rshift, islice(keys, start, None), repeat(shift))


def deletion(key: int) -> int:
    return (key >> DELETION_SHIFT) & DELETION_MASK
