"""The NCCI claim rules: procedure-to-procedure, medically unlikely and add-on code edits.

Every message cites the edit: its table and source line, the rationale, and the modifier
indicator or MUE adjudication indicator, and names the lines involved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from engine.plugin_api import CheckedLine, ClaimIssue, ClaimView, Severity
from plugins.ncci.files import SETTINGS
from plugins.ncci.tables import AocTables, MueTables, PtpTables

PTP_COLUMN_TWO_DENIED = "NCCI.PTP_COLUMN_TWO_DENIED"
MUE_LINE_EXCEEDED = "NCCI.MUE_LINE_EXCEEDED"
MUE_DATE_OF_SERVICE_EXCEEDED = "NCCI.MUE_DATE_OF_SERVICE_EXCEEDED"
AOC_PRIMARY_MISSING = "NCCI.AOC_PRIMARY_MISSING"
AOC_PRIMARY_NOT_LISTED = "NCCI.AOC_PRIMARY_NOT_LISTED"
AOC_CONTRACTOR_DECIDES = "NCCI.AOC_CONTRACTOR_DECIDES"

PTP_RULES = {
    PTP_COLUMN_TWO_DENIED: "A column 2 code billed with its column 1 code on one date of service, "
    "not bypassed by an NCCI-associated modifier.",
}
MUE_RULES = {
    MUE_LINE_EXCEEDED: "Units on one line above the code's MUE value (MAI 1, line edit).",
    MUE_DATE_OF_SERVICE_EXCEEDED: "Units of a code summed over a date of service above its MUE "
    "value (MAI 2 policy, MAI 3 clinical).",
}
AOC_RULES = {
    AOC_PRIMARY_MISSING: "A Type 1 add-on code without any of its listed primary codes.",
    AOC_PRIMARY_NOT_LISTED: "A Type 3 add-on code without a listed primary code; the contractor "
    "may accept another.",
    AOC_CONTRACTOR_DECIDES: "A Type 2 add-on code: CMS lists no primary codes; the contractor "
    "decides.",
}

# Modifiers that may bypass an edit with modifier indicator 1 (NCCI Policy Manual, ch. I).
NCCI_ASSOCIATED_MODIFIERS = frozenset(
    {"E1", "E2", "E3", "E4", "FA", *(f"F{n}" for n in range(1, 10)), "TA"}
    | {f"T{n}" for n in range(1, 10)}
    | {"LT", "RT", "LC", "LD", "RC", "LM", "RI"}
    | {"24", "25", "27", "57", "58", "59", "78", "79", "91"}
    | {"XE", "XS", "XP", "XU"}
)
MODIFIER_INDICATORS = {0: "no modifier allowed", 1: "an NCCI-associated modifier allowed"}


class NcciRules:
    """The three NCCI checks over the loaded tables."""

    def __init__(self, ptp: PtpTables, mue: MueTables, aoc: AocTables) -> None:
        self.ptp, self.mue, self.aoc = ptp, mue, aoc

    def procedure_to_procedure(self, view: ClaimView) -> Iterator[ClaimIssue]:
        setting = view.claim.setting
        if setting not in SETTINGS:
            return  # the engine reports the unknown setting itself
        for day, lines in view.by_date().items():
            by_code = _by_code(lines)
            for edit in self.ptp.edits(setting, by_code.keys(), day):
                if edit.modifier_indicator == 9:
                    continue  # the edit does not apply
                firsts = by_code[edit.column1]
                for second in by_code[edit.column2]:
                    involved = (second, *firsts)
                    if edit.modifier_indicator == 1 and any(_bypasses(line) for line in involved):
                        continue
                    yield ClaimIssue(
                        PTP_COLUMN_TWO_DENIED,
                        Severity.ERROR,
                        f"line {second.number}: {edit.column2} is not payable with "
                        f"{edit.column1} (line {_numbers(firsts)}) on {day.isoformat()}: "
                        f"NCCI PTP edit ({setting}, {edit.source}), modifier indicator "
                        f"{edit.modifier_indicator} "
                        f"({MODIFIER_INDICATORS[edit.modifier_indicator]}), "
                        f"rationale: {edit.rationale}",
                        tuple(line.number for line in involved),
                    )

    def medically_unlikely(self, view: ClaimView) -> Iterator[ClaimIssue]:
        setting = view.claim.setting
        if setting not in SETTINGS:
            return
        for day, lines in view.by_date().items():
            for code, same in _by_code(lines).items():
                limit = self.mue.limit(setting, code, day)
                if limit is None:
                    continue
                cited = (
                    f"MUE {limit.value} ({setting}, {limit.source}), "
                    f"MAI {limit.mai_text}, rationale: {limit.rationale}"
                )
                if limit.mai == 1:
                    for line in same:
                        if line.units > limit.value:
                            yield ClaimIssue(
                                MUE_LINE_EXCEEDED,
                                Severity.ERROR,
                                f"line {line.number}: {units_text(line.units)} units of "
                                f"{code} on one line exceed the {cited}",
                                (line.number,),
                            )
                    continue
                total = sum((line.units for line in same), Decimal(0))
                if total > limit.value:
                    yield ClaimIssue(
                        MUE_DATE_OF_SERVICE_EXCEEDED,
                        Severity.ERROR,
                        f"lines {_numbers(same)}: {units_text(total)} units of {code} on "
                        f"{day.isoformat()} exceed the {cited}",
                        tuple(line.number for line in same),
                    )

    def add_on_codes(self, view: ClaimView) -> Iterator[ClaimIssue]:
        for day, lines in view.by_date().items():
            codes = {line.result.code for line in lines}
            for line in lines:
                edit = self.aoc.edit(line.result.code, day)
                if edit is None or edit.primaries & codes:
                    continue
                if edit.edit_type == 2:
                    rule, severity, need = AOC_CONTRACTOR_DECIDES, Severity.INFO, "CMS lists none"
                elif edit.edit_type == 3:
                    rule, severity, need = AOC_PRIMARY_NOT_LISTED, Severity.WARNING, "listed"
                else:
                    rule, severity, need = AOC_PRIMARY_MISSING, Severity.ERROR, "required"
                listed = ", ".join(sorted(edit.primaries)[:8]) or "none"
                more = "..." if len(edit.primaries) > 8 else ""
                yield ClaimIssue(
                    rule,
                    severity,
                    f"line {line.number}: add-on code {edit.addon} (AOC Type {edit.edit_type}, "
                    f"{edit.source}) has no primary code on {day.isoformat()} "
                    f"(primary codes {need}: {listed}{more})"
                    + (f"; note: {edit.notes}" if edit.notes else ""),
                    (line.number,),
                )


def _by_code(lines: list[CheckedLine]) -> dict[str, list[CheckedLine]]:
    grouped: dict[str, list[CheckedLine]] = defaultdict(list)
    for line in lines:
        grouped[line.result.code].append(line)
    return grouped


def _bypasses(line: CheckedLine) -> bool:
    return not NCCI_ASSOCIATED_MODIFIERS.isdisjoint(line.result.modifiers)


def units_text(units: Decimal) -> str:
    """Units as a biller writes them: `3`, `2.5`, never `3.00000` or `1E+1`."""
    return format(units.normalize(), "f")


def _numbers(lines: list[CheckedLine]) -> str:
    return ", ".join(str(line.number) for line in lines)
