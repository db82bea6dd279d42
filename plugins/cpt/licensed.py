"""Reads a CPT data file that a licensed user supplies; the product ships none.

Format: UTF-8 text, tab- or comma-separated, a header row naming at least `code` and
`descriptor`, optionally `add_date` and `term_date` (YYYY-MM-DD or CMS-style YYYYMMDD,
empty for none). Blank lines and lines starting with `#` are ignored.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engine.plugin_api import DataFileError, compact_date, parse_date
from plugins.cpt.structure import is_cpt_code

REQUIRED = ("code", "descriptor")


@dataclass(frozen=True, slots=True)
class CptEntry:
    code: str
    descriptor: str
    add_date: date | None
    term_date: date | None


def read_cpt_file(path: Path) -> dict[str, CptEntry]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DataFileError(path, "", f"cannot read CPT file: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise DataFileError(path, f"byte {error.start}", "not UTF-8 text") from None
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise DataFileError(path, "", "no header row: expected columns code and descriptor")
    header_number, header = numbered[0]
    rows = csv.reader((line for _, line in numbered), delimiter="\t" if "\t" in header else ",")
    columns = [name.strip().lower() for name in next(rows)]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise DataFileError(path, f"line {header_number}", f"header lacks {', '.join(missing)}")
    entries: dict[str, CptEntry] = {}
    for (number, _), row in zip(numbered[1:], rows, strict=True):
        entry = _entry(dict(zip(columns, (cell.strip() for cell in row), strict=False)))
        if isinstance(entry, str):
            raise DataFileError(path, f"line {number}", entry)
        if entry.code in entries:
            raise DataFileError(path, f"line {number}", f"code {entry.code} appears twice")
        entries[entry.code] = entry
    return entries


def _entry(cells: dict[str, str]) -> CptEntry | str:
    """The entry a row describes, or why it is malformed."""
    code = cells.get("code", "").upper()
    if not is_cpt_code(code):
        return f"{code!r} is not a CPT code (five digits, or four digits and F, T, U or M)"
    if not cells.get("descriptor"):
        return f"code {code} has no descriptor"
    dates: list[date | None] = []
    for column in ("add_date", "term_date"):
        value = cells.get(column, "")
        parsed = (compact_date(value) or parse_date(value)) if value else None
        if parsed is not None and not isinstance(parsed, date):
            return f"{column} {value!r} is not a date (YYYY-MM-DD or YYYYMMDD)"
        dates.append(parsed)
    return CptEntry(code, cells["descriptor"], *dates)
