"""Conversions between the engine's model and the `codeset.v1` protobuf messages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from engine.domain.claims import Claim, ClaimLine, ClaimResult, Profile
from engine.domain.contract import CodeSystem
from engine.domain.model import Classification, CodeLookup, Line, LineResult, Property, Severity
from engine.transport.api.codeset.v1 import codeset_pb2 as pb

SEVERITIES = {
    Severity.ERROR: pb.SEVERITY_ERROR,
    Severity.WARNING: pb.SEVERITY_WARNING,
    Severity.INFO: pb.SEVERITY_INFO,
}
SEVERITY_NAMES = {number: severity for severity, number in SEVERITIES.items()}
# Whether each `ResultView` sends the descriptor and property meanings.
FULL_VIEWS = {
    pb.RESULT_VIEW_UNSPECIFIED: False,
    pb.RESULT_VIEW_BASIC: False,
    pb.RESULT_VIEW_FULL: True,
}


def line_message(line: Line | str, correlation_id: str = "") -> pb.Line:
    if isinstance(line, str):
        return pb.Line(code=line, correlation_id=correlation_id)
    day = line.date_of_service
    return pb.Line(
        code=line.code,
        system=line.system,
        modifiers=line.modifiers,
        date_of_service=day.isoformat() if isinstance(day, date) else (day or ""),
        units=line.units,
        correlation_id=correlation_id,
    )


def result_message(result: LineResult, correlation_id: str = "", *, full: bool) -> pb.LineResult:
    """`full` adds the descriptor and property meanings (RESULT_VIEW_FULL)."""
    return pb.LineResult(
        correlation_id=correlation_id,
        input=result.input,
        code=result.code,
        system=result.system,
        valid=result.valid,
        issues=[
            pb.Issue(
                rule=issue.rule,
                severity=SEVERITIES[issue.severity],
                message=issue.message,
                field=issue.field,
                suggestions=issue.suggestions,
            )
            for issue in result.issues
        ],
        classification=classification_message(result.classification, full=full),
        modifiers=result.modifiers,
        date_of_service=result.date_of_service.isoformat() if result.date_of_service else "",
        display=result.display if full else "",
    )


def classification_message(
    classification: Classification | None, *, full: bool
) -> pb.Classification | None:
    if classification is None:
        return None
    return pb.Classification(
        category=classification.category,
        section=classification.section,
        subsection=classification.subsection,
        properties=properties_message(classification.properties, full=full),
    )


def properties_message(properties: Iterable[Property], *, full: bool) -> list[pb.Property]:
    return [
        pb.Property(name=p.name, value=p.value, meaning=p.meaning if full else "")
        for p in properties
    ]


def lookup_message(found: CodeLookup) -> pb.LookupResponse:
    return pb.LookupResponse(
        system=found.system,
        code=found.code,
        display=found.display,
        classification=classification_message(found.classification, full=True),
        properties=properties_message(found.properties, full=True),
    )


def code_system_message(system: CodeSystem) -> pb.CodeSystem:
    return pb.CodeSystem(
        id=system.id,
        uri=system.uri,
        name=system.name,
        code_format=system.code_format,
        editions=[
            pb.Edition(
                name=edition.name,
                effective=edition.effective.isoformat() if edition.effective else "",
                source=edition.source,
            )
            for edition in system.editions
        ],
    )


def claim_from_message(message: pb.Claim) -> Claim:
    return Claim(
        tuple(
            ClaimLine(
                line.line_number,
                line.code,
                tuple(line.modifiers),
                line.units if line.HasField("units") else None,
                line.date_of_service or None,
                line.system,
                line.narrative,
            )
            for line in message.lines
        ),
        message.submission_date or None,
        message.setting or "practitioner",
        message.claim_id,
    )


def profile_from_message(message: pb.RuleProfile, base: Profile) -> Profile:
    """The named profile with the request's families and severity overrides on top."""
    families = frozenset(message.families) if message.families else base.families
    overrides = {rule: SEVERITY_NAMES[level] for rule, level in message.severity_overrides.items()}
    return Profile(families, {**base.severities, **overrides})


def claim_result_message(result: ClaimResult, *, full: bool) -> pb.ClaimResult:
    return pb.ClaimResult(
        claim_id=result.claim_id,
        valid=result.valid,
        lines=[
            pb.ClaimLineResult(line_number=number, result=result_message(line, full=full))
            for number, line in result.lines
        ],
        issues=[
            pb.ClaimIssue(
                rule=issue.rule,
                severity=SEVERITIES[issue.severity],
                message=issue.message,
                line_numbers=issue.lines,
            )
            for issue in result.issues
        ],
    )
