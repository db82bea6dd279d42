"""One HCPCS Level II record in a form that both CMS file layouts (xlsx and fixed-width) agree on.

Canonical value forms (so that the two layouts of one release compare equal):
- every value is a stripped ``str``, ``''`` when empty; dates are ``YYYYMMDD`` text;
- ``HCPC`` is the bare code: 5 characters for a procedure, 2 for a modifier;
- ``SEQNUM`` uses the record layout's 5-digit form (``'00100'``); the xlsx's 4-digit
  ``'0010'`` gets its dropped trailing zero back;
- ``LONG DESCRIPTION`` is whitespace-collapsed, continuation lines already joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engine.plugin_api import DataFileError

COLUMNS: tuple[str, ...] = (
    "HCPC", "SEQNUM", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION",
    "PRICE1", "PRICE2", "PRICE3", "PRICE4", "MULT_PI",
    "CIM1", "CIM2", "CIM3", "MCM1", "MCM2", "MCM3", "STATUTE",
    "LABCERT1", "LABCERT2", "LABCERT3", "LABCERT4",
    "LABCERT5", "LABCERT6", "LABCERT7", "LABCERT8",
    "XREF1", "XREF2", "XREF3", "XREF4", "XREF5",
    "COV", "ASC_GRP", "ASC_DT", "OPPS", "OPPS_PI", "OPPS_DT", "PROCNOTE", "BETOS",
    "TOS1", "TOS2", "TOS3", "TOS4", "TOS5", "ANEST_BU",
    "ADD DT", "ACT EFF DT", "TERM DT", "ACTION CD",
)  # fmt: skip

RECORD_LENGTH = 320

# (column, start, end): 0-based slice bounds in the 320-character contractor record.
# Position 260 and 294-320 are filler.
FIXED_WIDTH: tuple[tuple[str, int, int], ...] = (
    ("HCPC", 0, 5), ("SEQNUM", 5, 10), ("RECID", 10, 11),
    ("LONG DESCRIPTION", 11, 91), ("SHORT DESCRIPTION", 91, 119),
    ("PRICE1", 119, 121), ("PRICE2", 121, 123), ("PRICE3", 123, 125), ("PRICE4", 125, 127),
    ("MULT_PI", 127, 128),
    ("CIM1", 128, 134), ("CIM2", 134, 140), ("CIM3", 140, 146),
    ("MCM1", 146, 154), ("MCM2", 154, 162), ("MCM3", 162, 170),
    ("STATUTE", 170, 180),
    ("LABCERT1", 180, 183), ("LABCERT2", 183, 186), ("LABCERT3", 186, 189),
    ("LABCERT4", 189, 192), ("LABCERT5", 192, 195), ("LABCERT6", 195, 198),
    ("LABCERT7", 198, 201), ("LABCERT8", 201, 204),
    ("XREF1", 204, 209), ("XREF2", 209, 214), ("XREF3", 214, 219),
    ("XREF4", 219, 224), ("XREF5", 224, 229),
    ("COV", 229, 230), ("ASC_GRP", 230, 232), ("ASC_DT", 232, 240),
    ("OPPS", 240, 243), ("OPPS_PI", 243, 244), ("OPPS_DT", 244, 252),
    ("PROCNOTE", 252, 256), ("BETOS", 256, 259),
    ("TOS1", 260, 261), ("TOS2", 261, 262), ("TOS3", 262, 263),
    ("TOS4", 263, 264), ("TOS5", 264, 265),
    ("ANEST_BU", 265, 268),
    ("ADD DT", 268, 276), ("ACT EFF DT", 276, 284), ("TERM DT", 284, 292),
    ("ACTION CD", 292, 293),
)  # fmt: skip

INDEX: dict[str, int] = {name: i for i, name in enumerate(COLUMNS)}

PROCEDURE_RECID = "3"
MODIFIER_RECID = "7"
# A continuation line's RECID -> the RECID of the record it continues.
CONTINUES: dict[str, str] = {"4": PROCEDURE_RECID, "8": MODIFIER_RECID}
_CODE_LENGTH = {PROCEDURE_RECID: 5, MODIFIER_RECID: 2}

_HCPC = INDEX["HCPC"]
_SEQNUM = INDEX["SEQNUM"]
_RECID = INDEX["RECID"]
_LONG = INDEX["LONG DESCRIPTION"]
_ADD = INDEX["ADD DT"]
_ACT = INDEX["ACT EFF DT"]
_TERM = INDEX["TERM DT"]
# Columns the layout types NUM beyond codes: YYYYMMDD dates and a whole number. They are
# checked at load so that every typed property a lookup shows can be parsed.
DATE_COLUMNS = ("ASC_DT", "OPPS_DT", "ADD DT", "ACT EFF DT", "TERM DT")
INTEGER_COLUMNS = ("ANEST_BU",)
_OTHER_DATES = tuple((column, INDEX[column]) for column in ("ASC_DT", "OPPS_DT"))
_INTEGERS = tuple((column, INDEX[column]) for column in INTEGER_COLUMNS)


class FieldError(ValueError):
    """A value that breaks the record layout; readers turn it into a located DataFileError."""

    def __init__(self, column: str, problem: str) -> None:
        self.column = column
        self.problem = problem
        super().__init__(f"{column}: {problem}")


def parse_date(text: str, column: str) -> date | None:
    """Parse CMS ``YYYYMMDD`` text; '' means no date."""
    if not text:
        return None
    if len(text) != 8 or not text.isdigit():
        raise FieldError(column, f"{text!r} is not a YYYYMMDD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(column, f"{text!r} is not a valid calendar date") from None


def canonical_values(raw: Sequence[str]) -> tuple[str, ...]:
    """Bring raw values from either layout to the canonical forms in the module docstring."""
    values = [text.strip() for text in raw]
    seqnum = values[_SEQNUM]
    if len(seqnum) == 4 and seqnum.isdigit():
        values[_SEQNUM] = seqnum + "0"
    values[_LONG] = " ".join(values[_LONG].split())
    return tuple(values)


@dataclass(frozen=True, slots=True)
class HcpcsRecord:
    """A procedure code or modifier; dates are parsed once as validation reads them per line."""

    code: str
    is_modifier: bool
    values: tuple[str, ...]
    add_date: date | None
    act_eff_date: date | None
    term_date: date | None

    @classmethod
    def from_values(cls, values: Sequence[str]) -> HcpcsRecord:
        """Build from canonical values (see ``canonical_values``); raises FieldError."""
        values = tuple(values)
        if len(values) != len(COLUMNS):
            raise FieldError("", f"expected {len(COLUMNS)} values, got {len(values)}")
        recid, code = values[_RECID], values[_HCPC]
        if recid not in _CODE_LENGTH:
            raise FieldError("RECID", f"{recid!r} is not 3 (procedure) or 7 (modifier)")
        if len(code) != _CODE_LENGTH[recid] or not (code.isascii() and code.isalnum()):
            raise FieldError("HCPC", f"{code!r} is not a valid code for RECID {recid}")
        for column, at in _OTHER_DATES:
            parse_date(values[at], column)
        for column, at in _INTEGERS:
            if values[at] and not (values[at].isascii() and values[at].isdigit()):
                raise FieldError(column, f"{values[at]!r} is not a whole number")
        return cls(
            code,
            recid == MODIFIER_RECID,
            values,
            parse_date(values[_ADD], "ADD DT"),
            parse_date(values[_ACT], "ACT EFF DT"),
            parse_date(values[_TERM], "TERM DT"),
        )

    def value(self, column: str) -> str:
        """The canonical text of one CMS column, by its xlsx header name."""
        return self.values[INDEX[column]]


@dataclass(frozen=True)
class Release:
    """One CMS release; ``effective`` comes from the data because file names are not reliable."""

    name: str
    source: Path
    effective: date
    codes: dict[str, HcpcsRecord]
    modifiers: dict[str, HcpcsRecord]

    @classmethod
    def from_records(cls, source: Path, records: Iterable[HcpcsRecord]) -> Release:
        """Index records by code; a release must date itself and list each code once."""
        codes: dict[str, HcpcsRecord] = {}
        modifiers: dict[str, HcpcsRecord] = {}
        latest: date | None = None
        for record in records:
            table = modifiers if record.is_modifier else codes
            if record.code in table:
                raise DataFileError(source, f"code {record.code}", "listed more than once")
            table[record.code] = record
            for day in (record.add_date, record.act_eff_date):
                if day is not None and (latest is None or day > latest):
                    latest = day
        if latest is None:
            raise DataFileError(source, "", "no ADD DT or ACT EFF DT: cannot date the release")
        return cls(source.stem, source, latest, codes, modifiers)
