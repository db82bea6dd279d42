"""Turns raw input, as billing systems send it, into a code, modifiers and a date.

Accepted forms include `J1100`, ` j1100 `, `99213-25`, `99213 25 59`, `E0100-RT-KX` and
`99213:25`. Dots are not separators: other code sets (ICD-10-CM `E11.9`) use them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from engine.domain import rules
from engine.domain.model import Issue, Severity

MAX_INPUT_LENGTH = 64
MAX_MODIFIERS = 4
SHOWN_INPUT = 80  # characters of caller input echoed back at most
_SEPARATORS = re.compile(r"[\s\-:,]+")
_MODIFIER = re.compile(r"[A-Z0-9]{2}")
_UNITS = re.compile(r"[0-9]{1,10}(\.[0-9]{1,5})?")


def raw_problem(raw: str) -> Issue | None:
    """Why `raw` cannot be parsed at all, or None."""
    if not raw or raw.isspace():
        return Issue(rules.EMPTY_CODE, Severity.ERROR, "no code given")
    if len(raw) > MAX_INPUT_LENGTH:
        return Issue(
            rules.INPUT_TOO_LONG,
            Severity.ERROR,
            f"input is {len(raw)} characters; at most {MAX_INPUT_LENGTH} are accepted",
        )
    if raw.isascii() and raw.replace("\t", " ").isprintable():
        return None
    for position, char in enumerate(raw):
        if not char.isascii() or (not char.isprintable() and char not in " \t"):
            return Issue(
                rules.INVALID_CHARACTERS,
                Severity.ERROR,
                f"character {char!r} at position {position + 1} is not allowed in a code",
            )
    return None


def split_code(raw: str) -> tuple[str, tuple[str, ...]]:
    """The code and the modifiers written after it, upper-cased."""
    code, *modifiers = _SEPARATORS.split(raw.strip().upper())
    return code, tuple(modifier for modifier in modifiers if modifier)


def modifier_problem(modifier: str, field: str) -> Issue | None:
    if _MODIFIER.fullmatch(modifier):
        return None
    return Issue(
        rules.MALFORMED_MODIFIER,
        Severity.ERROR,
        f"modifier {modifier!r} is not two letters or digits",
        field,
    )


def parse_date(value: date | str) -> date | Issue:
    """A date from a `date` or strict ISO 8601 `YYYY-MM-DD` text; an Issue otherwise.
    One spelling only: a compact `YYYYMMDD` is refused with the ISO form it probably
    meant (tools that read CMS or X12 files convert at their edge, see `compact_date`)."""
    if isinstance(value, date):
        return value
    return _parse_text(value) if isinstance(value, str) else _not_a_date(value, "not text")


@lru_cache(maxsize=4096)  # claims repeat a few hundred dates of service
def _parse_text(value: str) -> date | Issue:
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            return _not_a_date(value, str(error))
    compact = compact_date(value)
    if compact is not None:
        return _not_a_date(value, f"write it YYYY-MM-DD: {compact.isoformat()}")
    return _not_a_date(value, "expected YYYY-MM-DD")


def compact_date(text: str) -> date | None:
    """The date a `YYYYMMDD` text (CMS files, X12 D8) spells, or None."""
    if len(text) != 8 or not (text.isascii() and text.isdigit()):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _not_a_date(value: object, problem: str) -> Issue:
    return Issue(
        rules.INVALID_DATE,
        Severity.ERROR,
        f"date of service {_echoed(value)} is not a calendar date ({problem})",
        "date_of_service",
    )


def parse_units(value: Decimal | int | str) -> Decimal | Issue:
    """A positive quantity from a number or decimal text (X12 SV1-04, FHIR quantity):
    at most 10 whole digits and 5 decimals; an Issue otherwise."""
    try:
        units = _units_text(value) if isinstance(value, str) else _units_number(value)
    except (ArithmeticError, TypeError, ValueError):
        units = None
    if units is not None and units > 0:
        return units
    return Issue(
        rules.INVALID_UNITS,
        Severity.ERROR,
        f"units {_echoed(value)} is not a positive number (at most 10 digits and 5 decimals)",
        "units",
    )


@lru_cache(maxsize=1024)
def _units_text(text: str) -> Decimal | None:
    return Decimal(text) if _UNITS.fullmatch(text) else None


def _units_number(value: object) -> Decimal | None:
    if type(value) is int:
        return Decimal(value) if value < 10**10 else None
    if isinstance(value, Decimal) and value.is_finite():
        return _units_text(str(value))
    return None


def shown_input(text: object) -> str:
    """Caller input as a result may echo it: text, cut to a short prefix when long."""
    shown = text if isinstance(text, str) else repr(text)
    return (
        shown if len(shown) <= SHOWN_INPUT else f"{shown[:SHOWN_INPUT]}… ({len(shown)} characters)"
    )


def _echoed(value: object) -> str:
    """A caller's value as a message quotes it: text cut short, anything else as Python
    shows it (cut short too)."""
    return repr(shown_input(value)) if isinstance(value, str) else shown_input(repr(value))
