"""The ICD-10-CM rules: is the code in the list, billable, complete to its 7th character.

The package ships one release with no per-code dates, so the only date fact is whether the
date of service falls inside the period that release covers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from codeset_icd10cm.release import Release
from codeset_icd10cm.shape import undotted
from codeset_icd10cm.tabular import SeventhCharacters, Tabular, tabular
from engine.plugin_api import Issue, ParsedLine, Severity

UNKNOWN_CODE = "ICD10CM.UNKNOWN_CODE"
NOT_BILLABLE = "ICD10CM.NOT_BILLABLE"
SEVENTH_CHARACTER_REQUIRED = "ICD10CM.SEVENTH_CHARACTER_REQUIRED"
INVALID_SEVENTH_CHARACTER = "ICD10CM.INVALID_SEVENTH_CHARACTER"
PLACEHOLDER_MISSING = "ICD10CM.PLACEHOLDER_MISSING"
MODIFIERS_NOT_ALLOWED = "ICD10CM.MODIFIERS_NOT_ALLOWED"
DATE_OUTSIDE_RELEASE = "ICD10CM.DATE_OUTSIDE_RELEASE"
DATA_UNAVAILABLE = "ICD10CM.DATA_UNAVAILABLE"

RULES = {
    UNKNOWN_CODE: "The code is not in the ICD-10-CM code list of the loaded release.",
    NOT_BILLABLE: "A category or subcategory header: more specific codes sit under it.",
    SEVENTH_CHARACTER_REQUIRED: "The code is complete but for its 7th character "
    "(and any placeholder X before it).",
    INVALID_SEVENTH_CHARACTER: "The 7th character is not one the code's category defines.",
    PLACEHOLDER_MISSING: "The code is a listed code with its placeholder Xs left out or "
    "misplaced; the suggestion is the listed code.",
    MODIFIERS_NOT_ALLOWED: "A diagnosis code carries no procedure modifiers.",
    DATE_OUTSIDE_RELEASE: "The date of service falls outside the period the loaded release "
    "covers: codes in force then may differ.",
    DATA_UNAVAILABLE: "The ICD-10-CM code list could not be loaded; the code was not checked.",
}

CODE_CACHE_SIZE = 65_536


class CodeChecks:
    """The check the engine calls per line; answers about one code are cached."""

    def __init__(self, release: Release) -> None:
        self._release = release
        self._code_issues = lru_cache(maxsize=CODE_CACHE_SIZE)(self._issues_for)

    def check(self, line: ParsedLine) -> Iterable[Issue]:
        issues = list(self._code_issues(line.code))
        if line.modifiers:
            issues.append(
                Issue(
                    MODIFIERS_NOT_ALLOWED,
                    Severity.ERROR,
                    f"{line.code} is an ICD-10-CM diagnosis code, which takes no modifiers; "
                    f"the line has {', '.join(line.modifiers)}",
                    "modifiers",
                )
            )
        outside = self._date_issue(line.date_of_service)
        if outside:
            issues.append(outside)
        return issues

    def _issues_for(self, code: str) -> tuple[Issue, ...]:
        data = tabular()
        if isinstance(data, str):
            return (
                Issue(
                    DATA_UNAVAILABLE,
                    Severity.ERROR,
                    f"the ICD-10-CM code list could not be loaded ({data}); {code} was not checked",
                ),
            )
        if not data.exists(code):
            return (
                _placeholder_missing(code, data)
                or _invalid_seventh_character(code, data)
                or self._unknown(code, data),
            )
        if data.billable(code):
            return ()
        choices = data.seventh_characters(code)
        if choices:
            return (_seventh_character_required(code, choices),)
        return (_not_billable(code, data),)

    def _unknown(self, code: str, data: Tabular) -> Issue:
        nearest = data.nearest_listed(code)
        above = f"; the nearest listed code it starts with is {nearest}" if nearest else ""
        return Issue(
            UNKNOWN_CODE,
            Severity.ERROR,
            f"{code} is not in the ICD-10-CM code list ({self._release.name}){above}",
        )

    def _date_issue(self, on: date | None) -> Issue | None:
        release = self._release
        if on is None:
            return None
        if release.effective and on < release.effective:
            return Issue(
                DATE_OUTSIDE_RELEASE,
                Severity.INFO,
                f"date of service {on.isoformat()} is before {release.effective.isoformat()}, "
                f"when the loaded release ({release.name}) took effect: the codes in force "
                "on that date may differ",
                "date_of_service",
            )
        if release.ends and on > release.ends:
            return Issue(
                DATE_OUTSIDE_RELEASE,
                Severity.INFO,
                f"date of service {on.isoformat()} is after {release.ends.isoformat()}, the "
                f"last day the loaded release ({release.name}) covers: codes added or "
                "deleted since are not known",
                "date_of_service",
            )
        return None


def _not_billable(code: str, data: Tabular) -> Issue:
    leaves = data.leaves_under(code)
    extra = [len(undotted(leaf)) - len(undotted(code)) for leaf in leaves]
    fewest, most = min(extra), max(extra)
    example = leaves[extra.index(fewest)]
    count = f"{fewest}" if fewest == most else f"{fewest} to {most}"
    kind = "category" if "." not in code else "subcategory"
    return Issue(
        NOT_BILLABLE,
        Severity.ERROR,
        f"{code} is a {kind} header, not billable: the billable codes under it have "
        f"{count} more character{'s' if most > 1 else ''} (e.g. {example})",
    )


def _seventh_character_required(code: str, choices: SeventhCharacters) -> Issue:
    placeholders = len(choices.stem) - len(code) - ("." not in code)
    before = f" after {'X' * placeholders} as placeholder" if placeholders else ""
    first, meaning = next(iter(choices.meanings.items()))
    return Issue(
        SEVENTH_CHARACTER_REQUIRED,
        Severity.ERROR,
        f"{code} needs a 7th character ({choices.listed()}){before}, "
        f"e.g. {choices.stem}{first}: {meaning}",
        suggestions=choices.codes(),
    )


def _placeholder_missing(code: str, data: Tabular) -> Issue | None:
    """An issue when `code` is a listed code with its placeholder Xs left out or misplaced."""
    found = data.with_placeholders(code)
    if not found:
        return None
    return Issue(
        PLACEHOLDER_MISSING,
        Severity.ERROR,
        f"{code} has its placeholder X missing or misplaced: the listed code is "
        f"{' or '.join(found)}",
        suggestions=found,
    )


def _invalid_seventh_character(code: str, data: Tabular) -> Issue | None:
    """An issue when `code` is a code that takes a 7th character, with one its category
    does not define (`S72.001Z`). None when it is not that."""
    if "." not in code:
        return None
    body, character = code[:-1], code[-1]
    category, _, rest = body.partition(".")
    stem = f"{category}.{rest.rstrip('X')}".rstrip(".")
    choices = data.seventh_characters(stem) if data.exists(stem) else None
    if choices is None or character in choices.meanings:
        return None
    first = next(iter(choices.meanings))
    return Issue(
        INVALID_SEVENTH_CHARACTER,
        Severity.ERROR,
        f"{code}: {character} is not a 7th character {stem} takes; it takes "
        f"{choices.listed()}, as in {choices.stem}{first}",
    )
