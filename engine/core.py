"""The engine: routes each line to its code system and runs that system's rules.

Plugins are consulted once, when the engine is built; validating a line calls the
registered objects directly. Results for repeated inputs come from a bounded cache:
claim traffic is dominated by a few hundred codes, and a result is immutable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from types import ModuleType

from engine import rules
from engine.config import Config
from engine.contract import CodeSystem, ModifierSet
from engine.model import CodeLookup, Issue, Line, LineResult, ParsedLine, Rule, Severity
from engine.parsing import MAX_MODIFIERS, modifier_problem, parse_date, raw_problem, split_code
from engine.plugins import plugin_manager

DEFAULT_CACHE_SIZE = 200_000


class PluginConflictError(Exception):
    """Plugins registered objects that cannot coexist (two systems with one id...)."""


class Engine:
    def __init__(
        self,
        systems: Iterable[CodeSystem],
        modifier_sets: Iterable[ModifierSet] = (),
        rules_: Iterable[Rule] = (),
        *,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        self._systems: dict[str, CodeSystem] = {}
        for system in systems:
            if system.id in self._systems:
                raise PluginConflictError(f"two plugins register code system {system.id!r}")
            self._systems[system.id] = system
        self._modifier_sets = tuple(modifier_sets)
        self._rules = tuple(rules_)
        checks: dict[str, list] = {system_id: [] for system_id in self._systems}
        for rule in self._rules:
            if rule.system not in checks:
                raise PluginConflictError(f"a rule checks unknown code system {rule.system!r}")
            checks[rule.system].append(rule.check)
        self._checks = {system_id: tuple(found) for system_id, found in checks.items()}
        self._evaluate_cached = lru_cache(maxsize=cache_size)(self._evaluate)

    @classmethod
    def from_config(
        cls, config: Config | None = None, *, plugins: Iterable[ModuleType | object] = ()
    ) -> Engine:
        """Build an engine from every installed plugin (plus `plugins`) and `config`."""
        config = Config.load() if config is None else config
        hook = plugin_manager(plugins).hook
        systems: list[CodeSystem] = []
        modifier_sets: list[ModifierSet] = []
        rules_: list[Rule] = []
        hook.register_code_systems(register=systems.append, config=config)
        hook.register_modifier_sets(register=modifier_sets.append, config=config)
        hook.register_rules(register=rules_.append, config=config)
        return cls(systems, modifier_sets, rules_)

    @property
    def systems(self) -> tuple[CodeSystem, ...]:
        return tuple(self._systems.values())

    @property
    def rule_catalog(self) -> dict[str, str]:
        """Every rule id a result can carry, with what it means."""
        catalog = dict(rules.ENGINE_RULES)
        for source in (*self._rules, *self._modifier_sets):
            catalog.update(source.ids if isinstance(source, Rule) else source.rules)
        return catalog

    def validate(self, line: Line | str) -> LineResult:
        return self._validate_one(line, date.today())

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
        found, normalised = routed
        return found.lookup(normalised)

    def _validate_one(self, line: Line | str, today: date) -> LineResult:
        if isinstance(line, str):
            return self._evaluate_cached(line, "", (), today, None)
        arguments = (
            line.code,
            line.system,
            tuple(line.modifiers),
            line.date_of_service or today,
            line.units,
        )
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
        modifiers += tuple(str(modifier).strip().upper() for modifier in extra_modifiers)
        issues: list[Issue] = []
        parsed_date = parse_date(date_of_service) if date_of_service else date.today()
        if isinstance(parsed_date, Issue):
            issues.append(parsed_date)
            parsed_date = None
        issues.extend(_units_problems(units))
        routed = self._route(code, hint)
        issues.extend(self._modifier_issues(modifiers, parsed_date))
        if isinstance(routed, Issue):
            return LineResult(raw, code, hint, False, (routed, *issues), None, modifiers)
        system, code = routed
        line = ParsedLine(code, system.id, modifiers, parsed_date, units)  # type: ignore[arg-type]
        for check in self._checks[system.id]:
            issues.extend(check(line))
        return LineResult(
            raw,
            code,
            system.id,
            not any(issue.severity is Severity.ERROR for issue in issues),
            tuple(issues),
            system.classify(code),
            modifiers,
            parsed_date,
            system.describe(code),
        )

    def _route(self, code: str, hint: str) -> tuple[CodeSystem, str] | Issue:
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
            normalised = system.recognise(code)
            if normalised is None:
                return Issue(
                    rules.INVALID_FORMAT,
                    Severity.ERROR,
                    f"{code!r} is not a {system.name} code: expected {system.code_format}",
                )
            return system, normalised
        claims = [
            (system, normalised)
            for system in self._systems.values()
            if (normalised := system.recognise(code)) is not None
        ]
        if len(claims) == 1:
            return claims[0]
        if claims:
            names = ", ".join(system.id for system, _ in claims)
            return Issue(
                rules.AMBIGUOUS_CODE,
                Severity.ERROR,
                f"{code!r} is a code in several systems ({names}); send a system hint",
            )
        formats = "; ".join(f"{s.name}: {s.code_format}" for s in self._systems.values())
        return Issue(
            rules.UNRECOGNISED_CODE,
            Severity.ERROR,
            f"{code!r} is not a code of any loaded system ({formats or 'none loaded'})",
        )

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
            owner = next((s for s in self._modifier_sets if s.claims(modifier)), None)
            if owner is None:
                issues.append(
                    Issue(
                        rules.UNKNOWN_MODIFIER,
                        Severity.ERROR,
                        f"modifier {modifier} is not in any loaded modifier family",
                        field,
                    )
                )
            else:
                issues.extend(owner.check(modifier, on, field))
        return issues


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
