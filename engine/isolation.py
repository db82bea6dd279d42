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

from engine import rules
from engine.model import Issue, ParsedLine, Severity

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
    plugin: str, what: str, check: Callable, faults: PluginFaults, field: str = ""
) -> Check:
    """`check` wrapped so that it always returns a tuple of Issues."""

    def run(*arguments: object) -> tuple[Issue, ...]:
        try:
            issues = tuple(check(*arguments))
        except Exception as error:
            return (faults.raised(plugin, what, error, field or "code"),)
        if all(type(issue) is Issue for issue in issues):
            return issues
        return (
            faults.issue(plugin, what, f"returned {_sample(issues)}, not Issues", field or "code"),
        )

    return run


def name_of(check: Callable) -> str:
    return getattr(check, "__qualname__", None) or type(check).__name__


def _sample(values: Iterable[object]) -> str:
    wrong = next(value for value in values if type(value) is not Issue)
    return repr(wrong)[:80]
