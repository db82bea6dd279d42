"""Whether a code or modifier was in effect on a date of service: shared by every plugin."""

from __future__ import annotations

from datetime import date

from engine.domain.model import Issue, Severity


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
