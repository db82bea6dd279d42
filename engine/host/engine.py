"""The engine: routes each line to its code system and runs that system's rules.

Plugins are consulted once, when the engine is built; validating a line calls the
registered objects directly. Results for repeated inputs come from a bounded cache:
claim traffic is dominated by a few hundred codes, and a result is immutable. A plugin
that fails at run time fails only the line it was checking (see `engine.host.isolation`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import ModuleType

from engine.domain import rules
from engine.domain.claim_shape import claim_shape_issues
from engine.domain.claims import (
    CheckedLine,
    Claim,
    ClaimIssue,
    ClaimLine,
    ClaimResult,
    ClaimRule,
    ClaimView,
    Profile,
    claim_valid,
)
from engine.domain.config import Config
from engine.domain.contract import CodeSystem, ModifierSet
from engine.domain.model import (
    Classification,
    CodeLookup,
    Issue,
    Line,
    LineResult,
    ParsedLine,
    Rule,
    Severity,
)
from engine.domain.parsing import (
    MAX_MODIFIERS,
    modifier_problem,
    parse_date,
    raw_problem,
    split_code,
)
from engine.host.isolation import PluginFaults, guarded, name_of, shielded
from engine.host.loader import LoadedPlugins, conflicts, plugin_manager, register_all

DEFAULT_CACHE_SIZE = 200_000


class PluginConflictError(Exception):
    """Plugins registered objects that cannot coexist (two systems with one id...)."""


class PluginError(Exception):
    """A plugin failed while answering a lookup."""


class Engine:
    def __init__(
        self,
        systems: Iterable[tuple[str, CodeSystem]] = (),
        modifier_sets: Iterable[tuple[str, ModifierSet]] = (),
        rules_: Iterable[tuple[str, Rule]] = (),
        claim_rules: Iterable[tuple[str, ClaimRule]] = (),
        *,
        prefer: Sequence[str] = (),
        profiles: Mapping[str, Profile] | None = None,
        plugins: LoadedPlugins | None = None,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        """Each registration is a (plugin name, object) pair. Systems are tried in the
        order `prefer` names them, then in registration order (built-ins first)."""
        systems, rules_, claim_rules = tuple(systems), tuple(rules_), tuple(claim_rules)
        if found := conflicts(systems, rules_):
            plugin, problem = found[0]
            raise PluginConflictError(f"plugin {plugin!r}: {problem}")
        self.faults = PluginFaults()
        self.plugins = plugins or LoadedPlugins({})
        ranked = sorted(systems, key=lambda pair: _rank(pair[1].id, prefer))
        self._systems = {system.id: system for _, system in ranked}
        self._owners = {system.id: plugin for plugin, system in ranked}
        self._calls = {
            system.id: _SystemCalls.of(plugin, system, self.faults) for plugin, system in ranked
        }
        self._modifier_sets = tuple(
            (
                family,
                shielded(
                    plugin, f"modifier set {family.name!r}", family.claims, self.faults, "modifiers"
                ),
                guarded(
                    plugin, f"modifier set {family.name!r}", family.check, self.faults, "modifiers"
                ),
            )
            for plugin, family in modifier_sets
        )
        self._rules = tuple(rule for _, rule in rules_)
        checks: dict[str, list] = {system_id: [] for system_id in self._systems}
        for plugin, rule in rules_:
            what = f"rule {name_of(rule.check)}"
            checks[rule.system].append(guarded(plugin, what, rule.check, self.faults))
        self._checks = {system_id: tuple(found) for system_id, found in checks.items()}
        self._claim_rules = tuple(rule for _, rule in claim_rules)
        self._claim_checks = tuple(
            (
                rule.family,
                guarded(
                    plugin,
                    f"claim rule {name_of(rule.check)}",
                    rule.check,
                    self.faults,
                    produces=ClaimIssue,
                ),
            )
            for plugin, rule in claim_rules
        )
        self.profiles = dict(profiles or {})
        self._evaluate_cached = lru_cache(maxsize=cache_size)(self._evaluate)

    @classmethod
    def from_config(
        cls, config: Config | None = None, *, plugins: Iterable[ModuleType | object] = ()
    ) -> Engine:
        """Build an engine from every permitted installed plugin (plus `plugins`)."""
        config = Config.load() if config is None else config
        manager, loaded = plugin_manager(config, plugins)
        register_all(manager, loaded, config)
        return cls(
            loaded.registered("register_code_systems"),
            loaded.registered("register_modifier_sets"),
            loaded.registered("register_rules"),
            loaded.registered("register_claim_rules"),
            profiles={
                name: Profile.from_settings(settings)
                for name, settings in (config.sections.get("profiles") or {}).items()
            },
            prefer=tuple(name.lower() for name in config.names("routing", "prefer") or ()),
            plugins=loaded,
        )

    @property
    def systems(self) -> tuple[CodeSystem, ...]:
        return tuple(self._systems.values())

    @property
    def rule_catalog(self) -> dict[str, str]:
        """Every rule id a result can carry, with what it means."""
        catalog = dict(rules.ENGINE_RULES)
        for rule in self._rules:
            catalog.update(rule.ids)
        for family, _, _ in self._modifier_sets:
            catalog.update(family.rules)
        for rule in self._claim_rules:
            catalog.update(rule.ids)
        return catalog

    @property
    def claim_rule_families(self) -> list[str]:
        return sorted({rule.family for rule in self._claim_rules})

    def profile(self, name: str = "") -> Profile:
        """A configured profile by name; '' is the `default` profile, or every rule."""
        if not name:
            return self.profiles.get("default", Profile())
        if name not in self.profiles:
            known = ", ".join(sorted(self.profiles)) or "none configured"
            raise KeyError(f"no rule profile {name!r} (profiles: {known})")
        return self.profiles[name]

    def validate_claim(self, claim: Claim, profile: Profile | None = None) -> ClaimResult:
        """Every line on its own, then every claim rule the profile runs."""
        profile = self.profile() if profile is None else profile
        today = date.today()
        checked = tuple(
            CheckedLine(line, profile.line_result(self._validate_one(_as_line(line), today)))
            for line in claim.lines
        )
        submission, issues = claim_shape_issues(claim)
        view = ClaimView(claim, checked, submission)
        for family, check in self._claim_checks:
            if profile.runs(family):
                issues.extend(check(view))
        issues = [profile.claim_issue(issue) for issue in issues]
        results = [line.result for line in checked]
        return ClaimResult(
            claim.claim_id,
            claim_valid(results, issues),
            tuple((line.number, line.result) for line in checked),
            tuple(issues),
        )

    def validate(self, line: Line | str, *, cached: bool = True) -> LineResult:
        """`cached=False` for callers that keep their own cache of answers (the server
        caches encoded results): a second copy of every answer would only be more
        long-lived objects for the garbage collector to scan."""
        return self._validate_one(line, date.today(), cached)

    def validate_batch(self, lines: Iterable[Line | str]) -> list[LineResult]:
        """Results in input order; one bad line never affects another."""
        today = date.today()
        validate_one = self._validate_one
        return [validate_one(line, today) for line in lines]

    def iter_validate(self, lines: Iterable[Line | str]) -> Iterator[LineResult]:
        today = date.today()
        for line in lines:
            yield self._validate_one(line, today)

    def lookup(self, code: str, system: str = "") -> CodeLookup | None:
        routed = self._route(code.strip().upper(), system)
        if isinstance(routed, Issue):
            return None
        found, normalised, _ = routed
        answer, failure = self._calls[found.id].lookup(normalised)
        if failure is not None:
            raise PluginError(failure.message)
        return answer

    def _validate_one(self, line: Line | str, today: date, cached: bool = True) -> LineResult:
        if isinstance(line, str):
            arguments = (line, "", (), today, None)
        else:
            modifiers = line.modifiers
            arguments = (
                line.code,
                line.system,
                modifiers if type(modifiers) is tuple else tuple(modifiers),
                line.date_of_service or today,
                line.units,
            )
        if not cached:
            return self._evaluate(*arguments)
        try:
            return self._evaluate_cached(*arguments)
        except TypeError:  # an unhashable field: still answered, just not cached
            return self._evaluate(*arguments)

    def _evaluate(
        self,
        raw: str,
        hint: str,
        extra_modifiers: Sequence[str],
        date_of_service: date | str | None,
        units: object,
    ) -> LineResult:
        problem = raw_problem(raw) if isinstance(raw, str) else _not_text(raw)
        if problem:
            return LineResult(str(raw), "", hint, False, (problem,), None)
        code, modifiers = split_code(raw)
        if extra_modifiers:
            modifiers += tuple(str(modifier).strip().upper() for modifier in extra_modifiers)
        issues: list[Issue] = []
        parsed_date = parse_date(date_of_service) if date_of_service else date.today()
        if isinstance(parsed_date, Issue):
            issues.append(parsed_date)
            parsed_date = None
        if units is not None:
            issues.extend(_units_problems(units))
        routed = self._route(code, hint)
        if modifiers:
            issues.extend(self._modifier_issues(modifiers, parsed_date))
        if isinstance(routed, Issue):
            return LineResult(raw, code, hint, False, (routed, *issues), None, modifiers)
        system, code, notes = routed
        issues.extend(notes)
        line = ParsedLine(code, system.id, modifiers, parsed_date, units)  # type: ignore[arg-type]
        for check in self._checks[system.id]:
            issues.extend(check(line))
        classification, display = self._describe(system, code, issues)
        return LineResult(
            raw,
            code,
            system.id,
            not any(issue.severity is Severity.ERROR for issue in issues),
            tuple(issues),
            classification,
            modifiers,
            parsed_date,
            display,
        )

    def _describe(
        self, system: CodeSystem, code: str, issues: list[Issue]
    ) -> tuple[Classification | None, str]:
        """The system's classification and descriptor; a failure is an issue on the line."""
        described, failure = self._calls[system.id].describe(code)
        if failure is not None:
            issues.append(failure)
            return None, ""
        classification, display = described
        if isinstance(classification, Classification) and isinstance(display, str):
            return classification, display
        problem = f"returned {classification!r} and {display!r}, not a Classification and text"
        issues.append(self.faults.issue(self._owners[system.id], "classify/describe", problem))
        return None, ""

    def _route(self, code: str, hint: str) -> tuple[CodeSystem, str, tuple[Issue, ...]] | Issue:
        """The system that checks `code`, its normalised form and notes; or why none can."""
        if not code:
            return Issue(rules.EMPTY_CODE, Severity.ERROR, "no code before the modifiers")
        if hint:
            system = self._systems.get(hint.strip().lower())
            if system is None:
                known = ", ".join(self._systems) or "none"
                return Issue(
                    rules.UNKNOWN_SYSTEM,
                    Severity.ERROR,
                    f"no code system {hint!r} is loaded (loaded: {known})",
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
            for system in self._systems.values()
            if (normalised := self._recognised(system, code)) is not None
        ]
        if not claims:
            formats = "; ".join(f"{s.name}: {s.code_format}" for s in self._systems.values())
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

    def _modifier_issues(self, modifiers: tuple[str, ...], on: date | None) -> list[Issue]:
        issues: list[Issue] = []
        if len(modifiers) > MAX_MODIFIERS:
            issues.append(
                Issue(
                    rules.TOO_MANY_MODIFIERS,
                    Severity.ERROR,
                    f"{len(modifiers)} modifiers; a claim line carries at most {MAX_MODIFIERS}",
                    "modifiers",
                )
            )
        for position, modifier in enumerate(modifiers):
            field = f"modifiers[{position}]"
            problem = modifier_problem(modifier, field)
            if problem:
                issues.append(problem)
                continue
            check = self._modifier_check(modifier)
            if check is None:
                issues.append(
                    Issue(
                        rules.UNKNOWN_MODIFIER,
                        Severity.ERROR,
                        f"modifier {modifier} is not in any loaded modifier family",
                        field,
                    )
                )
            else:
                issues.extend(check(modifier, on, field))
        return issues

    def _modifier_check(self, modifier: str):
        """The guarded check of the modifier family that claims `modifier`, if any."""
        for _, claims, check in self._modifier_sets:
            claimed, _ = claims(modifier)
            if claimed:
                return check
        return None


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


def _as_line(line: ClaimLine) -> Line:
    return Line(line.code, line.system, line.modifiers, line.date_of_service, line.units)


def _rank(system_id: str, prefer: Sequence[str]) -> int:
    return prefer.index(system_id) if system_id in prefer else len(prefer)


def _units_problems(units: object) -> tuple[Issue, ...]:
    if units is None or (type(units) is int and units > 0):
        return ()
    return (
        Issue(
            rules.INVALID_UNITS,
            Severity.ERROR,
            f"units {units!r} is not a positive whole number",
            "units",
        ),
    )


def _not_text(raw: object) -> Issue:
    return Issue(
        rules.INVALID_CHARACTERS, Severity.ERROR, f"code must be text, not {type(raw).__name__}"
    )
