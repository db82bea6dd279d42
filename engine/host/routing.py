"""Which code system checks a code: the caller's hint (an id or a URI), or every system
whose `recognise` claims it, in the configured order. Every call into a system goes
through its shielded methods, so a system that raises fails one line, never the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from engine.domain import rules
from engine.domain.contract import CodeSystem
from engine.domain.model import Classification, CodeLookup, Issue, Severity
from engine.domain.parsing import shown_input
from engine.host.isolation import PluginFaults, shielded


class PluginError(Exception):
    """A plugin failed while answering a lookup."""


class Router:
    def __init__(
        self, systems: Iterable[tuple[str, CodeSystem]], prefer: Sequence[str], faults: PluginFaults
    ) -> None:
        """Systems are tried in the order `prefer` names them, then in registration order."""
        ranked = sorted(systems, key=lambda pair: _rank(pair[1].id, prefer))
        self.faults = faults
        self.systems = {system.id: system for _, system in ranked}
        self._named = {
            **{s.uri.lower(): s for s in self.systems.values() if s.uri},
            **self.systems,
        }
        self.owners = {system.id: plugin for plugin, system in ranked}
        self._calls = {
            system.id: _SystemCalls.of(plugin, system, faults) for plugin, system in ranked
        }

    def system(self, name: str) -> CodeSystem | None:
        """A loaded system by its id or its URI (case-insensitive)."""
        return self._named.get(name.strip().lower())

    def lookup(
        self, code: str, hint: str = ""
    ) -> tuple[CodeLookup, CodeSystem, tuple[str, ...]] | None:
        """The lookup of `code` by the system the hint names, or else by the first system
        whose data holds it; that system, and the ids of the others that hold it too."""
        code = code.strip().upper()
        if hint:
            system = self.system(hint)
            candidates = [system] if system is not None else []
        else:
            candidates = list(self.systems.values())
        holders = []
        for system in candidates:
            # not only codes of the system's shape: its data may hold modifiers too (RT)
            normalised = self._recognised(system, code) or code
            answer, failure = self._calls[system.id].lookup(normalised)
            if failure is not None:
                raise PluginError(failure.message)
            if isinstance(answer, CodeLookup):
                holders.append((answer, system))
        if not holders:
            return None
        (answer, system), *others = holders
        return answer, system, tuple(other.id for _, other in others)

    def describe(
        self, system: CodeSystem, code: str, issues: list[Issue]
    ) -> tuple[Classification | None, str]:
        """The system's classification and descriptor; a failure is an issue on the line."""
        described, failure = self._calls[system.id].describe(code)
        if failure is not None:
            issues.append(failure)
            return None, ""
        assert described is not None  # no failure: the system answered
        classification, display = described
        if isinstance(classification, Classification) and isinstance(display, str):
            return classification, display
        problem = f"returned {classification!r} and {display!r}, not a Classification and text"
        issues.append(self.faults.issue(self.owners[system.id], "classify/describe", problem))
        return None, ""

    def route(self, code: str, hint: str) -> tuple[CodeSystem, str, tuple[Issue, ...]] | Issue:
        """The system that checks `code`, its normalised form and notes; or why none can."""
        if not code:
            return Issue(rules.EMPTY_CODE, Severity.ERROR, "no code before the modifiers")
        if hint:
            system = self.system(hint)
            if system is None:
                known = ", ".join(self.systems) or "none"
                return Issue(
                    rules.UNKNOWN_SYSTEM,
                    Severity.ERROR,
                    f"no code system {shown_input(hint)!r} is loaded (loaded: {known})",
                    "system",
                )
            normalised, failure = self._calls[system.id].recognise(code)
            if failure is not None:
                return failure
            if normalised is None:
                return Issue(
                    rules.INVALID_FORMAT,
                    Severity.ERROR,
                    f"{code!r} is not a {system.name} code: expected {system.code_format}",
                )
            return system, normalised, ()
        claims = [
            (system, normalised)
            for system in self.systems.values()
            if (normalised := self._recognised(system, code)) is not None
        ]
        if not claims:
            formats = "; ".join(f"{s.name}: {s.code_format}" for s in self.systems.values())
            return Issue(
                rules.UNRECOGNISED_CODE,
                Severity.ERROR,
                f"{code!r} is not a code of any loaded system ({formats or 'none loaded'})",
            )
        (system, normalised), *others = claims
        notes = tuple(
            Issue(
                rules.ALSO_CLAIMED,
                Severity.INFO,
                f"{code} was checked as {system.name}; {other_code} is also a code in "
                f"{other.name}: send system {other.id!r} to check it as one",
                "system",
            )
            for other, other_code in others
            if self._holds(other, other_code)
        )
        return system, normalised, notes

    def _holds(self, system: CodeSystem, code: str) -> bool:
        """Whether `system` has `code` in its data, not just its shape; a system that
        raises holds nothing (its failure is counted and logged)."""
        found, _ = self._calls[system.id].lookup(code)
        return found is not None

    def _recognised(self, system: CodeSystem, code: str) -> str | None:
        """A system's claim on an unhinted code; a system that raises claims nothing."""
        normalised, _ = self._calls[system.id].recognise(code)
        return normalised if isinstance(normalised, str) else None


@dataclass(frozen=True, slots=True)
class _SystemCalls:
    """One code system's methods, shielded: none of them can raise into the engine."""

    recognise: Callable[[str], tuple[str | None, Issue | None]]
    lookup: Callable[[str], tuple[CodeLookup | None, Issue | None]]
    describe: Callable[[str], tuple[tuple[Classification, str] | None, Issue | None]]

    @classmethod
    def of(cls, plugin: str, system: CodeSystem, faults: PluginFaults) -> _SystemCalls:
        return cls(
            shielded(plugin, "recognise", system.recognise, faults),
            shielded(plugin, "lookup", system.lookup, faults),
            shielded(
                plugin,
                "classify/describe",
                lambda code: (system.classify(code), system.describe(code)),
                faults,
            ),
        )


def _rank(system_id: str, prefer: Sequence[str]) -> int:
    return prefer.index(system_id) if system_id in prefer else len(prefer)
