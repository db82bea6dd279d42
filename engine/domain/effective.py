"""Whether a code or modifier was in effect on a date of service: shared by every plugin."""

from __future__ import annotations

from datetime import date

from engine.domain.model import Edition, Issue, Severity


def effective_date_issue(
    what: str,
    added: date | None,
    terminated: date | None,
    on: date | None,
    *,
    not_yet_rule: str,
    terminated_rule: str,
    field: str = "code",
    suggestions: tuple[str, ...] = (),
) -> Issue | None:
    """An error when `on` falls before `added` or after `terminated` (the last valid day)."""
    if on is None:
        return None
    if added is not None and on < added:
        return Issue(
            not_yet_rule,
            Severity.ERROR,
            f"{what} is effective from {added.isoformat()}; "
            f"date of service {on.isoformat()} is before it",
            field,
        )
    if terminated is not None and on > terminated:
        replacement = f"; suggested replacement: {', '.join(suggestions)}" if suggestions else ""
        return Issue(
            terminated_rule,
            Severity.ERROR,
            f"{what} was terminated {terminated.isoformat()} (its last valid date); "
            f"date of service is {on.isoformat()}{replacement}",
            field,
            suggestions,
        )
    return None


def edition_on(editions: tuple[Edition, ...], on: date | None) -> Edition | None:
    """The edition that answers for a date of service: the newest one in effect on it;
    the oldest loaded for an earlier date, the newest for an unusable one."""
    if not editions:
        return None
    if on is None:
        return editions[-1]
    answering = editions[0]
    for edition in editions:
        if edition.effective is not None and edition.effective <= on:
            answering = edition
    return answering
