"""Turns raw input, as billing systems send it, into a code, modifiers and a date.

Accepted forms include `J1100`, ` j1100 `, `99213-25`, `99213 25 59`, `E0100-RT-KX` and
`99213:25`. Dots are not separators: other code sets (ICD-10-CM `E11.9`) use them.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from engine.domain import rules
from engine.domain.model import Issue, Severity

MAX_INPUT_LENGTH = 64
MAX_MODIFIERS = 4
_SEPARATORS = re.compile(r"[\s\-:,]+")
_MODIFIER = re.compile(r"[A-Z0-9]{2}")


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
    """A date of service from a `date`, `YYYY-MM-DD` or `YYYYMMDD`; an Issue if impossible."""
    if isinstance(value, date):
        return value
    return _parse_text(value) if isinstance(value, str) else _parse_text_uncached(value)


@lru_cache(maxsize=4096)  # claims repeat a few hundred dates of service
def _parse_text(value: str) -> date | Issue:
    return _parse_text_uncached(value)


def _parse_text_uncached(value: object) -> date | Issue:
    text = value.strip() if isinstance(value, str) else ""
    try:
        if len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return date.fromisoformat(text)
        problem = "expected YYYY-MM-DD or YYYYMMDD"
    except ValueError as error:
        problem = str(error)
    return Issue(
        rules.INVALID_DATE,
        Severity.ERROR,
        f"date of service {value!r} is not a calendar date ({problem})",
        "date_of_service",
    )
