"""Fault isolation at run time: a plugin that raises, or answers garbage, fails one line.

Its failure becomes an `ENGINE.PLUGIN_ERROR` issue on that line, naming the plugin and
what failed; every other line and call goes on. Failures are counted, and the first of
each kind is logged with its traceback (later ones only counted, so a broken plugin
cannot flood the log).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeGuard, TypeVar, overload

from engine.domain import rules
from engine.domain.claims import ClaimIssue
from engine.domain.model import Issue, Severity

log = logging.getLogger("codeset.plugins")

T = TypeVar("T")

Check = Callable[..., tuple[T, ...]]
"""A guarded check: called with the plugin check's arguments, it returns what it found
(`Check[Issue]` for line checks, `Check[ClaimIssue]` for claim checks)."""


class PluginFaults:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()

    def issue(self, plugin: str, what: str, problem: str, field: str = "code") -> Issue:
        """Record one failure of `plugin` in `what`, and the issue that reports it."""
        key = (plugin, what)
        self.counts[key] += 1
        if self.counts[key] == 1:
            log.warning("plugin %s failed in %s: %s", plugin, what, problem, exc_info=True)
        return Issue(
            rules.PLUGIN_ERROR,
            Severity.ERROR,
            f"plugin {plugin!r} failed in {what}: {problem}",
            field,
        )

    def raised(self, plugin: str, what: str, error: Exception, field: str = "code") -> Issue:
        return self.issue(plugin, what, f"{type(error).__name__}: {error}", field)


def shielded(
    plugin: str, what: str, function: Callable[..., T], faults: PluginFaults, field: str = "code"
) -> Callable[..., tuple[T, None] | tuple[None, Issue]]:
    """`function` wrapped so that it never raises: it returns `(value, None)`, or
    `(None, issue)` with the `ENGINE.PLUGIN_ERROR` issue its failure became. The one place
    the engine catches what a plugin raises."""

    def run(*arguments: object) -> tuple[T, None] | tuple[None, Issue]:
        try:
            return function(*arguments), None
        except Exception as error:
            return None, faults.raised(plugin, what, error, field)

    return run


@overload
def guarded(
    plugin: str,
    what: str,
    check: Callable[..., Iterable[object]],
    faults: PluginFaults,
    field: str = "code",
    produces: type[Issue] = Issue,
) -> Check[Issue]: ...


@overload
def guarded(
    plugin: str,
    what: str,
    check: Callable[..., Iterable[object]],
    faults: PluginFaults,
    field: str = "code",
    *,
    produces: type[ClaimIssue],
) -> Check[ClaimIssue]: ...


def guarded(
    plugin: str,
    what: str,
    check: Callable[..., Iterable[object]],
    faults: PluginFaults,
    field: str = "code",
    produces: type[Issue | ClaimIssue] = Issue,
) -> Check[Issue | ClaimIssue]:
    """`check` wrapped so that it always returns a tuple of `produces` (Issue, ClaimIssue)."""

    def collected(*arguments: object) -> tuple[object, ...]:
        return tuple(check(*arguments))

    call = shielded(plugin, what, collected, faults, field)

    def converted(issue: Issue) -> tuple[Issue | ClaimIssue, ...]:
        return (
            issue if produces is Issue else produces(issue.rule, issue.severity, issue.message),
        )

    def run(*arguments: object) -> tuple[Issue | ClaimIssue, ...]:
        issues, failure = call(*arguments)
        if failure is not None:
            return converted(failure)
        assert issues is not None  # no failure: the check returned
        if _all_exactly(issues, produces):
            return issues
        wrong = next(issue for issue in issues if type(issue) is not produces)
        return converted(
            faults.issue(
                plugin, what, f"returned {repr(wrong)[:80]}, not {produces.__name__}s", field
            )
        )

    return run


def _all_exactly(items: tuple[object, ...], kind: type[T]) -> TypeGuard[tuple[T, ...]]:
    """Whether every item is a `kind` itself (not a subclass, not a look-alike)."""
    return all(type(item) is kind for item in items)


def name_of(check: Callable[..., object]) -> str:
    return getattr(check, "__qualname__", None) or type(check).__name__
