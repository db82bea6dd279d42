"""HCPCS Level II as a code system: CMS's own file decides existence, dates and coverage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache

from engine.plugin_api import (
    Classification,
    CodeLookup,
    Issue,
    ParsedLine,
    Property,
    PropertyDefinition,
    Severity,
    effective_date_issue,
)
from plugins.hcpcs import tables
from plugins.hcpcs.dataset import HcpcsData
from plugins.hcpcs.properties import (
    NOC_PROPERTY,
    PROPERTY_DEFINITIONS,
    column_property,
    payer_context,
)
from plugins.hcpcs.records import COLUMNS, HcpcsRecord

ALPHABET = frozenset(tables.SECTIONS)
CATEGORY = "HCPCS Level II"

UNKNOWN_CODE = "HCPCS.UNKNOWN_CODE"
NOT_YET_EFFECTIVE = "HCPCS.NOT_YET_EFFECTIVE"
TERMINATED = "HCPCS.TERMINATED"
CDT_EXISTENCE_UNVERIFIED = "HCPCS.CDT_EXISTENCE_UNVERIFIED"
NOC_NARRATIVE_REQUIRED = "HCPCS.NOC_NARRATIVE_REQUIRED"
COVERAGE_RULES = {
    "I": "HCPCS.COVERAGE_NOT_PAYABLE",
    "M": "HCPCS.COVERAGE_NOT_COVERED",
    "S": "HCPCS.COVERAGE_STATUTORY_EXCLUSION",
    "D": "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS",
    "C": "HCPCS.COVERAGE_CARRIER_JUDGEMENT",
}
UNKNOWN_MODIFIER = "HCPCS.UNKNOWN_MODIFIER"
MODIFIER_NOT_YET_EFFECTIVE = "HCPCS.MODIFIER_NOT_YET_EFFECTIVE"
MODIFIER_TERMINATED = "HCPCS.MODIFIER_TERMINATED"

CODE_RULES = {
    UNKNOWN_CODE: "The code is not in any loaded CMS HCPCS release.",
    NOT_YET_EFFECTIVE: "The date of service is before the code's ADD DT.",
    TERMINATED: "The date of service is after the code's TERM DT (its last valid date).",
    CDT_EXISTENCE_UNVERIFIED: "A D code: ADA's CDT dental codes are not in CMS's file.",
    NOC_NARRATIVE_REQUIRED: "A not-otherwise-classified code: the claim needs a narrative.",
    **{
        rule: f"Medicare coverage code {cov}: {tables.COVERAGE_CODES[cov]}"
        for cov, rule in COVERAGE_RULES.items()
    },
}
MODIFIER_RULES = {
    UNKNOWN_MODIFIER: "The modifier is not in any loaded CMS HCPCS release.",
    MODIFIER_NOT_YET_EFFECTIVE: "The date of service is before the modifier's ADD DT.",
    MODIFIER_TERMINATED: "The date of service is after the modifier's TERM DT.",
}

_XREFS = tuple(COLUMNS.index(f"XREF{n}") for n in range(1, 6))
# The columns a classification carries, in this order (after payer_context, before noc).
_CLASSIFYING = ("BETOS", "TOS1", "TOS2", "TOS3", "TOS4", "TOS5", "PRICE1", "COV")


class HcpcsCodeSystem:
    id = "hcpcs"
    uri = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
    name = CATEGORY
    code_format = "a letter from the HCPCS alphabet (A-E, G, H, J-M, P-V) and four digits"

    property_definitions: tuple[PropertyDefinition, ...] = PROPERTY_DEFINITIONS

    def __init__(self, data: HcpcsData) -> None:
        self._data = data
        self.editions = data.editions
        self.classify = lru_cache(maxsize=None)(self._classify)
        self._standing_issues = lru_cache(maxsize=None)(self._issues_without_date)

    def recognise(self, code: str) -> str | None:
        if len(code) == 5 and code[0] in ALPHABET and code[1:].isdigit() and code.isascii():
            return code
        return None

    def _classify(self, code: str) -> Classification:
        letter = code[0]
        properties: list[Property] = []
        if letter in tables.PAYER_CONTEXT:
            properties.append(payer_context(letter))
        record = self._data.codes.get(code)
        if record is not None:
            properties += (
                column_property(column, value)
                for column in _CLASSIFYING
                if (value := record.value(column))
            )
        if code in self._data.noc:
            properties.append(NOC_PROPERTY)
        return Classification(CATEGORY, tables.SECTIONS[letter], "", tuple(properties))

    def describe(self, code: str) -> str:
        record = self._data.codes.get(code)
        return record.value("LONG DESCRIPTION") if record else ""

    def lookup(self, code: str) -> CodeLookup | None:
        record = self._data.codes.get(code) or self._data.modifiers.get(code)
        if record is None:
            return None
        properties = tuple(
            column_property(column, value)
            for column, value in zip(COLUMNS, record.values, strict=True)
            if value and column != "HCPC"
        )
        classification = (
            Classification(CATEGORY, "Modifier") if record.is_modifier else self.classify(code)
        )
        return CodeLookup(
            self.id, code, record.value("LONG DESCRIPTION"), classification, properties
        )

    def in_effect(self, code: str, on: date) -> bool | None:
        """Whether CMS's dates put `code` (or a modifier) in effect on `on`; None when it
        is not in the data (CDT dental codes included)."""
        record = self._data.codes.get(code) or self._data.modifiers.get(code)
        if record is None:
            return None
        added, terminated = record.add_date, record.term_date
        return (added is None or added <= on) and (terminated is None or on <= terminated)

    def check(self, line: ParsedLine) -> Iterable[Issue]:
        code = line.code
        standing = self._standing_issues(code)
        record = self._data.codes.get(code)
        if record is None:
            return standing
        dated = effective_date_issue(
            code,
            record.add_date,
            record.term_date,
            line.date_of_service,
            not_yet_rule=NOT_YET_EFFECTIVE,
            terminated_rule=TERMINATED,
            suggestions=tuple(record.values[i] for i in _XREFS if record.values[i]),
        )
        return (dated, *standing) if dated else standing

    def _issues_without_date(self, code: str) -> tuple[Issue, ...]:
        """Issues that depend only on the code, worked out once per code."""
        if code[0] == "D":
            return (
                Issue(
                    CDT_EXISTENCE_UNVERIFIED,
                    Severity.INFO,
                    f"{code} is a D code: dental codes are ADA's CDT, which CMS's HCPCS file "
                    "does not include, so its existence was not checked",
                    unverified=True,
                ),
            )
        record = self._data.codes.get(code)
        if record is None:
            return (Issue(UNKNOWN_CODE, Severity.ERROR, f"{code} is not in the loaded HCPCS data"),)
        issues = []
        coverage = record.value("COV")
        if coverage in COVERAGE_RULES:
            issues.append(
                Issue(
                    COVERAGE_RULES[coverage],
                    Severity(tables.COVERAGE_SEVERITY[coverage]),
                    f"{code} has Medicare coverage code {coverage}: "
                    f"{tables.COVERAGE_CODES[coverage]}",
                )
            )
        if code in self._data.noc:
            issues.append(
                Issue(
                    NOC_NARRATIVE_REQUIRED,
                    Severity.WARNING,
                    f"{code} is a not-otherwise-classified code: the claim must describe the "
                    "item or service in a narrative",
                )
            )
        return tuple(issues)


class HcpcsModifiers:
    """HCPCS Level II modifiers: two characters with at least one letter."""

    name = "HCPCS Level II modifiers"
    rules: Mapping[str, str] = MODIFIER_RULES

    def __init__(self, data: HcpcsData) -> None:
        self._modifiers = data.modifiers

    def claims(self, modifier: str) -> bool:
        return not modifier.isdigit()

    def check(self, modifier: str, date_of_service: date | None, field: str) -> Iterable[Issue]:
        record: HcpcsRecord | None = self._modifiers.get(modifier)
        if record is None:
            return (
                Issue(
                    UNKNOWN_MODIFIER,
                    Severity.ERROR,
                    f"{modifier} is not a HCPCS Level II modifier in the loaded data",
                    field,
                ),
            )
        issue = effective_date_issue(
            f"modifier {modifier}",
            record.add_date,
            record.term_date,
            date_of_service,
            not_yet_rule=MODIFIER_NOT_YET_EFFECTIVE,
            terminated_rule=MODIFIER_TERMINATED,
            field=field,
        )
        return (issue,) if issue else ()
