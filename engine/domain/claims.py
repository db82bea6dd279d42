"""Claims: several lines checked together, by rules that need more than one line to decide.

Each line is validated on its own exactly as a single line would be; then every claim
rule the profile allows looks at the whole claim. A profile also overrides severities
per rule id (a payer that treats a warning as an error), for line and claim issues alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar, cast

from engine.domain.model import Issue, LineResult, Severity, Verdict, has_error
from engine.domain.parsing import parse_units as _parse_units


class Setting(StrEnum):
    """Where a claim's services were furnished, for setting-specific edits."""

    PRACTITIONER = "practitioner"
    OUTPATIENT_HOSPITAL = "outpatient_hospital"
    DME = "dme"


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One claim line: a `Line`'s fields with its number on the claim. Its date of service
    is required (a line without one is the claim issue ENGINE.MISSING_DATE_OF_SERVICE)."""

    number: int
    code: str
    modifiers: tuple[str, ...] = ()
    units: Decimal | int | str | None = None
    date_of_service: date | str | None = None
    system: str = ""
    narrative: str = ""
    """Free-text description the claim carries for the line (needed for NOC codes)."""


@dataclass(frozen=True, slots=True)
class Claim:
    lines: tuple[ClaimLine, ...]
    submission_date: date | str | None = None
    setting: str = Setting.PRACTITIONER
    """Where the service happened, for setting-specific edits: `practitioner`,
    `outpatient_hospital` or `dme`."""
    claim_id: str = ""


@dataclass(frozen=True, slots=True)
class ClaimIssue:
    """A finding about a claim; `lines` are the claim line numbers involved, the line it
    is about first."""

    rule: str
    severity: Severity
    message: str
    lines: tuple[int, ...] = ()


_AnyIssue = TypeVar("_AnyIssue", Issue, ClaimIssue)
"""A line issue or a claim issue: `Profile` overrides severities for both alike."""


@dataclass(frozen=True, slots=True)
class CheckedLine:
    """A claim line with the engine's result for it: what claim rules look at."""

    line: ClaimLine
    result: LineResult

    @property
    def number(self) -> int:
        return self.line.number

    @property
    def units(self) -> Decimal:
        """Units billed; a line without usable units bills one."""
        units = self.result_units
        return units if units is not None else Decimal(1)

    @property
    def result_units(self) -> Decimal | None:
        """The units the caller gave, parsed; None when absent or unusable."""
        units = self.line.units
        if units is None:
            return None
        parsed = _parse_units(units)
        return parsed if isinstance(parsed, Decimal) else None


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    lines: tuple[CheckedLine, ...]
    submission_date: date | None

    def by_date(self) -> dict[date, list[CheckedLine]]:
        """Lines grouped by date of service (lines without a usable date left out)."""
        grouped: dict[date, list[CheckedLine]] = {}
        for checked in self.lines:
            if checked.result.date_of_service and checked.result.code:
                grouped.setdefault(checked.result.date_of_service, []).append(checked)
        return grouped


@dataclass(frozen=True, slots=True)
class ClaimRule:
    """A check over a whole claim; `family` is what profiles switch on and off."""

    family: str
    check: Callable[[ClaimView], Iterable[ClaimIssue]]
    ids: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimResult:
    claim_id: str
    valid: bool
    lines: tuple[tuple[int, LineResult], ...]
    issues: tuple[ClaimIssue, ...]

    @property
    def verdict(self) -> Verdict:
        """Invalid when anything is; unverified when a line is and none is invalid."""
        if not self.valid:
            return Verdict.INVALID
        lines = [result.verdict for _, result in self.lines]
        return Verdict.UNVERIFIED if Verdict.UNVERIFIED in lines else Verdict.VALID


@dataclass(frozen=True)
class Profile:
    """Which claim-rule families run (None: all) and severity overrides per rule id."""

    families: frozenset[str] | None = None
    severities: Mapping[str, Severity] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    """Rule ids whose issues are left out (they then affect no verdict)."""

    def runs(self, family: str) -> bool:
        """A family runs when it, or a family it belongs to (`ncci` for `ncci.ptp`), is on."""
        if self.families is None:
            return True
        return any(in_family(family, name) for name in self.families)

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> Profile:
        families = settings.get("families")
        overrides = settings.get("severity") or {}
        if not isinstance(overrides, Mapping):
            raise ValueError(
                f"profile severity must be a table of rule id = severity, not {overrides!r}"
            )
        disabled = settings.get("disabled") or ()
        # Settings come from TOML: `families` and `disabled` are arrays of rule ids there.
        return cls(
            frozenset(str(name) for name in cast("Iterable[object]", families))
            if families is not None
            else None,
            {str(rule): Severity(str(level).lower()) for rule, level in overrides.items()},
            frozenset(str(rule) for rule in cast("Iterable[object]", disabled)),
        )

    def line_result(self, result: LineResult) -> LineResult:
        touched = self.severities.keys() | self.disabled
        if not touched or not any(i.rule in touched for i in result.issues):
            return result
        issues = tuple(
            self._issue(issue) for issue in result.issues if issue.rule not in self.disabled
        )
        return replace(result, issues=issues, valid=not has_error(issues))

    def claim_issues(self, issues: Iterable[ClaimIssue]) -> list[ClaimIssue]:
        return [self._issue(issue) for issue in issues if issue.rule not in self.disabled]

    def _issue(self, issue: _AnyIssue) -> _AnyIssue:
        severity = self.severities.get(issue.rule)
        return (
            replace(issue, severity=severity)
            if severity and severity is not issue.severity
            else issue
        )


def in_family(family: str, name: str) -> bool:
    """`ncci.ptp` is in family `ncci.ptp` and in family `ncci`."""
    return family == name or family.startswith(name + ".")


def claim_valid(lines: Iterable[LineResult], issues: Iterable[ClaimIssue]) -> bool:
    return all(result.valid for result in lines) and not has_error(issues)
