"""NCCI add-on code (AOC) edits: the file reader and a table of acceptable primary codes.

Each row pairs an add-on code with one acceptable primary code, with the edit's effective
date, deletion dates, the AOC edit type (1, 2 or 3) and special instruction notes. Columns
are found by name, in any order. Two header forms are read:

- CMS's current spreadsheet (`AOC_V2026Q2-MCR.xlsx` and its kin, saved as `.csv` or
  tab-separated `.txt`): `AOC_Edit_Type`, `Add-On_Code`, `AOC_DelDT`, `Primary_Code`,
  `Primary_Code_DelDT`, `AOC_Edit_EffDT`, `AOC_Edit_DelDT`, `Special_Instruction_Notes`,
  dates as YYYYDDD (year, day of year); some releases add `_Julian` to the date names.
- The spelled-out form: `Add-on Code`, `Add-On Code Effective Date`, `Add-On Code Deletion
  Date`, `Primary Code`, `Primary Code Effective Date`, `Primary Code Deletion Date`,
  `AOC Edit Type`, `AOC Edit Effective Date`, `AOC Edit Deletion Date`,
  `Special Instruction Notes`, dates as YYYYMMDD.

A date cell may be YYYYMMDD or YYYYDDD (told apart by length); blank or `*` means none.
A deletion date is the last day the code or edit applies (see `plugins.ncci.files`).
Type 2 rows name no primary code but the placeholder `CCCCC` (primaries are for the
contractor to define), or leave it blank: the row is kept, with no primary code. CMS's
`.txt` release of this table is fixed-width, which this reader does not take: save the
spreadsheet as CSV.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from engine.plugin_api import DataFileError
from plugins.ncci.files import (
    fit,
    is_blank,
    is_code,
    normalize,
    parse_ydd,
    parse_ymd,
    table_rows,
)

CONTRACTOR_DEFINED = "CCCCC"
EDIT_TYPES = {"1": 1, "2": 2, "3": 3, "i": 1, "ii": 2, "iii": 3}
# Field -> the header names (normalized, `julian` suffix dropped) it goes by.
COLUMNS = {
    "addon": ("addoncode",),
    "addon_effective": ("addoncodeeffectivedate", "addoncodeeffdt", "aoceffdt"),
    "addon_deletion": ("addoncodedeletiondate", "addoncodedeldt", "aocdeldt"),
    "primary": ("primarycode",),
    "primary_effective": ("primarycodeeffectivedate", "primarycodeeffdt"),
    "primary_deletion": ("primarycodedeletiondate", "primarycodedeldt"),
    "edit_type": ("aocedittype",),
    "edit_effective": ("aocediteffectivedate", "aocediteffdt"),
    "edit_deletion": ("aoceditdeletiondate", "aoceditdeldt"),
    "notes": ("specialinstructionnotes",),
}
REQUIRED = ("addon", "primary", "edit_type", "edit_effective")
_DATES = ("addon_effective", "addon_deletion", "primary_effective", "primary_deletion")


class AocRow(NamedTuple):
    """One add-on/primary pair; `primary` is None where the file says `CCCCC`."""

    addon: str
    addon_effective: date | None
    addon_deletion: date | None
    primary: str | None
    primary_effective: date | None
    primary_deletion: date | None
    edit_type: int
    edit_effective: date
    edit_deletion: date | None
    notes: str
    line: int

    def edit_applies(self, on: date) -> bool:
        """The add-on code and the edit are both in effect on `on`."""
        return _within(self.addon_effective, self.addon_deletion, on) and _within(
            self.edit_effective, self.edit_deletion, on
        )

    def primary_applies(self, on: date) -> bool:
        return self.primary is not None and _within(
            self.primary_effective, self.primary_deletion, on
        )


_RowKey = tuple[
    str, date | None, date | None, str | None, date | None, date | None, int, date, date | None, str
]
"""An `AocRow` without its line number: rows equal but for where they sit count once."""


def _within(effective: date | None, deletion: date | None, on: date) -> bool:
    """In effect on `on`: from `effective` (if any) to `deletion`, its last day (if any)."""
    return (effective is None or effective <= on) and (deletion is None or on <= deletion)


@dataclass(frozen=True, slots=True)
class AocEdit:
    """An add-on code on a date: its edit type and the primary codes CMS lists as acceptable."""

    addon: str
    edit_type: int
    primaries: frozenset[str]
    notes: str
    source: str


def read_aoc(path: Path) -> Iterator[AocRow]:
    """Every row of one AOC file."""
    with table_rows(path) as rows:
        fixed_width = False
        for header in rows:
            names = [_name(cell) for cell in header]
            if "addoncode" in names and "primarycode" in names:
                break
            joined = "".join(names)
            fixed_width = fixed_width or ("addoncode" in joined and "primarycode" in joined)
        else:
            hint = " (the fixed-width .txt? save the spreadsheet as .csv)" if fixed_width else ""
            raise DataFileError(
                path, "", f"no header row: expected a row naming Add-On Code, Primary Code{hint}"
            )
        where = _where(names, path, rows.line_num)
        width = max(at for at, name in enumerate(names) if name) + 1
        for row in rows:
            if len(row) != width:
                if is_blank(row):
                    continue
                row = fit(row, width, path, rows.line_num)
            if is_blank(row):
                continue
            found = _row(row, where, rows.line_num)
            if isinstance(found, str):
                raise DataFileError(path, f"line {rows.line_num}", found)
            yield found


def _name(cell: str) -> str:
    name = normalize(cell)
    return name.removesuffix("julian")


def _where(names: list[str], path: Path, line: int) -> dict[str, int]:
    """Each field's column, for the fields the header has."""
    where = {}
    for field, aliases in COLUMNS.items():
        for at, name in enumerate(names):
            if name in aliases:
                where[field] = at
                break
    missing = [field for field in REQUIRED if field not in where]
    if missing:
        raise DataFileError(path, f"line {line}", f"header has no column for {', '.join(missing)}")
    return where


def _row(cells: list[str], where: dict[str, int], line: int) -> AocRow | str:
    """The row `cells` holds, or why it is malformed."""

    def cell(field: str) -> str:
        return cells[where[field]].strip() if field in where else ""

    edit_type = EDIT_TYPES.get(cell("edit_type").lower().removeprefix("type").strip())
    if edit_type is None:
        return f"AOC edit type {cell('edit_type')!r} is not 1, 2 or 3"
    addon, primary = cell("addon"), cell("primary")
    if edit_type == 2 and not primary:
        primary = CONTRACTOR_DEFINED  # Type 2 lists no primary code
    for column, code in (("add-on code", addon), ("primary code", primary)):
        if not code:
            return f"empty {column}"
        if not is_code(code):
            return f"{column} {code!r} is not a code (five letters or digits)"
    dates: dict[str, date | None] = {}
    for field in (*_DATES, "edit_deletion"):
        text = cell(field)
        dates[field] = None if text in ("", "*") else _date(text)
        if text not in ("", "*") and dates[field] is None:
            return f"{field.replace('_', ' ')} date {text!r} is not a date (YYYYMMDD or YYYYDDD)"
    edit_effective = _date(cell("edit_effective"))
    if edit_effective is None:
        return f"edit effective date {cell('edit_effective')!r} is not a date (YYYYMMDD or YYYYDDD)"
    return AocRow(
        addon,
        dates["addon_effective"],
        dates["addon_deletion"],
        None if primary == CONTRACTOR_DEFINED else primary,
        dates["primary_effective"],
        dates["primary_deletion"],
        edit_type,
        edit_effective,
        dates["edit_deletion"],
        cell("notes"),
        line,
    )


def _date(text: str) -> date | None:
    """A YYYYMMDD or YYYYDDD date, or None if `text` is neither."""
    ordinal = parse_ymd(text) if len(text) == 8 else parse_ydd(text)
    return date.fromordinal(ordinal) if ordinal is not None else None


class AocTables:
    """Every AOC row loaded, by add-on code.

    Identical rows from several files count once. A row gives way to the same pair's row
    (same primary and edit effective date) that has a deletion date where it has none: a
    later quarter's file saying the code or the edit was deleted.
    """

    def __init__(self) -> None:
        self._rows: dict[str, dict[_RowKey, tuple[AocRow, int]]] = {}
        self._live: dict[str, list[tuple[AocRow, int]]] = {}
        self._files: list[Path] = []

    def add(self, path: Path) -> int:
        """Load one more AOC file; returns how many rows it held."""
        rows = list(read_aoc(path))
        file_index = len(self._files)
        self._files.append(path)
        for row in rows:
            self._rows.setdefault(row.addon, {}).setdefault(row[:-1], (row, file_index))
            self._live.pop(row.addon, None)
        return len(rows)

    def edit(self, addon: str, on: date) -> AocEdit | None:
        """The add-on code's edit on `on`, with the primary codes acceptable then.

        None if `addon` is not an add-on code on `on` (no row in effect: add-on code and
        edit both effective, neither deleted). A primary code counts if it is in effect too.
        Should rows in effect disagree on the edit type, the one taking effect last wins.
        """
        active = [(row, file) for row, file in self._entries(addon) if row.edit_applies(on)]
        if not active:
            return None
        primaries = frozenset(
            row.primary for row, _ in active if row.primary is not None and row.primary_applies(on)
        )
        latest, file_index = max(active, key=lambda entry: entry[0].edit_effective)
        notes = "; ".join(dict.fromkeys(row.notes for row, _ in active if row.notes))
        source = f"{self._files[file_index].name}:{latest.line}"
        return AocEdit(addon, latest.edit_type, primaries, notes, source)

    @property
    def rows(self) -> int:
        """Rows kept, once repeated and stale rows are dropped."""
        return sum(len(self._entries(addon)) for addon in self._rows)

    def __len__(self) -> int:
        return self.rows

    @property
    def sources(self) -> list[Path]:
        """Every file loaded, in loading order."""
        return list(self._files)

    def _entries(self, addon: str) -> list[tuple[AocRow, int]]:
        live = self._live.get(addon)
        if live is None:
            entries = list(self._rows.get(addon, {}).values())
            live = self._live[addon] = [
                entry for entry in entries if not any(_stale(entry[0], o[0]) for o in entries)
            ]
        return live


def _stale(row: AocRow, other: AocRow) -> bool:
    """Whether `other` is a later state of `row`: a deletion date where `row` has none."""
    if row is other or (row.primary, row.edit_effective) != (other.primary, other.edit_effective):
        return False
    pairs = (
        (row.addon_deletion, other.addon_deletion),
        (row.primary_deletion, other.primary_deletion),
        (row.edit_deletion, other.edit_deletion),
    )
    return all(mine in (None, theirs) for mine, theirs in pairs) and any(
        mine is None and theirs is not None for mine, theirs in pairs
    )
