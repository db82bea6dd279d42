"""ICD-10-CM as a codeset-engine code system: shape without data, the rest from the list."""

from __future__ import annotations

from functools import lru_cache

from codeset_icd10cm.checks import CODE_CACHE_SIZE, CodeChecks
from codeset_icd10cm.release import Release
from codeset_icd10cm.shape import CODE_FORMAT, normalise
from codeset_icd10cm.tabular import LIST_NOTES, TEXT_NOTES, Level, Tabular, tabular
from engine.plugin_api import (
    Classification,
    CodeLookup,
    Property,
    PropertyDefinition,
    PropertyType,
)

CATEGORY = "ICD-10-CM"
BILLABLE = {
    True: Property("billable", True, "no more specific code sits under it: valid on a claim"),
    False: Property("billable", False, "a header: report one of the more specific codes"),
}
_NOTES = {
    "includes": "An includes note, stated at the code or above it (the meaning says where)",
    "inclusion_term": "An inclusion term",
    "excludes1": "An Excludes1 note: never coded together with the code",
    "excludes2": "An Excludes2 note: not part of the condition, may be coded as well",
    "code_first": "A code-first note: the underlying condition to code first",
    "code_also": "A code-also note",
    "use_additional_code": "A use-additional-code note",
    "note": "An instructional note",
    "seventh_character_note": "The note on the category's 7th characters",
}
PROPERTY_DEFINITIONS: tuple[PropertyDefinition, ...] = (
    PropertyDefinition("chapter", PropertyType.CODE, "The chapter number; meaning: its title"),
    PropertyDefinition("block", PropertyType.CODE, "A block (code range); meaning: its title"),
    PropertyDefinition(
        "parent", PropertyType.CODE, "The category or subcategory just above the code"
    ),
    PropertyDefinition(
        "billable", PropertyType.BOOLEAN, "True when no more specific code sits under it"
    ),
    PropertyDefinition(
        "seventh_character", PropertyType.CODE, "The code's 7th character; meaning: what it adds"
    ),
    PropertyDefinition(
        "seventh_character_choice",
        PropertyType.CODE,
        "A 7th character the code still needs (one per choice); meaning: what it adds",
    ),
    *(
        PropertyDefinition(name, PropertyType.STRING, _NOTES[name])
        for name, _ in (*LIST_NOTES, *TEXT_NOTES)
    ),
)


class Icd10CmCodeSystem:
    id = "icd10cm"
    uri = "http://hl7.org/fhir/sid/icd-10-cm"
    name = "ICD-10-CM"
    code_format = CODE_FORMAT
    property_definitions = PROPERTY_DEFINITIONS

    def __init__(self, release: Release) -> None:
        self.release = release
        self.editions = (release.edition,)
        self.check = CodeChecks(release).check
        self.classify = lru_cache(maxsize=CODE_CACHE_SIZE)(self._classify)

    def recognise(self, code: str) -> str | None:
        return normalise(code)

    def _classify(self, code: str) -> Classification:
        """Chapter and block of the code, or of the nearest listed code it starts with: a
        code missing from the list still belongs to its category's chapter."""
        data = tabular()
        if isinstance(data, str):
            return Classification(CATEGORY)
        listed = code if data.exists(code) else data.nearest_listed(code)
        if listed is None:
            return Classification(CATEGORY)
        chapter, block = _chapter_and_block(data.hierarchy(listed))
        properties = (BILLABLE[data.billable(code)],) if listed == code else ()
        return Classification(CATEGORY, chapter, block, properties)

    def describe(self, code: str) -> str:
        data = tabular()
        if isinstance(data, str) or not data.exists(code):
            return ""
        return data.description(code)

    def lookup(self, code: str) -> CodeLookup | None:
        # The engine may ask about any text (a modifier, a chapter number such as "1"):
        # only a code of this system's written form is looked up.
        if normalise(code) != code:
            return None
        data = tabular()
        if isinstance(data, str) or not data.exists(code):
            return None
        levels = data.hierarchy(code)
        chapter = levels[-1]
        parent = levels[1]
        properties = [
            Property("chapter", chapter.code, chapter.title),
            *(Property(level.kind, level.code, level.title) for level in levels if level.is_block),
        ]
        if not parent.is_block:  # a category's parent is its block, listed just above
            properties.append(Property("parent", parent.code, parent.title))
        properties.append(BILLABLE[data.billable(code)])
        properties += _seventh_character_properties(code, data)
        for level in levels:
            source = "" if level is levels[0] else f"from {level.kind} {level.code}"
            properties += (
                Property(name, text, source, PropertyType.STRING)
                for name, text in data.notes(level)
            )
        return CodeLookup(
            self.id, code, data.description(code), self.classify(code), tuple(properties)
        )


def _chapter_and_block(levels: tuple[Level, ...]) -> tuple[str, str]:
    chapter = levels[-1]
    block = next((level.title for level in levels if level.is_block), "")
    return f"Chapter {chapter.code}: {chapter.title}", block


def _seventh_character_properties(code: str, data: Tabular) -> list[Property]:
    own = data.seventh_character_of(code)
    if own:
        return [Property("seventh_character", *own)]
    choices = data.seventh_characters(code)
    if choices is None:
        return []
    return [
        Property("seventh_character_choice", character, meaning)
        for character, meaning in choices.meanings.items()
    ]
