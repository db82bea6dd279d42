"""Readers for the HCPCS files exactly as CMS ships them, quirks included (see the data README).

Every problem in a file raises DataFileError naming the file and the row/line (and column).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from engine.plugin_api import DataFileError, load_compact
from plugins.hcpcs.records import (
    COLUMNS,
    CONTINUES,
    FIXED_WIDTH,
    INDEX,
    RECORD_LENGTH,
    FieldError,
    HcpcsRecord,
    Release,
    canonical_values,
    parse_date,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

DATA_DIR = Path(__file__).parent / "data"
# Compact-cache kinds: bump the suffix whenever the cached data's shape changes.
RELEASE_KIND = "hcpcs-release-v1"
NOC_KIND = "hcpcs-noc-v1"

# Located rows: (1-based row or line number, raw values aligned with COLUMNS).
RawRow = tuple[int, list[str]]
# (row or line number, column or '') -> the DataFileError 'where' text.
Locator = Callable[[int, str], str]

_HCPC, _RECID, _LONG = INDEX["HCPC"], INDEX["RECID"], INDEX["LONG DESCRIPTION"]
_HEADER_ALIASES = {"HCPCS": "HCPC", "ADD DATE": "ADD DT", "TERM DATE": "TERM DT"}
# Widths of all-digit code columns whose leading zeros a numeric xlsx cell loses.
_ZERO_PADDED = {
    "SEQNUM": 4,
    **dict.fromkeys(("PRICE1", "PRICE2", "PRICE3", "PRICE4"), 2),
    **{f"LABCERT{i}": 3 for i in range(1, 9)},
    "PROCNOTE": 4,
}
_RECORD_START = re.compile(r"[ A-Z0-9]{5}\d{5}[3478]")
_DATA_END = FIXED_WIDTH[-1][2]  # a record line's last data position (ACTION CD)
_CONTINUATION_END = FIXED_WIDTH[INDEX["LONG DESCRIPTION"]][2]
_SNIFF_BYTES = 65536
_RELEASE_NAME = re.compile(r"ANWEB|CONTR", re.IGNORECASE)
_NOT_RELEASE_NAME = re.compile(r"NOC|TRANSACTION|README|LAYOUT|PROC_?NOTE", re.IGNORECASE)
_NOC_NAME = re.compile(r"(?<![A-Z])NOC(?![A-Z])", re.IGNORECASE)
_NOC_COLUMNS = ("HCPC", "LONG DESCRIPTION", "ADD DT", "TERM DT")
_NOC_SCAN_ROWS = 20


@dataclass(frozen=True, slots=True)
class NocEntry:
    """A 'not otherwise classified' code: CMS lists these separately from the main file."""

    code: str
    description: str
    add_date: date | None
    term_date: date | None


# --- discovery -------------------------------------------------------------------------------


def find_release_files(folder: Path) -> list[Path]:
    """CMS main-file releases in a folder; CMS zips also hold notes and reports to skip."""
    return [
        path
        for path in _files(folder)
        if (path.suffix.lower() == ".xlsx" and _is_release_name(path.name))
        or (path.suffix.lower() == ".txt" and _looks_fixed_width(path))
    ]


def find_noc_files(folder: Path) -> list[Path]:
    """CMS NOC code lists in a folder (recognised by name: their content has no fixed place)."""
    return [p for p in _files(folder) if p.suffix.lower() == ".xlsx" and _NOC_NAME.search(p.name)]


def _files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError(folder, "", "folder not found")
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith((".", "~$"))  # hidden, Excel lock files
    )


def _is_release_name(name: str) -> bool:
    return bool(_RELEASE_NAME.search(name)) and not _NOT_RELEASE_NAME.search(name)


def _looks_fixed_width(path: Path) -> bool:
    """Content, not name, tells a fixed-width release from README/proc_notes text files."""
    with path.open("rb") as file:
        head = file.read(_SNIFF_BYTES).decode("latin-1")
    return any(
        len(line) == RECORD_LENGTH and _RECORD_START.match(line)
        for line in head.replace("\r", "").split("\n")
    )


# --- loading through the compact cache -------------------------------------------------------


def load_release(path: Path) -> Release:
    """The release in a CMS xlsx or txt file; served from the compact cache when current."""
    path = Path(path)
    _reader(path)  # reject unsupported files before hashing them
    rows = load_compact(path, RELEASE_KIND, release_data)
    return Release.from_records(path, [HcpcsRecord.from_values(values) for values in rows])


def load_noc(path: Path) -> dict[str, NocEntry]:
    """The NOC list in a CMS NOC xlsx; served from the compact cache when current."""
    rows = load_compact(Path(path), NOC_KIND, noc_data)
    return {
        code: NocEntry(code, text, parse_date(add, "ADD DT"), parse_date(term, "TERM DT"))
        for code, text, add, term in rows
    }


def release_data(path: Path) -> list[list[str]]:
    """The compact (JSON) form of a release file: canonical values per record."""
    records = _reader(path)(path)
    Release.from_records(path, records)  # never cache a release that cannot load
    return [list(record.values) for record in records]


def noc_data(path: Path) -> list[list[str]]:
    """The compact (JSON) form of a NOC file: [code, description, add, term] per entry."""
    return [
        [entry.code, entry.description, _date_text(entry.add_date), _date_text(entry.term_date)]
        for entry in read_noc(path).values()
    ]


def _reader(path: Path) -> Callable[[Path], list[HcpcsRecord]]:
    readers = {".xlsx": read_xlsx, ".txt": read_txt}
    try:
        return readers[path.suffix.lower()]
    except KeyError:
        raise DataFileError(path, "", "not a CMS release file (.xlsx or .txt)") from None


def _date_text(day: date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


# --- xlsx ------------------------------------------------------------------------------------


def read_xlsx(path: Path) -> list[HcpcsRecord]:
    """Records from the xlsx form; columns are found by header name, on whichever sheet has it."""
    path = Path(path)
    with _workbook(path) as book:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None) or ()
            positions = _release_positions(path, header)
            if positions is not None:
                return _merge(path, _xlsx_rows(rows, positions), _xlsx_locator(header, positions))
    raise DataFileError(path, "row 1", "no sheet has the HCPCS header (HCPC, RECID, ...)")


@contextmanager
def _workbook(path: Path) -> Iterator[Workbook]:
    # Imported here: openpyxl costs ~0.1 s to import, and a cached start-up never needs it.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataFileError(path, "", "file not found") from None
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise DataFileError(path, "", f"not a readable xlsx workbook ({exc})") from None
    try:
        yield book
    finally:
        book.close()


def _header_key(value: object) -> str:
    """One key for a header's spellings across years ('ADD DT', 'ADD_DT', 'add dt')."""
    key = " ".join(str(value or "").replace("_", " ").upper().split())
    return _HEADER_ALIASES.get(key, key)


def _positions(header: Sequence[object], columns: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, value in enumerate(header):
        found.setdefault(_header_key(value), position)
    return {column: found[key] for column in columns if (key := _header_key(column)) in found}


def _release_positions(path: Path, header: Sequence[object]) -> list[int] | None:
    """Cell positions of COLUMNS, or None when this row is not a release header at all."""
    positions = _positions(header, COLUMNS)
    if "HCPC" not in positions or "RECID" not in positions:
        return None
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        raise DataFileError(path, "row 1", f"header lacks columns {', '.join(missing)}")
    return [positions[column] for column in COLUMNS]


def _xlsx_rows(rows: Iterable[tuple[object, ...]], positions: list[int]) -> Iterator[RawRow]:
    for number, row in enumerate(rows, start=2):
        if all(value is None or str(value).strip() == "" for value in row):
            continue
        cells = [row[p] if p < len(row) else None for p in positions]
        yield number, list(map(_cell_text, cells, COLUMNS))


def _cell_text(value: object, column: str) -> str:
    """Text CMS meant, for cells that openpyxl hands back as numbers or datetimes."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.strftime("%Y%m%d")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value).zfill(_ZERO_PADDED.get(column, 0))
    return str(value)


def _xlsx_locator(header: Sequence[object], positions: list[int]) -> Locator:
    names = dict(zip(COLUMNS, (header[p] for p in positions), strict=True))

    def where(number: int, column: str) -> str:
        return f"row {number}, column {names[column]!r}" if column else f"row {number}"

    return where


# --- fixed-width txt -------------------------------------------------------------------------


def read_txt(path: Path) -> list[HcpcsRecord]:
    """Records from the 320-character fixed-width form (latin-1, after a free-text disclaimer)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "", "file not found") from None
    except OSError as exc:
        raise DataFileError(path, "", f"cannot read ({exc.strerror})") from None
    return _merge(path, _txt_rows(path, data), _txt_locator)


def _txt_rows(path: Path, data: bytes) -> Iterator[RawRow]:
    """Record lines; what precedes the first one is the disclaimer, anything odd after it is bad."""
    in_records = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.rstrip(b"\r").decode("latin-1")
        if not line.strip(" \t\x1a"):  # blank, or a DOS end-of-file mark
            continue
        if not _RECORD_START.match(line):
            if in_records:
                raise DataFileError(path, f"line {number}", "not a HCPCS record line")
            continue
        in_records = True
        yield number, _txt_fields(path, number, line)


def _txt_fields(path: Path, number: int, line: str) -> list[str]:
    """Split one line; a line may lack trailing blanks past its last data position.

    CMS's own 2019 file has a 316-character continuation line: a continuation's data ends at 91.
    """
    shortest = _CONTINUATION_END if line[10] in CONTINUES else _DATA_END
    if not shortest <= len(line) <= RECORD_LENGTH:
        problem = f"record line is {len(line)} characters long, not {RECORD_LENGTH}"
        raise DataFileError(path, f"line {number}", problem)
    line = line.ljust(RECORD_LENGTH)
    return [line[start:end] for _, start, end in FIXED_WIDTH]


def _txt_locator(number: int, column: str) -> str:
    if not column:
        return f"line {number}"
    _, start, end = FIXED_WIDTH[INDEX[column]]
    return f"line {number}, column {column!r} (positions {start + 1}-{end})"


# --- shared: continuation lines and validation -----------------------------------------------


def _merge(path: Path, rows: Iterable[RawRow], where: Locator) -> list[HcpcsRecord]:
    """Join continuation rows (RECID 4/8) onto their record's long description, then validate."""
    records: list[HcpcsRecord] = []
    pending: RawRow | None = None
    for number, values in rows:
        continues = CONTINUES.get(values[_RECID].strip())
        if continues is None:
            if pending is not None:
                records.append(_record(path, pending, where))
            pending = (number, values)
        elif _continues(pending, values, continues):
            pending[1][_LONG] += " " + values[_LONG]
        else:
            code = values[_HCPC].strip()
            problem = f"continuation of {code!r} does not follow a {code!r} record"
            raise DataFileError(path, where(number, ""), problem)
    if pending is None:
        raise DataFileError(path, "", "no HCPCS records found")
    records.append(_record(path, pending, where))
    return records


def _continues(pending: RawRow | None, values: list[str], recid: str) -> TypeGuard[RawRow]:
    if pending is None:
        return False
    previous = pending[1]
    return previous[_RECID].strip() == recid and previous[_HCPC].strip() == values[_HCPC].strip()


def _record(path: Path, located: RawRow, where: Locator) -> HcpcsRecord:
    number, values = located
    try:
        return HcpcsRecord.from_values(canonical_values(values))
    except FieldError as exc:
        raise DataFileError(path, where(number, exc.column), exc.problem) from None


# --- NOC list --------------------------------------------------------------------------------


def read_noc(path: Path) -> dict[str, NocEntry]:
    """The NOC list: a title, then a header row found by scanning, then one row per code."""
    path = Path(path)
    with _workbook(path) as book:
        for sheet in book.worksheets:
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            for number, row in rows:
                positions = _positions(row, _NOC_COLUMNS)
                if len(positions) == len(_NOC_COLUMNS):
                    return _noc_entries(path, rows, row, positions)
                if number >= _NOC_SCAN_ROWS:
                    break
    problem = "no header row 'HCPCS | LONG DESCRIPTION | ADD DATE | TERM DATE'"
    raise DataFileError(path, f"rows 1-{_NOC_SCAN_ROWS}", problem)


def _noc_entries(
    path: Path,
    rows: Iterable[tuple[int, tuple[object, ...]]],
    header: Sequence[object],
    positions: dict[str, int],
) -> dict[str, NocEntry]:
    """One entry per code; a dateless row repeating the previous code continues its description."""
    entries: dict[str, NocEntry] = {}
    previous: NocEntry | None = None
    for number, row in rows:
        code, text, add, term = (
            _cell_text(row[p] if p < len(row) else None, "").strip() for p in positions.values()
        )
        if not (code or text or add or term):
            continue
        if previous is not None and code == previous.code and not (add or term):
            description = " ".join(f"{previous.description} {text}".split())
            previous = replace(previous, description=description)
        else:
            previous = _noc_entry(path, number, header, positions, (code, text, add, term))
            if code in entries:
                raise DataFileError(path, f"row {number}", f"code {code!r} listed more than once")
        entries[code] = previous
    return entries


def _noc_entry(
    path: Path,
    number: int,
    header: Sequence[object],
    positions: dict[str, int],
    cells: tuple[str, str, str, str],
) -> NocEntry:
    code, text, add, term = cells
    try:
        if len(code) != 5 or not (code.isascii() and code.isalnum()):
            raise FieldError("HCPC", f"{code!r} is not a 5-character HCPCS code")
        add_date, term_date = parse_date(add, "ADD DT"), parse_date(term, "TERM DT")
    except FieldError as exc:
        column = header[positions[exc.column]]
        raise DataFileError(path, f"row {number}, column {column!r}", exc.problem) from None
    return NocEntry(code, " ".join(text.split()), add_date, term_date)
