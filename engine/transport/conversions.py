"""Conversions between the engine's model and the `codeset.v1` protobuf messages: the one
place that knows both, used by the service, the client, the CLI's JSON and the tests.
(The fast path writes the same `LineResult` bytes by hand; a test holds the two equal.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from engine.domain.claims import Claim, ClaimLine, ClaimResult, Setting
from engine.domain.contract import CodeSystem
from engine.domain.model import (
    Classification,
    CodeLookup,
    Edition,
    Issue,
    Line,
    LineResult,
    Property,
    PropertyDefinition,
    PropertyType,
    Severity,
    Verdict,
)
from engine.transport.api.codeset.v1 import codeset_pb2 as pb

SEVERITIES = {
    Severity.ERROR: pb.SEVERITY_ERROR,
    Severity.WARNING: pb.SEVERITY_WARNING,
    Severity.INFO: pb.SEVERITY_INFO,
}
SEVERITY_NAMES = {number: severity for severity, number in SEVERITIES.items()}
VERDICTS = {
    Verdict.VALID: pb.VERDICT_VALID,
    Verdict.INVALID: pb.VERDICT_INVALID,
    Verdict.UNVERIFIED: pb.VERDICT_UNVERIFIED,
}
SETTINGS = {
    pb.SETTING_UNSPECIFIED: Setting.PRACTITIONER,
    pb.SETTING_PRACTITIONER: Setting.PRACTITIONER,
    pb.SETTING_OUTPATIENT_HOSPITAL: Setting.OUTPATIENT_HOSPITAL,
    pb.SETTING_DME: Setting.DME,
}
PROPERTY_TYPES = {
    PropertyType.CODE: pb.PROPERTY_TYPE_CODE,
    PropertyType.STRING: pb.PROPERTY_TYPE_STRING,
    PropertyType.INTEGER: pb.PROPERTY_TYPE_INTEGER,
    PropertyType.BOOLEAN: pb.PROPERTY_TYPE_BOOLEAN,
    PropertyType.DATE: pb.PROPERTY_TYPE_DATE,
}
VALUE_FIELDS = {
    PropertyType.CODE: "value_code",
    PropertyType.STRING: "value_string",
    PropertyType.INTEGER: "value_integer",
    PropertyType.BOOLEAN: "value_boolean",
    PropertyType.DATE: "value_date",
}
# Whether each `ResultView` sends the descriptor and property meanings.
FULL_VIEWS = {
    pb.RESULT_VIEW_UNSPECIFIED: False,
    pb.RESULT_VIEW_BASIC: False,
    pb.RESULT_VIEW_FULL: True,
}


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def text_of(value: date | str | Decimal | int | None) -> str:
    """A date or quantity in its one wire spelling ('' when absent)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def line_message(line: Line | str, correlation_id: str = "") -> pb.Line:
    if isinstance(line, str):
        return pb.Line(code=line, correlation_id=correlation_id)
    return pb.Line(
        code=line.code,
        system=line.system,
        modifiers=line.modifiers,
        date_of_service=text_of(line.date_of_service),
        units=text_of(line.units),
        correlation_id=correlation_id,
    )


def line_from_message(message: pb.Line) -> Line:
    """The engine's line for a wire line: '' dates and units mean not given."""
    return Line(
        message.code,
        message.system,
        tuple(message.modifiers),
        message.date_of_service or None,
        message.units or None,
    )


def issue_message(issue: Issue) -> pb.Issue:
    return pb.Issue(
        rule=issue.rule,
        severity=SEVERITIES[issue.severity],
        message=issue.message,
        field=issue.field,
        suggestions=issue.suggestions,
    )


def result_message(result: LineResult, correlation_id: str = "", *, full: bool) -> pb.LineResult:
    """`full` adds the descriptor and property meanings (RESULT_VIEW_FULL)."""
    return pb.LineResult(
        correlation_id=correlation_id,
        input=result.input,
        code=result.code,
        system=result.system,
        verdict=VERDICTS[result.verdict],
        issues=[issue_message(issue) for issue in result.issues],
        classification=classification_message(result.classification, full=full),
        modifiers=result.modifiers,
        date_of_service=iso(result.date_of_service),
        display=result.display if full else "",
        edition=result.edition,
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


def property_message(item: Property, *, full: bool) -> pb.Property:
    """The value goes in the oneof member of its type."""
    message = pb.Property(code=item.code, meaning=item.meaning if full else "")
    setattr(
        message,
        VALUE_FIELDS[item.value_type],
        text_of(item.value) if isinstance(item.value, date) else item.value,
    )
    return message


def properties_message(properties: Iterable[Property], *, full: bool) -> list[pb.Property]:
    return [property_message(item, full=full) for item in properties]


def lookup_message(found: CodeLookup, *, full: bool = True) -> pb.LookupResponse:
    return pb.LookupResponse(
        system=found.system,
        code=found.code,
        display=found.display,
        classification=classification_message(found.classification, full=full),
        properties=properties_message(found.properties, full=full),
        edition=found.edition,
        inactive=found.inactive,
        also_in=found.also_in,
    )


def edition_message(edition: Edition) -> pb.Edition:
    return pb.Edition(id=edition.id, title=edition.title, effective=iso(edition.effective))


def property_definition_message(definition: PropertyDefinition) -> pb.PropertyDefinition:
    return pb.PropertyDefinition(
        code=definition.code,
        type=PROPERTY_TYPES[definition.type],
        description=definition.description,
    )


def code_system_message(system: CodeSystem) -> pb.CodeSystem:
    return pb.CodeSystem(
        id=system.id,
        uri=system.uri,
        name=system.name,
        code_format=system.code_format,
        editions=[edition_message(edition) for edition in system.editions],
        property_definitions=[
            property_definition_message(definition)
            for definition in getattr(system, "property_definitions", ())
        ],
    )


def claim_from_message(message: pb.Claim) -> Claim:
    """An unknown setting number stays visible as text, for ENGINE.UNKNOWN_SETTING."""
    return Claim(
        tuple(
            ClaimLine(
                item.line_number,
                item.line.code,
                tuple(item.line.modifiers),
                item.line.units or None,
                item.line.date_of_service or None,
                item.line.system,
                item.narrative,
            )
            for item in message.lines
        ),
        message.submission_date or None,
        SETTINGS.get(message.setting, f"setting number {message.setting}"),
        message.claim_id,
    )


def claim_message(claim: Claim) -> pb.Claim:
    settings = {setting: number for number, setting in SETTINGS.items() if number}
    return pb.Claim(
        claim_id=claim.claim_id,
        lines=[
            pb.ClaimLine(
                line_number=line.number,
                line=line_message(
                    Line(line.code, line.system, line.modifiers, line.date_of_service, line.units)
                ),
                narrative=line.narrative,
            )
            for line in claim.lines
        ],
        submission_date=text_of(claim.submission_date),
        setting=settings.get(Setting(claim.setting), pb.SETTING_UNSPECIFIED),
    )


def claim_result_message(result: ClaimResult, *, full: bool) -> pb.ClaimResult:
    return pb.ClaimResult(
        claim_id=result.claim_id,
        verdict=VERDICTS[result.verdict],
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


def json_of(found: LineResult | CodeLookup | CodeSystem) -> dict[str, object]:
    """A result, lookup or code system as the proto3 JSON mapping of its message (what
    `buf curl` and every generic JSON client show), for the CLI's JSON output."""
    from google.protobuf import json_format
    from google.protobuf.message import Message

    message: Message
    if isinstance(found, LineResult):
        message = result_message(found, full=True)
    elif isinstance(found, CodeLookup):
        message = lookup_message(found)
    else:
        message = code_system_message(found)
    converted: dict[str, object] = json_format.MessageToDict(message)
    return converted
