"""CPT as a code system: structure and sections always, existence only from a licensed file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
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
    PropertyDefinition,
    PropertyType,
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

# Every property a lookup can carry; a classification carries none. The dates come only
# from a licensed file, `existence` only without one.
PROPERTY_DEFINITIONS = (
    PropertyDefinition(
        "existence",
        PropertyType.CODE,
        "`unverified` when no licensed CPT file is loaded: only the code's structure is known",
    ),
    PropertyDefinition("add_date", PropertyType.DATE, "Date the code took effect (licensed file)"),
    PropertyDefinition(
        "termination_date", PropertyType.DATE, "Last date the code may be used (licensed file)"
    ),
)
UNVERIFIED_PROPERTY = Property("existence", "unverified", "no licensed CPT file is loaded")

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
    property_definitions: tuple[PropertyDefinition, ...] = PROPERTY_DEFINITIONS

    def __init__(self, licensed: dict[str, CptEntry] | None, source: Path | None) -> None:
        self._licensed = licensed
        self.editions: tuple[Edition, ...] = ()
        if licensed is not None and source is not None:
            added = [entry.add_date for entry in licensed.values() if entry.add_date]
            self.editions = (licensed_edition(source, max(added, default=None)),)
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
            return CodeLookup(self.id, code, "", self.classify(code), (UNVERIFIED_PROPERTY,))
        entry = self._licensed.get(code)
        if entry is None:
            return None
        properties = tuple(
            Property(name, value)
            for name, value in (("add_date", entry.add_date), ("termination_date", entry.term_date))
            if value
        )
        return CodeLookup(self.id, code, entry.descriptor, self.classify(code), properties)

    def in_effect(self, code: str, on: date) -> bool | None:
        """Whether the licensed file's dates put `code` in effect on `on`; None without a
        licensed file or for a code it does not list."""
        entry = self._licensed.get(code) if self._licensed else None
        if entry is None:
            return None
        added, terminated = entry.add_date, entry.term_date
        return (added is None or added <= on) and (terminated is None or on <= terminated)

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
                unverified=True,
            ),
        )


def licensed_edition(source: Path, effective: date | None) -> Edition:
    """The edition of a user's licensed file: `cpt-` and the slug of its file name
    (`cpt_2025.tsv` is `cpt-2025`); the title names the file, never its folder."""
    slug = "-".join(re.findall(r"[a-z0-9]+", source.stem.lower())) or "file"
    slug = slug.removeprefix("cpt-") if slug != "cpt" else "file"
    return Edition(f"cpt-{slug}", f"AMA CPT, licensed file {source.name}", effective)


class CptModifiers:
    """Two-digit numeric modifiers belong to CPT; letters make them HCPCS Level II."""

    name = "CPT modifiers"
    rules: Mapping[str, str] = MODIFIER_RULES

    def claims(self, modifier: str) -> bool:
        return modifier.isdigit()

    def check(self, modifier: str, date_of_service: date | None, field: str) -> Iterable[Issue]:
        if modifier in CPT_MODIFIERS:
            return ()
        return (
            Issue(UNKNOWN_MODIFIER, Severity.ERROR, f"{modifier} is not a CPT modifier", field),
        )
