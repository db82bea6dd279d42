"""NCCI medically unlikely edits (MUE): the file reader and per-setting, per-quarter tables.

Layout: HCPCS/CPT Code | Practitioner Services MUE Values | MUE Adjudication Indicator |
MUE Rationale. The value column's header names the setting (`Practitioner Services`,
`Outpatient Hospital Services`, `DME Supplier Services`). The MUE adjudication indicator (MAI)
is written with its meaning, `2 Date of Service Edit: Policy`: its leading digit is the
indicator, and the text is kept for messages. Columns are found by name; CMS's `.csv` writes
the first header cell over two lines (`HCPCS/` and `CPT Code` in one quoted cell).

MUE rows carry no dates. Each quarter's file is complete, so it applies from that quarter's
first day, which the caller knows from the file's name and passes in, until the next loaded
file of the same setting takes over.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from engine.plugin_api import DataFileError
from plugins.ncci.files import (
    check_setting,
    find_header,
    fit,
    is_blank,
    is_code,
    normalize,
    table_rows,
)

VALUE_COLUMNS = {
    "practitionerservicesmuevalues": "practitioner",
    "outpatienthospitalservicesmuevalues": "outpatient_hospital",
    "dmesupplierservicesmuevalues": "dme",
}


class MueRow(NamedTuple):
    code: str
    value: int
    mai: int
    mai_text: str
    rationale: str
    line: int


@dataclass(frozen=True, slots=True)
class Mue:
    """The most units of `code` billable per line (MAI 1) or per date of service (MAI 2, 3)."""

    code: str
    value: int
    mai: int
    mai_text: str
    rationale: str
    source: str


def read_mue(path: Path) -> tuple[str, list[MueRow]]:
    """The setting the header names, and every row of one MUE file."""
    with table_rows(path) as rows:
        header = find_header(rows, path, _is_header, "a row starting HCPCS/CPT Code")
        setting, value, mai, rationale = _columns(header, path, rows.line_num)
        width = max(index for index, cell in enumerate(header) if cell.strip()) + 1
        found = []
        texts: dict[str, str] = {}
        for row in rows:
            if len(row) != width:
                if is_blank(row):
                    continue
                row = fit(row, width, path, rows.line_num)
            code = row[0].strip()
            if not code and is_blank(row):
                continue
            problem = _problem(code, row[value].strip(), row[mai].strip())
            if problem:
                raise DataFileError(path, f"line {rows.line_num}", problem)
            mai_text = texts.setdefault(row[mai].strip(), row[mai].strip())
            reason = texts.setdefault(row[rationale].strip(), row[rationale].strip())
            found.append(
                MueRow(code, int(row[value]), int(mai_text[0]), mai_text, reason, rows.line_num)
            )
    return setting, found


def _is_header(row: list[str]) -> bool:
    return normalize(row[0]) == "hcpcscptcode"


def _columns(header: list[str], path: Path, line: int) -> tuple[str, int, int, int]:
    """The setting, and where the value, MAI and rationale columns are."""
    names = [normalize(cell) for cell in header]
    settings = [(VALUE_COLUMNS[name], at) for at, name in enumerate(names) if name in VALUE_COLUMNS]
    if not settings:
        values = [header[at] for at, name in enumerate(names) if name.endswith("muevalues")]
        what = f"an unknown setting: {values[0]!r}" if values else "no column of MUE Values"
        raise DataFileError(path, f"line {line}", f"header names {what}")
    mai = [at for at, name in enumerate(names) if "adjudicationindicator" in name]
    rationale = [at for at, name in enumerate(names) if name.endswith("rationale")]
    if not mai or not rationale:
        missing = "MUE Adjudication Indicator" if not mai else "MUE Rationale"
        raise DataFileError(path, f"line {line}", f"header has no {missing} column")
    (setting, value), *_ = settings
    return setting, value, mai[0], rationale[0]


def _problem(code: str, value: str, mai: str) -> str | None:
    """Why a row is malformed, or None."""
    if not code:
        return "empty code"
    if not is_code(code):
        return f"{code!r} is not a code (five letters or digits)"
    if not (value.isascii() and value.isdigit()):
        return f"MUE value {value!r} is not a whole number"
    if mai[:1] not in ("1", "2", "3") or mai[1:2].isdigit():
        return f"MUE adjudication indicator {mai!r} does not start with 1, 2 or 3"
    return None


@dataclass(slots=True)
class _Edition:
    """One setting's MUEs from one quarter on: code -> (row, index of its file)."""

    start: int
    limits: dict[str, tuple[MueRow, int]] = field(default_factory=dict)


class MueTables:
    """Every MUE file loaded, by setting; a later quarter's file replaces an earlier one."""

    def __init__(self) -> None:
        self._editions: dict[str, list[_Edition]] = {}
        self._files: list[Path] = []

    def add(self, path: Path, effective_from: date) -> int:
        """Load one MUE file, in effect from `effective_from`; returns how many rows it held.

        Two files of one setting from the same date (parts, or a file loaded twice) combine;
        a code they give different limits is a DataFileError.
        """
        setting, rows = read_mue(path)
        limits: dict[str, tuple[MueRow, int]] = {}
        file_index = len(self._files)
        for row in rows:
            if row.code in limits:
                first = limits[row.code][0].line
                raise DataFileError(
                    path, f"line {row.line}", f"code {row.code} appears twice (also line {first})"
                )
            limits[row.code] = (row, file_index)
        editions = self._editions.setdefault(setting, [])
        start = effective_from.toordinal()
        same = [edition for edition in editions if edition.start == start]
        if same:
            self._merge(same[0], limits, path)
        else:
            insort(editions, _Edition(start, limits), key=lambda edition: edition.start)
        self._files.append(path)
        return len(rows)

    def limit(self, setting: str, code: str, on: date) -> Mue | None:
        """The MUE for `code` on `on`, from the latest file in effect then; None if none."""
        editions = self._editions.get(check_setting(setting))
        if not editions:
            return None
        at = bisect_right(editions, on.toordinal(), key=lambda edition: edition.start) - 1
        if at < 0:
            return None
        found = editions[at].limits.get(code)
        if found is None:
            return None
        row, file_index = found
        source = f"{self._files[file_index].name}:{row.line}"
        return Mue(row.code, row.value, row.mai, row.mai_text, row.rationale, source)

    @property
    def rows(self) -> int:
        """Code limits kept over all settings and quarters."""
        return sum(
            len(edition.limits) for editions in self._editions.values() for edition in editions
        )

    def __len__(self) -> int:
        return self.rows

    @property
    def sources(self) -> list[Path]:
        """Every file loaded, in loading order."""
        return list(self._files)

    def effective_dates(self, setting: str) -> list[date]:
        """The dates from which each loaded file of `setting` applies, earliest first."""
        editions = self._editions.get(check_setting(setting), [])
        return [date.fromordinal(edition.start) for edition in editions]

    def _merge(self, edition: _Edition, limits: dict[str, tuple[MueRow, int]], path: Path) -> None:
        """Add `limits` to an edition from the same date, if no code's limit differs."""
        for code, (row, _) in limits.items():
            known = edition.limits.get(code)
            if known is None:
                continue
            other, file_index = known
            if (row.value, row.mai, row.rationale) != (other.value, other.mai, other.rationale):
                raise DataFileError(
                    path,
                    f"line {row.line}",
                    f"code {code}: MUE {row.value} (MAI {row.mai}) here but {other.value} "
                    f"(MAI {other.mai}) in {self._files[file_index].name} line {other.line}, "
                    "which applies from the same date",
                )
        for code, entry in limits.items():
            edition.limits.setdefault(code, entry)
