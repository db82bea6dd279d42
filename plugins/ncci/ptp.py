"""NCCI procedure-to-procedure (PTP) edits: the file reader and compact per-setting tables.

Layout: Column 1 | Column 2 | *=in existence prior to 1996 | Effective Date |
Deletion Date *=no data | Modifier 0=not allowed 1=allowed 9=not applicable | PTP Edit Rationale.
CMS's `.txt` files spread that header over several physical lines (`Column 1`, `Column 2`,
`*=in existence`, `Effective`, ... then lines continuing `prior to 1996`, `Date`, ...), so the
header is the row whose first cells are `Column 1`, `Column 2`, and rows right after it whose
two code cells are empty continue it. The header does not name the setting (practitioner,
outpatient hospital): the caller knows it from the file's name or folder.

A national table has well over a million rows, so the tables hold no object per edit: codes
and rationale texts are interned to small ints, each field is an `array` column sorted by
(column 1, column 2), and an index maps a column 1 code to its slice. PtpEdit objects are
made only for the edits a query returns.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import compress, count, islice, repeat
from operator import and_, itemgetter, le, lshift, ne, or_
from pathlib import Path
from typing import NamedTuple

from engine.plugin_api import DataFileError
from plugins.ncci.files import (
    NO_DATE,
    check_setting,
    find_header,
    fit,
    is_blank,
    is_code,
    normalize,
    parse_ymd,
    table_rows,
)
from plugins.ncci.ptp_keys import row_key as _row_key
from plugins.ncci.ptp_keys import runs as _runs
from plugins.ncci.ptp_keys import shifted as _shifted
from plugins.ncci.ptp_keys import spans_without as _spans_without
from plugins.ncci.ptp_keys import stale as _stale

WIDTH = 7
MODIFIER_INDICATORS = {"0": 0, "1": 1, "9": 9}
_PRE_1996 = {"": False, "*": True}
_PRE_1996_FLAG = 0x80  # kept in the modifier column's byte, beside the indicator
_CODE_LIMIT = 1 << 20
_TEXT_LIMIT = 1 << 16


class PtpRow(NamedTuple):
    setting: str
    column1: str
    column2: str
    pre_1996: bool
    effective: date
    deletion: date | None
    modifier_indicator: int
    rationale: str
    line: int


@dataclass(frozen=True, slots=True)
class PtpEdit:
    """One edit: column 2 is denied with column 1 unless the modifier indicator allows it."""

    column1: str
    column2: str
    effective: date
    deletion: date | None
    modifier_indicator: int
    rationale: str
    source: str


def read_ptp(path: Path, setting: str) -> Iterator[PtpRow]:
    """Every edit row of one PTP file, for the setting the caller says the file is for.

    The whole file is read (and a malformed row raises) before the first row is returned.
    """
    check_setting(setting)
    codes, texts = _Interner("distinct codes", _CODE_LIMIT), _Interner("rationale texts")
    rows = _Columns()
    _load(path, rows, codes, texts)
    return (
        PtpRow(
            setting,
            codes.names[rows.column1[row]],
            codes.names[rows.column2[row]],
            bool(rows.modifier[row] & _PRE_1996_FLAG),
            date.fromordinal(rows.effective[row]),
            _date_or_none(rows.deletion[row]),
            rows.modifier[row] & ~_PRE_1996_FLAG,
            texts.names[rows.rationale[row]],
            rows.line[row],
        )
        for row in range(len(rows))
    )


class _Interner:
    """Names (codes, rationale texts) to small ints and back."""

    def __init__(self, what: str, limit: int = _TEXT_LIMIT) -> None:
        self.what = what
        self.limit = limit
        self.ids: dict[str, int] = {}
        self.names: list[str] = []

    def ranks(self) -> list[int]:
        """Each id's place when the names are sorted."""
        ranks = [0] * len(self.names)
        for place, number in enumerate(sorted(range(len(self.names)), key=self.names.__getitem__)):
            ranks[number] = place
        return ranks

    def add(self, name: str, path: Path, line: int) -> int:
        number = self.ids.get(name)
        if number is None:
            if len(self.names) >= self.limit:
                raise DataFileError(path, f"line {line}", f"more than {self.limit} {self.what}")
            number = self.ids[name] = len(self.names)
            self.names.append(name)
        return number


def _load(path: Path, into: _Columns, codes: _Interner, texts: _Interner) -> None:
    """Append every edit row of `path` to `into` (all but its `file` column).

    The loop is the load time of a national table, so each cell is looked up in a cache of
    the cells already seen (a national file repeats a few thousand codes and dates a million
    times) and checked only the first time.
    """
    code_ids: dict[str, int] = {}
    effective_dates: dict[str, int] = {}
    deletion_dates: dict[str, int] = {"*": NO_DATE, "": NO_DATE}
    flags: dict[tuple[str, str], int] = {}
    text_ids: dict[str, int] = {}
    column1, column2 = into.column1.append, into.column2.append
    effective, deletion = into.effective.append, into.deletion.append
    modifier, rationale, line_of = into.modifier.append, into.rationale.append, into.line.append
    with table_rows(path) as rows:
        find_header(rows, path, _is_header, "a row starting Column 1, Column 2")
        in_header = True
        for row in rows:
            if len(row) != WIDTH:
                if _continues_header(row, in_header):
                    continue
                row = fit(row, WIDTH, path, rows.line_num)
            first, second, old, start, end, indicator, text = row
            first_id = code_ids.get(first)
            if first_id is None:
                if _continues_header(row, in_header):
                    continue
                first_id = _code(first, "column 1", code_ids, codes, path, rows.line_num)
            second_id = code_ids.get(second)
            if second_id is None:
                second_id = _code(second, "column 2", code_ids, codes, path, rows.line_num)
            in_header = False
            start_day = effective_dates.get(start)
            if start_day is None:
                start_day = _date(start, "effective date", effective_dates, path, rows.line_num)
            end_day = deletion_dates.get(end)
            if end_day is None:
                end_day = _date(end, "deletion date", deletion_dates, path, rows.line_num, True)
            flag = flags.get((indicator, old))
            if flag is None:
                flag = _flag(indicator, old, flags, path, rows.line_num)
            text_id = text_ids.get(text)
            if text_id is None:
                text_id = text_ids[text] = texts.add(text.strip(), path, rows.line_num)
            column1(first_id)
            column2(second_id)
            effective(start_day)
            deletion(end_day)
            modifier(flag)
            rationale(text_id)
            line_of(rows.line_num)


def _is_header(row: list[str]) -> bool:
    return len(row) >= 2 and normalize(row[0]) == "column1" and normalize(row[1]) == "column2"


def _continues_header(row: list[str], in_header: bool) -> bool:
    """A blank row, or (before the first edit) a header row's continuation line."""
    if in_header and len(row) >= 2 and not row[0].strip() and not row[1].strip():
        return True
    return is_blank(row)


def _code(
    text: str, column: str, cache: dict[str, int], codes: _Interner, path: Path, line: int
) -> int:
    code = text.strip()
    if not code:
        raise DataFileError(path, f"line {line}", f"empty {column} code")
    if not is_code(code):
        raise DataFileError(
            path, f"line {line}", f"{column} {code!r} is not a code (five letters or digits)"
        )
    cache[text] = codes.add(code, path, line)
    return cache[text]


def _date(
    text: str, what: str, cache: dict[str, int], path: Path, line: int, optional: bool = False
) -> int:
    stripped = text.strip()
    ordinal = NO_DATE if optional and stripped in ("", "*") else parse_ymd(stripped)
    if ordinal is None:
        raise DataFileError(path, f"line {line}", f"{what} {text!r} is not a date (YYYYMMDD)")
    cache[text] = ordinal
    return ordinal


def _flag(
    indicator: str, old: str, cache: dict[tuple[str, str], int], path: Path, line: int
) -> int:
    """The modifier indicator, plus _PRE_1996_FLAG if column 3 says `*` (before 1996)."""
    number = MODIFIER_INDICATORS.get(indicator.strip())
    if number is None:
        raise DataFileError(
            path, f"line {line}", f"modifier indicator {indicator!r} is not 0, 1 or 9"
        )
    pre_1996 = _PRE_1996.get(old.strip())
    if pre_1996 is None:
        raise DataFileError(
            path, f"line {line}", f"column 3 {old!r} is neither empty nor * (before 1996)"
        )
    cache[indicator, old] = number | (_PRE_1996_FLAG if pre_1996 else 0)
    return cache[indicator, old]


def _date_or_none(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if ordinal != NO_DATE else None


class _Columns:
    """One setting's edits as parallel arrays; sorted and indexed once frozen."""

    FIELDS = (
        ("column1", "I"),
        ("column2", "I"),
        ("effective", "I"),
        ("deletion", "I"),
        ("modifier", "B"),
        ("rationale", "H"),
        ("file", "H"),
        ("line", "I"),
    )
    __slots__ = (*(name for name, _ in FIELDS), "index", "frozen")
    column1: array[int]
    column2: array[int]
    effective: array[int]
    deletion: array[int]
    modifier: array[int]
    rationale: array[int]
    file: array[int]
    line: array[int]

    def __init__(self) -> None:
        for name, typecode in self.FIELDS:
            setattr(self, name, array(typecode))
        self.index: dict[int, tuple[int, int]] = {}
        self.frozen = True

    def __len__(self) -> int:
        return len(self.column1)

    def extend(self, other: _Columns) -> None:
        for name, _ in self.FIELDS:
            getattr(self, name).extend(getattr(other, name))
        self.frozen = False

    def freeze(self, rank: list[int]) -> None:
        """Sort by (column 1, column 2, ...), drop repeated and stale rows, index column 1.

        `rank` orders code ids as their codes sort. CMS files come sorted by column 1 and
        column 2, so a table loaded from one file, or from its parts in order, is already in
        order: then only the rows sharing a pair are looked at, and nothing is copied.
        """
        ranks = rank.__getitem__
        pairs = list(
            map(or_, map(lshift, map(ranks, self.column1), repeat(20)), map(ranks, self.column2))
        )
        if all(map(le, pairs, islice(pairs, 1, None))):
            drop = self._resolve_runs(pairs, ranks)
            if drop:
                self._keep(_spans_without(drop, len(pairs)))
        else:
            self._sort(ranks)
        column1 = self.column1
        starts = list(compress(range(1, len(column1)), map(ne, islice(column1, 1, None), column1)))
        starts = [0, *starts] if column1 else []
        ends = [*starts[1:], len(column1)] if column1 else []
        spans = zip(starts, ends, strict=True)
        self.index = {column1[start]: (start, end) for start, end in spans}
        self.frozen = True

    def _keys(
        self, ranks: Callable[[int], int], rows: range | None = None, shift: int = 0
    ) -> list[int]:
        """The sort key of every row, or of the rows in `rows`; with `shift`, each key is
        shifted left that many bits and carries its row number in them."""
        columns: tuple[array[int], ...] = (
            self.column1,
            self.column2,
            self.effective,
            self.deletion,
            self.modifier,
            self.rationale,
        )
        if rows is not None:
            columns = tuple(column[rows.start : rows.stop] for column in columns)
        first, second, *rest = columns
        if not shift:
            return list(map(_row_key, map(ranks, first), map(ranks, second), *rest))

        def numbered(c1: int, c2: int, start: int, end: int, mod: int, text: int, row: int) -> int:
            key = ((((c1 << 20 | c2) << 22 | start) << 22 | end) << 8 | mod) << 16 | text
            return key << shift | row  # _row_key inlined: this runs once per row

        return list(map(numbered, map(ranks, first), map(ranks, second), *rest, count()))

    def _resolve_runs(self, pairs: list[int], ranks: Callable[[int], int]) -> set[int]:
        """Rows to drop (repeated or stale) among rows that share a pair, rows being in order."""
        drop: set[int] = set()
        for rows in _runs(pairs):
            keys = self._keys(ranks, rows)
            order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: first row wins
            ordered = [keys[i] for i in order]
            repeated = {i for i in range(1, len(ordered)) if ordered[i] == ordered[i - 1]}
            drop.update(rows[order[i]] for i in repeated | _stale(ordered))
        return drop

    def _sort(self, ranks: Callable[[int], int]) -> None:
        """Reorder every column by sort key, keeping the first of repeated rows."""
        shift = max(len(self.column1) - 1, 1).bit_length()
        # Each key carries its row number in its low bits: one list to sort, no key function,
        # and equal rows stay in loading order, so the first loaded is the one kept.
        keys = self._keys(ranks, shift=shift)
        keys.sort()
        firsts = [True, *map(ne, _shifted(keys, shift, 1), _shifted(keys, shift))]
        keys = list(compress(keys, firsts))
        del firsts
        stale = _stale(keys, shift)
        order = list(map(and_, keys, repeat((1 << shift) - 1)))
        del keys
        if stale:
            order = [row for position, row in enumerate(order) if position not in stale]
        pick = itemgetter(*order) if len(order) > 1 else None  # itemgetter(x) gives no tuple
        for name, typecode in self.FIELDS:
            column = getattr(self, name)
            picked = pick(column) if pick else [column[row] for row in order]
            setattr(self, name, array(typecode, picked))

    def _keep(self, spans: list[tuple[int, int]]) -> None:
        for name, typecode in self.FIELDS:
            column, kept = getattr(self, name), array(typecode)
            for start, end in spans:
                kept += column[start:end]
            setattr(self, name, kept)


class PtpTables:
    """Every PTP edit loaded, by setting (`practitioner`, `outpatient_hospital`, `dme`).

    Load each file with `add`. Identical rows from several files (parts, quarters) count
    once; different rows for one pair are all kept, each applying on its own dates, except
    that a row with no deletion date gives way to the same edit (pair and effective date)
    with one, which is what a later quarter's file says once CMS deletes the edit.
    Sorting and indexing happen on the first query after an `add`, or on `freeze`.
    """

    def __init__(self) -> None:
        self._tables: dict[str, _Columns] = {}
        self._codes = _Interner("distinct codes", _CODE_LIMIT)
        self._texts = _Interner("distinct rationale texts")
        self._files: list[Path] = []
        self._lock = threading.Lock()

    def add(self, path: Path, setting: str) -> int:
        """Load one more PTP file of `setting`; returns how many edit rows it held."""
        check_setting(setting)
        if len(self._files) >= _TEXT_LIMIT:
            raise DataFileError(path, "", f"more than {_TEXT_LIMIT} PTP files loaded")
        new = _Columns()
        _load(path, new, self._codes, self._texts)
        new.file = array("H", repeat(len(self._files), len(new)))
        with self._lock:
            self._files.append(path)
            self._tables.setdefault(setting, _Columns()).extend(new)
        return len(new)

    def freeze(self) -> None:
        """Sort, deduplicate and index every table now rather than on the first query."""
        for table in self._tables.values():
            self._ready(table)

    def edits(self, setting: str, codes: Collection[str], on: date) -> list[PtpEdit]:
        """Every edit of `setting` with both codes in `codes` that applies on `on`.

        Codes are matched exactly as the files write them (upper case, no modifiers).
        """
        table = self._tables.get(check_setting(setting))
        if table is None:
            return []
        self._ready(table)
        code_ids = self._codes.ids
        ids = {code_ids[code] for code in codes if code in code_ids}
        day = on.toordinal()
        column2, index = table.column2, table.index
        effective, deletion = table.effective, table.deletion
        found = []
        for first in ids:
            span = index.get(first)
            if span is None:
                continue
            start, end = span
            for row in compress(range(start, end), map(ids.__contains__, column2[start:end])):
                if effective[row] <= day and (deletion[row] == NO_DATE or day <= deletion[row]):
                    found.append(self._edit(table, row))
        found.sort(key=lambda edit: (edit.column1, edit.column2, edit.effective))
        return found

    @property
    def rows(self) -> int:
        """Edit rows kept over all settings, once repeated and stale rows are dropped."""
        self.freeze()
        return sum(len(table) for table in self._tables.values())

    def __len__(self) -> int:
        return self.rows

    @property
    def sources(self) -> list[Path]:
        """Every file loaded, in loading order."""
        return list(self._files)

    @property
    def settings(self) -> list[str]:
        return sorted(self._tables)

    def _ready(self, table: _Columns) -> None:
        if not table.frozen:
            with self._lock:
                if not table.frozen:
                    table.freeze(self._codes.ranks())

    def _edit(self, table: _Columns, row: int) -> PtpEdit:
        codes = self._codes.names
        return PtpEdit(
            codes[table.column1[row]],
            codes[table.column2[row]],
            date.fromordinal(table.effective[row]),
            _date_or_none(table.deletion[row]),
            table.modifier[row] & ~_PRE_1996_FLAG,
            self._texts.names[table.rationale[row]],
            f"{self._files[table.file[row]].name}:{table.line[row]}",
        )
