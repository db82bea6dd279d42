"""The engine's data model: what callers send, what rules see, what callers get back.

Every result object is frozen and built from tuples, so one result can be cached and
handed to many callers without copying.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about a line. `rule` is a stable public id such as `HCPCS.TERMINATED`."""

    rule: str
    severity: Severity
    message: str
    field: str = "code"
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Property:
    """One attribute of a code, with what its value means (FHIR `$lookup` style)."""

    name: str
    value: str
    meaning: str = ""


@dataclass(frozen=True, slots=True)
class Classification:
    """What kind of service a code is, as the code system itself groups it."""

    category: str
    section: str = ""
    subsection: str = ""
    properties: tuple[Property, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """One claim line as a caller sends it; `code` may hold modifiers (`99213-25`)."""

    code: str
    system: str = ""
    modifiers: tuple[str, ...] = ()
    date_of_service: date | str | None = None
    units: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedLine:
    """A line after parsing and routing: what rules check.

    `date_of_service` is None only when the caller's date was unusable; rules then skip
    date checks (the engine has already reported the date).
    """

    code: str
    system: str
    modifiers: tuple[str, ...]
    date_of_service: date | None
    units: int | None


@dataclass(frozen=True, slots=True)
class LineResult:
    input: str
    code: str
    system: str
    valid: bool
    issues: tuple[Issue, ...]
    classification: Classification | None
    modifiers: tuple[str, ...] = ()
    date_of_service: date | None = None
    display: str = ""

    @property
    def replacements(self) -> tuple[str, ...]:
        """Codes the data suggests instead (CMS cross-references of a terminated code)."""
        return tuple(code for issue in self.issues for code in issue.suggestions)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date_of_service"] = self.date_of_service.isoformat() if self.date_of_service else None
        data["replacements"] = list(self.replacements)
        return data


@dataclass(frozen=True, slots=True)
class CodeLookup:
    """Everything a code system knows about one code."""

    system: str
    code: str
    display: str
    classification: Classification
    properties: tuple[Property, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Edition:
    """One loaded data release, e.g. CMS's October 2025 HCPCS file."""

    name: str
    effective: date | None
    source: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A check a plugin contributes to one code system.

    `ids` maps every rule id the check can emit to a one-line description: the engine
    publishes them, and the test kit holds plugins to them.
    """

    system: str
    check: Callable[[ParsedLine], Iterable[Issue]]
    ids: Mapping[str, str] = field(default_factory=dict)
