"""The engine's data model: what callers send, what rules see, what callers get back.

Every result object is frozen and built from tuples, so one result can be cached and
handed to many callers without copying.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Verdict(StrEnum):
    """A line's or claim's answer: `unverified` is well-formed and error-free, but the
    code's existence could not be checked against data (a CPT code without a licensed CPT
    file, a CDT dental code)."""

    VALID = "valid"
    INVALID = "invalid"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about a line. `rule` is a stable public id such as `HCPCS.TERMINATED`.

    `unverified` marks the issue that says the code's existence could not be checked; a
    line with one (and no error) is `Verdict.UNVERIFIED`.
    """

    rule: str
    severity: Severity
    message: str
    field: str = "code"
    suggestions: tuple[str, ...] = ()
    unverified: bool = False


class PropertyType(StrEnum):
    """The type of a property's value: `code` (from a closed set the system defines,
    a `str`), `string` (free text), `integer`, `boolean` or `date`."""

    CODE = "code"
    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"


PropertyValue = str | int | bool | date


@dataclass(frozen=True, slots=True)
class PropertyDefinition:
    """One property a code system's classifications and lookups can carry."""

    code: str
    """Stable snake_case code (`betos`, `coverage`, `add_date`): a public contract."""
    type: PropertyType
    description: str


@dataclass(frozen=True, slots=True)
class Property:
    """One attribute of a code, with what its value means (FHIR `$lookup` style).

    `code` is one of the system's `property_definitions`; `value` has the Python type of
    its definition's type (`str` for code and string, `int`, `bool`, `datetime.date`).
    """

    code: str
    value: PropertyValue
    meaning: str = ""
    type: PropertyType | None = None
    """The definition's type; None infers it from `value` (text is then a code)."""

    @property
    def value_type(self) -> PropertyType:
        if self.type is not None:
            return self.type
        if isinstance(self.value, bool):
            return PropertyType.BOOLEAN
        if isinstance(self.value, int):
            return PropertyType.INTEGER
        if isinstance(self.value, date):
            return PropertyType.DATE
        return PropertyType.CODE


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
    """A `date` or `YYYY-MM-DD` text; None (or '') means today, reported as assumed."""
    units: Decimal | int | str | None = None
    """A positive quantity (`2`, `Decimal("0.5")`, `"1.5"`); None when not given."""


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
    units: Decimal | None
    """None when the caller gave none; a positive number when given (bad units never
    reach rules: the engine has already reported them)."""


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
    edition: str = ""
    """The id of the data edition that answered (`Edition.id`); '' when none did."""

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.valid, self.issues)

    @property
    def replacements(self) -> tuple[str, ...]:
        """Codes the data suggests instead (CMS cross-references of a terminated code)."""
        return tuple(code for issue in self.issues for code in issue.suggestions)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date_of_service"] = self.date_of_service.isoformat() if self.date_of_service else None
        data["verdict"] = str(self.verdict)
        data["replacements"] = list(self.replacements)
        return data


class HasSeverity(Protocol):
    @property
    def severity(self) -> Severity: ...


def has_error(issues: Iterable[HasSeverity]) -> bool:
    """Whether any issue (of a line or a claim) is an error: what makes a result invalid."""
    return any(issue.severity is Severity.ERROR for issue in issues)


def verdict_of(valid: bool, issues: Iterable[Issue]) -> Verdict:
    if not valid:
        return Verdict.INVALID
    return Verdict.UNVERIFIED if any(issue.unverified for issue in issues) else Verdict.VALID


@dataclass(frozen=True, slots=True)
class CodeLookup:
    """Everything a code system knows about one code."""

    system: str
    code: str
    display: str
    classification: Classification
    properties: tuple[Property, ...]
    edition: str = ""
    """The id of the edition that answered."""
    inactive: bool = False
    """True when the code is not in effect on the date looked up for."""
    also_in: tuple[str, ...] = ()
    """Ids of other loaded systems that also hold the code."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Edition:
    """One loaded data release, e.g. CMS's October 2025 HCPCS file.

    `id` is stable across servers and restarts (`hcpcs-2025-10`): callers pin it and
    every result names it. `effective` is the first date of service it answers.
    """

    id: str
    title: str
    effective: date | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A check a plugin contributes to one code system.

    `ids` maps every rule id the check can emit to a one-line description: the engine
    publishes them, and the test kit holds plugins to them.
    """

    system: str
    check: Callable[[ParsedLine], Iterable[Issue]]
    ids: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleDescription:
    """One rule id a result can carry: what it means, where it applies (a code system id,
    a modifier family or a claim-rule family; `engine` for the engine's own) and the
    plugin that registered it."""

    id: str
    description: str
    family: str
    plugin: str
    claim_rule: bool
