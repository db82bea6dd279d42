"""The shape of an ICD-10-CM code, checked without the code list: `recognise` runs per line.

A category is a letter and two more characters: a digit and a digit or letter (`E11`,
`C4A`), or, since the April 2026 update's `QA0`, a letter and a digit. A subcategory adds a
dot and one to four letters or digits (`E11.9`, `S72.001A`). Billing systems often drop
the dot (`E119`); the code list writes it, so the normalised form has it.
"""

from __future__ import annotations

import re

CODE_FORMAT = (
    "a letter and two letters or digits (E11, C4A, QA0), then optionally a dot and one to "
    "four letters or digits (E11.9, S72.001A); the dot may be left out"
)

_SHAPE = re.compile(r"([A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9]))\.?([0-9A-Z]{1,4})?")


def normalise(code: str) -> str | None:
    """The dotted form of `code` (stripped, upper-case) if it has an ICD-10-CM shape."""
    match = _SHAPE.fullmatch(code)
    if match is None:
        return None
    category, rest = match.groups()
    if rest is None:
        return None if code.endswith(".") else category
    return f"{category}.{rest}"


def undotted(code: str) -> str:
    return code.replace(".", "")
