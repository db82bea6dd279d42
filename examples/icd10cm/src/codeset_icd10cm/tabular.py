"""What CDC's tabular list says about a code, asked through simple-icd-10-cm's public API.

One quirk shapes this module: a block holding a single category is named after it (block
`B99` holds category `B99`), and the package answers for the category unless told
`prioritize_blocks`. Walking up from a code, the block is the second of the two equal
names, so `hierarchy` marks it and asks with `prioritize_blocks` there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType

from codeset_icd10cm import release
from codeset_icd10cm.shape import undotted

# Instructional notes the package exposes: (property name, getter); lists, then texts.
LIST_NOTES = (
    ("includes", "get_includes"),
    ("inclusion_term", "get_inclusion_term"),
    ("excludes1", "get_excludes1"),
    ("excludes2", "get_excludes2"),
)
TEXT_NOTES = (
    ("code_first", "get_code_first"),
    ("code_also", "get_code_also"),
    ("use_additional_code", "get_use_additional_code"),
    ("note", "get_notes"),
    ("seventh_character_note", "get_seven_chr_note"),
)


@dataclass(frozen=True, slots=True)
class Level:
    """One step of a code's hierarchy: the code itself, its parents, block and chapter."""

    code: str
    kind: str  # chapter, block, category or subcategory
    title: str

    @property
    def is_block(self) -> bool:
        return self.kind == "block"


@dataclass(frozen=True, slots=True)
class SeventhCharacters:
    """The 7th characters a code takes: `stem` (placeholder Xs added) plus one of `meanings`."""

    stem: str
    meanings: dict[str, str]

    def codes(self) -> tuple[str, ...]:
        return tuple(self.stem + character for character in self.meanings)

    def listed(self) -> str:
        characters = list(self.meanings)
        if len(characters) == 1:
            return characters[0]
        return f"{', '.join(characters[:-1])} or {characters[-1]}"


class Tabular:
    """Questions about codes in normalised, dotted form (`E11.9`)."""

    def __init__(self, icd: ModuleType) -> None:
        self._icd = icd

    def exists(self, code: str) -> bool:
        return self._icd.is_valid_item(code)

    def billable(self, code: str) -> bool:
        """A code is billable when nothing more specific sits under it (CMS's valid codes)."""
        return self._icd.is_leaf(code)

    def description(self, code: str) -> str:
        return _clean(self._icd.get_description(code))

    def hierarchy(self, code: str) -> tuple[Level, ...]:
        """`code` and every level above it, the chapter last."""
        icd = self._icd
        levels: list[Level] = []
        previous = ""
        for name in (code, *icd.get_ancestors(code)):
            block = icd.is_block(name) and (not icd.is_category(name) or name == previous)
            if block:
                kind = "block"
            elif icd.is_chapter(name):
                kind = "chapter"
            else:
                kind = "category" if icd.is_category(name) else "subcategory"
            title = _clean(icd.get_description(name, prioritize_blocks=block))
            levels.append(Level(name, kind, title))
            previous = name
        return tuple(levels)

    def leaves_under(self, code: str) -> list[str]:
        """The billable codes under `code`, in tabular order."""
        return [found for found in self._icd.get_descendants(code) if self._icd.is_leaf(found)]

    def seventh_characters(self, code: str) -> SeventhCharacters | None:
        """What completes `code` when all it lacks is a 7th character, else None.

        The package builds each 7th-character code from its `sevenChrDef` only when CMS's
        code list confirms it, so the children are exactly the valid completions.
        """
        icd = self._icd
        children = icd.get_children(code)
        if not children or not all(icd.is_extended_subcategory(child) for child in children):
            return None
        definitions = icd.get_seven_chr_def(code, search_in_ancestors=True)
        meanings = {child[-1]: _clean(definitions.get(child[-1], "")) for child in children}
        return SeventhCharacters(children[0][:-1], meanings)

    def seventh_character_of(self, code: str) -> tuple[str, str] | None:
        """(character, meaning) when `code` was made by adding a 7th character."""
        icd = self._icd
        if not icd.is_extended_subcategory(code):
            return None
        definitions = icd.get_seven_chr_def(icd.get_parent(code), search_in_ancestors=True)
        return code[-1], _clean(definitions.get(code[-1], ""))

    def with_placeholders(self, code: str) -> tuple[str, ...]:
        """The listed codes `code` matches once placeholder Xs are set aside (`S03.00XA` for
        `S03.00A`). Built on first use: some 16,000 codes have placeholders."""
        return self._placeholder_index.get(_without_placeholders(code), ())

    @cached_property
    def _placeholder_index(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, tuple[str, ...]] = {}
        for code in self._icd.get_all_codes():
            if "X" in code.partition(".")[2]:
                key = _without_placeholders(code)
                index[key] = (*index.get(key, ()), code)
        return index

    def nearest_listed(self, code: str) -> str | None:
        """The longest listed code `code` starts with (`E11.9` for `E11.99`), if any."""
        candidate = code
        while len(undotted(candidate)) > 3:
            candidate = candidate[:-1].rstrip(".")
            if self.exists(candidate):
                return candidate
        return None

    def notes(self, level: Level) -> list[tuple[str, str]]:
        """The instructional notes stated at `level` itself: (property name, text)."""
        icd, block = self._icd, level.is_block
        found = [
            (name, _clean(text))
            for name, getter in LIST_NOTES
            for text in getattr(icd, getter)(level.code, prioritize_blocks=block)
        ]
        for name, getter in TEXT_NOTES:
            text = getattr(icd, getter)(level.code, prioritize_blocks=block)
            if text:
                found.append((name, "\n".join(_clean(line) for line in text.splitlines())))
        return found


def _without_placeholders(code: str) -> str:
    category, _, rest = code.partition(".")
    return f"{category}.{rest.replace('X', '')}"


def _clean(text: str) -> str:
    """Collapse the XML's layout whitespace; 1.5.0 joins a 7th character's notes with '/\\t'."""
    return " ".join(text.replace("/\t", "; ").split())


@cache
def tabular() -> Tabular | str:
    """The code list, loaded on first use; text saying why when it cannot be loaded."""
    loaded = release.load()
    return loaded if isinstance(loaded, str) else Tabular(loaded)
