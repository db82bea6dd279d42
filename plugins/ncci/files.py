"""What the three NCCI tables share: file form, header search, dates, codes and settings.

CMS publishes each table as `.txt` (tab-separated) and `.csv` (comma-separated, fields
quoted where needed), latin-1, with CRLF lines and free text (an AMA copyright notice, a
title, blank lines) before the header row. The preamble's length differs between tables and
releases, so the header row is found by what it says, never by its line number.

Dates: an edit applies on a date of service D when effective <= D and (there is no deletion
date or D <= deletion date). The deletion date is the last day the edit applies, as with the
HCPCS TERM DT. Internally dates are `date.toordinal()` numbers, NO_DATE (0) meaning none.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Literal, Protocol, TypedDict

from engine.plugin_api import DataFileError

SETTINGS = ("practitioner", "outpatient_hospital", "dme")
NO_DATE = 0
CODE_LENGTH = 5
UTF8_BOM = b"\xef\xbb\xbf"


class CsvRows(Protocol):
    """A csv reader: rows of cells, and the physical line the last row ended on."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def check_setting(setting: str) -> str:
    if setting not in SETTINGS:
        raise ValueError(f"unknown NCCI setting {setting!r}: expected one of {SETTINGS}")
    return setting


def normalize(cell: str) -> str:
    """A header cell cut to lower-case letters and digits: `HCPCS/CPT Code` -> `hcpcscptcode`."""
    return "".join(char for char in cell.lower() if char.isalnum())


def is_code(text: str) -> bool:
    """A HCPCS/CPT code as the NCCI tables write it: five upper-case letters or digits."""
    return len(text) == CODE_LENGTH and text.isascii() and text.isalnum() and text == text.upper()


def parse_ymd(text: str) -> int | None:
    """The ordinal of a YYYYMMDD date, or None if `text` is not one."""
    if len(text) != 8 or not (text.isascii() and text.isdigit()):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:])).toordinal()
    except ValueError:
        return None


def parse_ydd(text: str) -> int | None:
    """The ordinal of a YYYYDDD (year, day of year) date, or None if `text` is not one."""
    if len(text) != 7 or not (text.isascii() and text.isdigit()):
        return None
    year, day = int(text[:4]), int(text[4:])
    try:
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
    except ValueError:
        return None
    ordinal = first + day - 1
    return ordinal if day >= 1 and ordinal <= last else None


class _Dialect(TypedDict, total=False):
    """The `csv.reader` format parameters a table file is read with."""

    delimiter: str
    quoting: Literal[0, 1, 2, 3]  # csv.QUOTE_MINIMAL, _ALL, _NONNUMERIC, _NONE


@contextmanager
def table_rows(path: Path) -> Iterator[CsvRows]:
    """A csv reader over one table file; its `line_num` is the 1-based physical line.

    `.txt` files are read tab-separated with no quoting (a `"` is text there); `.csv` files
    comma-separated with `"` quoting, so a quoted cell may hold commas or line breaks.
    CMS writes latin-1; a file starting with a UTF-8 byte order mark (a spreadsheet saved as
    "CSV UTF-8") is read as UTF-8.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        dialect: _Dialect = {"delimiter": ","}
    elif suffix in (".txt", ".tsv"):
        dialect = {"delimiter": "\t", "quoting": csv.QUOTE_NONE}
    else:
        raise DataFileError(path, "", "expected a .txt (tab-separated) or .csv file")
    try:
        with path.open("rb") as raw:
            encoding = "utf-8-sig" if raw.read(3) == UTF8_BOM else "latin-1"
        stream = path.open(encoding=encoding, newline="")
    except OSError as error:
        raise DataFileError(path, "", f"cannot read: {error.strerror}") from None
    with stream:
        reader = csv.reader(stream, **dialect)
        try:
            yield reader
        except csv.Error as error:
            raise DataFileError(path, f"line {reader.line_num}", str(error)) from None
        except UnicodeDecodeError:
            where = f"after line {reader.line_num}"
            raise DataFileError(path, where, "not UTF-8, though it starts like it") from None


def find_header(
    rows: CsvRows,
    path: Path,
    is_header: Callable[[list[str]], bool],
    expected: str,
) -> list[str]:
    """The first row `is_header` accepts; the rows before it are the free-text preamble."""
    for row in rows:
        if row and is_header(row):
            return row
    raise DataFileError(path, "", f"no header row: expected {expected}")


def is_blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def fit(row: list[str], width: int, path: Path, line: int) -> list[str]:
    """`row` cut to `width` cells if the cells past it are empty; else a DataFileError."""
    if len(row) > width and is_blank(row[width:]):
        return row[:width]
    raise DataFileError(path, f"line {line}", f"{len(row)} columns; the header has {width}")
