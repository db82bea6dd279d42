"""CPT as a code system: structure and sections always, existence only from a licensed file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from engine.plugin_api import (
    Classification,
    CodeLookup,
    Edition,
    Issue,
    ParsedLine,
    Property,
    Severity,
    effective_date_issue,
)
from plugins.cpt.licensed import CptEntry
from plugins.cpt.ranges import CPT_MODIFIERS, category_ii_section_of, section_of
from plugins.cpt.structure import CATEGORY_I, category_of, is_cpt_code

EXISTENCE_UNVERIFIED = "CPT.EXISTENCE_UNVERIFIED"
OUTSIDE_SECTION_RANGES = "CPT.OUTSIDE_SECTION_RANGES"
UNKNOWN_CODE = "CPT.UNKNOWN_CODE"
NOT_YET_EFFECTIVE = "CPT.NOT_YET_EFFECTIVE"
TERMINATED = "CPT.TERMINATED"
UNKNOWN_MODIFIER = "CPT.UNKNOWN_MODIFIER"

CODE_RULES = {
    EXISTENCE_UNVERIFIED: "No licensed CPT file is loaded: only the code's structure was checked.",
    OUTSIDE_SECTION_RANGES: "A Category I code outside every published CPT section range.",
    UNKNOWN_CODE: "The code is not in the licensed CPT file.",
    NOT_YET_EFFECTIVE: "The date of service is before the code's add date in the licensed file.",
    TERMINATED: "The date of service is after the code's termination date in the licensed file.",
}
MODIFIER_RULES = {UNKNOWN_MODIFIER: "A two-digit modifier that is not a CPT modifier."}

SPECIAL_SECTIONS = {
    "F": ("Performance Measurement", ""),
    "T": ("Emerging Technology, Services and Procedures", ""),
    "U": ("Pathology and Laboratory", "Proprietary Laboratory Analyses"),
    "M": ("Pathology and Laboratory", "Multianalyte Assays with Algorithmic Analyses"),
}


class CptCodeSystem:
    id = "cpt"
    uri = "http://www.ama-assn.org/go/cpt"
    name = "CPT"
    code_format = "five digits (Category I), or four digits and F, T, U or M"

    def __init__(self, licensed: dict[str, CptEntry] | None, source: Path | None) -> None:
        self._licensed = licensed
        self.editions: tuple[Edition, ...] = ()
        if licensed is not None and source is not None:
            added = [entry.add_date for entry in licensed.values() if entry.add_date]
            self.editions = (Edition(source.stem, max(added, default=None), str(source)),)
        self.classify = lru_cache(maxsize=None)(self._classify)

    def recognise(self, code: str) -> str | None:
        return code if is_cpt_code(code) else None

    def _classify(self, code: str) -> Classification:
        category = category_of(code)
        if code[4] == "F":
            measure = category_ii_section_of(code)
            section, _ = SPECIAL_SECTIONS["F"]
            return Classification(category, section, measure.subsection if measure else "")
        if category != CATEGORY_I:
            return Classification(category, *SPECIAL_SECTIONS[code[4]])
        found = section_of(code)
        return (
            Classification(category, found.section, found.subsection)
            if found
            else Classification(category)
        )

    def describe(self, code: str) -> str:
        entry = self._licensed.get(code) if self._licensed else None
        return entry.descriptor if entry else ""

    def lookup(self, code: str) -> CodeLookup | None:
        if not is_cpt_code(code):
            return None
        if self._licensed is None:
            if category_of(code) == CATEGORY_I and section_of(code) is None:
                return None
            existence = Property("existence", "unverified", "no licensed CPT file is loaded")
            return CodeLookup(self.id, code, "", self.classify(code), (existence,))
        entry = self._licensed.get(code)
        if entry is None:
            return None
        properties = tuple(
            Property(name, value.isoformat())
            for name, value in (("add_date", entry.add_date), ("term_date", entry.term_date))
            if value
        )
        return CodeLookup(self.id, code, entry.descriptor, self.classify(code), properties)

    def check(self, line: ParsedLine) -> Iterable[Issue]:
        code = line.code
        if self._licensed is not None:
            entry = self._licensed.get(code)
            if entry is None:
                return (
                    Issue(UNKNOWN_CODE, Severity.ERROR, f"{code} is not in the licensed CPT file"),
                )
            issue = effective_date_issue(
                code,
                entry.add_date,
                entry.term_date,
                line.date_of_service,
                not_yet_rule=NOT_YET_EFFECTIVE,
                terminated_rule=TERMINATED,
            )
            return (issue,) if issue else ()
        if category_of(code) == CATEGORY_I and section_of(code) is None:
            return (
                Issue(
                    OUTSIDE_SECTION_RANGES,
                    Severity.ERROR,
                    f"{code} lies outside every published CPT Category I section range",
                ),
            )
        return (
            Issue(
                EXISTENCE_UNVERIFIED,
                Severity.INFO,
                f"{code} is a well-formed CPT code; its existence was not checked because "
                "no licensed CPT file is loaded",
            ),
        )


class CptModifiers:
    """Two-digit numeric modifiers belong to CPT; letters make them HCPCS Level II."""

    name = "CPT modifiers"
    rules = MODIFIER_RULES

    def claims(self, modifier: str) -> bool:
        return modifier.isdigit()

    def check(self, modifier: str, date_of_service: date | None, field: str) -> Iterable[Issue]:
        if modifier in CPT_MODIFIERS:
            return ()
        return (
            Issue(UNKNOWN_MODIFIER, Severity.ERROR, f"{modifier} is not a CPT modifier", field),
        )
