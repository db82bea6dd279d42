"""The table-free claim checks, one function a family."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from engine.plugin_api import ClaimIssue, ClaimView, Severity

DUPLICATE_LINE = "CLAIM.DUPLICATE_LINE"
CONTRADICTORY_MODIFIERS = "CLAIM.CONTRADICTORY_MODIFIERS"
UNITS_IMPLAUSIBLE = "CLAIM.UNITS_IMPLAUSIBLE"
NOC_WITHOUT_NARRATIVE = "CLAIM.NOC_WITHOUT_NARRATIVE"
DOS_AFTER_SUBMISSION = "CLAIM.DOS_AFTER_SUBMISSION"

DUPLICATE_RULES = {DUPLICATE_LINE: "Two lines bill the same code, modifiers, units and date."}
MODIFIER_RULES = {
    CONTRADICTORY_MODIFIERS: "One line carries contradicting modifiers (LT+RT, 50+LT/RT)."
}
UNITS_RULES = {UNITS_IMPLAUSIBLE: "Units above 9,999 on one line."}
NOC_RULES = {NOC_WITHOUT_NARRATIVE: "A not-otherwise-classified code without a narrative."}
DATE_RULES = {DOS_AFTER_SUBMISSION: "A date of service after the claim's submission date."}

MAX_PLAUSIBLE_UNITS = 9_999
CONTRADICTIONS = (
    (frozenset({"LT", "RT"}), "left and right"),
    (frozenset({"50", "LT"}), "bilateral and left"),
    (frozenset({"50", "RT"}), "bilateral and right"),
)
NOC_LINE_RULE = "HCPCS.NOC_NARRATIVE_REQUIRED"


def units_text(units: Decimal, grouping: str = "") -> str:
    """Units as a biller writes them (`3`, `2.5`, `10,000` with grouping `,`), never
    `3.00000` or `1E+1`."""
    return format(units.normalize(), f"{grouping}f")


def duplicate_lines(view: ClaimView) -> Iterator[ClaimIssue]:
    seen: dict[tuple[str, tuple[str, ...], Decimal, date | None], list[int]] = defaultdict(list)
    for checked in view.lines:
        result = checked.result
        if result.code:
            key = (
                result.code,
                tuple(sorted(result.modifiers)),
                checked.units,
                result.date_of_service,
            )
            seen[key].append(checked.number)
    for (code, _, units, day), numbers in seen.items():
        if len(numbers) > 1:
            lines = ", ".join(map(str, numbers))
            yield ClaimIssue(
                DUPLICATE_LINE,
                Severity.WARNING,
                f"lines {lines} are identical: {code}, {units_text(units)} unit(s), same "
                f"modifiers, on {day}",
                tuple(numbers),
            )


def contradictory_modifiers(view: ClaimView) -> Iterator[ClaimIssue]:
    for checked in view.lines:
        modifiers = set(checked.result.modifiers)
        for pair, meaning in CONTRADICTIONS:
            if pair <= modifiers:
                yield ClaimIssue(
                    CONTRADICTORY_MODIFIERS,
                    Severity.ERROR,
                    f"line {checked.number} has modifiers {' and '.join(sorted(pair))}: "
                    f"{meaning} on one line contradict each other",
                    (checked.number,),
                )


def implausible_units(view: ClaimView) -> Iterator[ClaimIssue]:
    for checked in view.lines:
        if checked.units > MAX_PLAUSIBLE_UNITS:
            yield ClaimIssue(
                UNITS_IMPLAUSIBLE,
                Severity.WARNING,
                f"line {checked.number} bills {units_text(checked.units, ',')} units; more than "
                f"{MAX_PLAUSIBLE_UNITS:,} on one line is implausible",
                (checked.number,),
            )


def noc_without_narrative(view: ClaimView) -> Iterator[ClaimIssue]:
    for checked in view.lines:
        needs = any(issue.rule == NOC_LINE_RULE for issue in checked.result.issues)
        if needs and not checked.line.narrative.strip():
            yield ClaimIssue(
                NOC_WITHOUT_NARRATIVE,
                Severity.ERROR,
                f"line {checked.number}: {checked.result.code} is a not-otherwise-classified "
                "code and the line has no narrative describing the item or service",
                (checked.number,),
            )


def after_submission(view: ClaimView) -> Iterator[ClaimIssue]:
    submitted = view.submission_date
    if submitted is None:
        return
    for checked in view.lines:
        day = checked.result.date_of_service
        if day and day > submitted:
            yield ClaimIssue(
                DOS_AFTER_SUBMISSION,
                Severity.ERROR,
                f"line {checked.number}: date of service {day.isoformat()} is after the "
                f"claim's submission date {submitted.isoformat()}",
                (checked.number,),
            )
