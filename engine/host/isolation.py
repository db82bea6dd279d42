"""Fault isolation at run time: a plugin that raises, or answers garbage, fails one line.

Its failure becomes an `ENGINE.PLUGIN_ERROR` issue on that line, naming the plugin and
what failed; every other line and call goes on. Failures are counted, and the first of
each kind is logged with its traceback (later ones only counted, so a broken plugin
cannot flood the log).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

from engine.domain import rules
from engine.domain.model import Issue, ParsedLine, Severity

log = logging.getLogger("codeset.plugins")

Check = Callable[[ParsedLine], tuple[Issue, ...]]


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


def guarded(
    plugin: str,
    what: str,
    check: Callable,
    faults: PluginFaults,
    field: str = "code",
    produces: type = Issue,
) -> Check:
    """`check` wrapped so that it always returns a tuple of `produces` (Issue, ClaimIssue)."""

    def failure(problem: str) -> tuple:
        issue = faults.issue(plugin, what, problem, field)
        return (
            issue if produces is Issue else produces(issue.rule, issue.severity, issue.message),
        )

    def run(*arguments: object) -> tuple:
        try:
            issues = tuple(check(*arguments))
        except Exception as error:
            return failure(f"{type(error).__name__}: {error}")
        if all(type(issue) is produces for issue in issues):
            return issues
        wrong = next(issue for issue in issues if type(issue) is not produces)
        return failure(f"returned {repr(wrong)[:80]}, not {produces.__name__}s")

    return run


def name_of(check: Callable) -> str:
    return getattr(check, "__qualname__", None) or type(check).__name__
