"""The engine: routes each line to its code system and runs that system's rules.

Plugins are consulted once, when the engine is built; validating a line calls the
registered objects directly. Results for repeated inputs come from a bounded cache:
claim traffic is dominated by a few hundred codes, and a result is immutable. A plugin
that fails at run time fails only the line it was checking (see `engine.host.isolation`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
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
    CodeLookup,
    Issue,
    Line,
    LineResult,
    ParsedLine,
    Rule,
    RuleDescription,
    Severity,
    has_error,
)
from engine.domain.parsing import (
    MAX_MODIFIERS,
    modifier_problem,
    parse_date,
    parse_units,
    raw_problem,
    shown_input,
    split_code,
)
from engine.host.editions import Editions, zone
from engine.host.isolation import Check, PluginFaults, guarded, name_of, shielded
from engine.host.loader import LoadedPlugins, conflicts, plugin_manager, register_all
from engine.host.routing import Router

DEFAULT_CACHE_SIZE = 200_000
DEFAULT_TIMEZONE = "UTC"


class PluginConflictError(Exception):
    """Plugins registered objects that cannot coexist (two systems with one id...)."""


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
        timezone: str = DEFAULT_TIMEZONE,
    ) -> None:
        """Each registration is a (plugin name, object) pair. Systems are tried in the
        order `prefer` names them, then in registration order (built-ins first).
        `timezone` (IANA) is the one whose date "today" is for an undated line."""
        systems, rules_, claim_rules = tuple(systems), tuple(rules_), tuple(claim_rules)
        if found := conflicts(systems, rules_):
            plugin, problem = found[0]
            raise PluginConflictError(f"plugin {plugin!r}: {problem}")
        self.faults = PluginFaults()
        self.plugins = plugins or LoadedPlugins({})
        self.router = Router(systems, prefer, self.faults)
        self._systems = self.router.systems
        self.timezone = timezone
        self._zone = zone(timezone)
        self.editions = Editions(self)
        self._rule_owners = rules_
        self._modifier_owners = tuple(modifier_sets)
        self._claim_rule_owners = claim_rules
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
            for plugin, family in self._modifier_owners
        )
        self._rules = tuple(rule for _, rule in rules_)
        checks: dict[str, list[Check[Issue]]] = {system_id: [] for system_id in self._systems}
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

    def today(self) -> date:
        """Today's date in the engine's timezone: what an undated single line is for."""
        return datetime.now(self._zone).date()

    @classmethod
    def from_config(
        cls, config: Config | None = None, *, plugins: Iterable[ModuleType | object] = ()
    ) -> Engine:
        """Build an engine from every permitted installed plugin (plus `plugins`)."""
        config = Config.load() if config is None else config
        plugins = tuple(plugins)
        manager, loaded = plugin_manager(config, plugins)
        register_all(manager, loaded, config)
        engine = cls(
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
            timezone=str(config.get("engine", "timezone", DEFAULT_TIMEZONE)),
        )
        engine.editions.rebuild = lambda pins: cls.from_config(
            config.with_values(pins), plugins=plugins
        )
        return engine

    def system(self, name: str) -> CodeSystem | None:
        """A loaded system by its id or its URI (case-insensitive)."""
        return self.router.system(name)

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
        for claim_rule in self._claim_rules:
            catalog.update(claim_rule.ids)
        return catalog

    @property
    def rule_descriptions(self) -> list[RuleDescription]:
        """Every rule id with its description, where it applies and who registered it."""
        found = {
            rule_id: RuleDescription(rule_id, text, "engine", "engine", False)
            for rule_id, text in rules.ENGINE_RULES.items()
        }
        for plugin, rule in self._rule_owners:
            for rule_id, text in rule.ids.items():
                found.setdefault(
                    rule_id, RuleDescription(rule_id, text, rule.system, plugin, False)
                )
        for plugin, family in self._modifier_owners:
            for rule_id, text in family.rules.items():
                found.setdefault(
                    rule_id, RuleDescription(rule_id, text, family.name, plugin, False)
                )
        for plugin, claim_rule in self._claim_rule_owners:
            for rule_id, text in claim_rule.ids.items():
                found.setdefault(
                    rule_id, RuleDescription(rule_id, text, claim_rule.family, plugin, True)
                )
        return sorted(found.values(), key=lambda described: described.id)

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
        checked = tuple(
            CheckedLine(line, profile.line_result(self._validate_one(_as_line(line), None)))
            for line in claim.lines
        )
        submission, issues = claim_shape_issues(claim)
        view = ClaimView(claim, checked, submission)
        for family, check in self._claim_checks:
            if profile.runs(family):
                issues.extend(check(view))
        issues = profile.claim_issues(issues)
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
        return self._validate_one(line, self.today(), cached)

    def validate_batch(self, lines: Iterable[Line | str]) -> list[LineResult]:
        """Results in input order; one bad line never affects another."""
        today = self.today()
        validate_one = self._validate_one
        return [validate_one(line, today) for line in lines]

    def iter_validate(self, lines: Iterable[Line | str]) -> Iterator[LineResult]:
        today = self.today()
        for line in lines:
            yield self._validate_one(line, today)

    def lookup(self, code: str, system: str = "", on: date | None = None) -> CodeLookup | None:
        """Everything the system that holds `code` knows of it, as of `on` (default today):
        the edition that answers, whether the code is inactive then, and which other
        systems hold it too. Without a hint, the first system (in routing order) whose data
        has the code answers. Raises PluginError when that system fails."""
        found = self.router.lookup(code, system)
        if found is None:
            return None
        answer, holder, others = found
        on = on or self.today()
        in_effect = getattr(holder, "in_effect", None)
        return replace(
            answer,
            edition=self.editions.answering(holder, on),
            inactive=bool(in_effect and in_effect(answer.code, on) is False),
            also_in=others,
        )

    def _validate_one(
        self, line: Line | str, today: date | None, cached: bool = True
    ) -> LineResult:
        """`today` is the date an undated line is checked for (and says it assumed);
        None for claim lines, whose missing date is a claim issue, never assumed."""
        arguments: tuple[
            str, str, tuple[str, ...], date | str | None, Decimal | int | str | None, date | None
        ]
        if isinstance(line, str):
            arguments = (line, "", (), None, None, today)
        else:
            modifiers = line.modifiers
            dated = line.date_of_service or None
            arguments = (
                line.code,
                line.system,
                tuple(modifiers),  # the same object when it is one already
                dated,
                line.units,
                None if dated else today,
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
        units: Decimal | int | str | None,
        assumed: date | None,
    ) -> LineResult:
        problem = raw_problem(raw) if isinstance(raw, str) else _not_text(raw)
        if problem:
            return LineResult(shown_input(raw), "", "", False, (problem,), None)
        code, modifiers = split_code(raw)
        if extra_modifiers:
            modifiers += tuple(str(modifier).strip().upper() for modifier in extra_modifiers)
        issues: list[Issue] = []
        parsed_date = self._date(date_of_service, assumed, issues)
        parsed_units: Decimal | None = None
        if units is not None:
            parsed = parse_units(units)
            if isinstance(parsed, Issue):
                issues.append(parsed)
            else:
                parsed_units = parsed
        routed = self.router.route(code, hint)
        if modifiers:
            issues.extend(self._modifier_issues(modifiers, parsed_date))
        if isinstance(routed, Issue):
            return LineResult(raw, code, "", False, (routed, *issues), None, modifiers, parsed_date)
        system, code, notes = routed
        issues.extend(notes)
        line = ParsedLine(code, system.id, modifiers, parsed_date, parsed_units)
        for check in self._checks[system.id]:
            issues.extend(check(line))
        classification, display = self.router.describe(system, code, issues)
        return LineResult(
            raw,
            code,
            system.id,
            not has_error(issues),
            tuple(issues),
            classification,
            modifiers,
            parsed_date,
            display,
            self.editions.answering(system, parsed_date),
        )

    @staticmethod
    def _date(given: date | str | None, assumed: date | None, issues: list[Issue]) -> date | None:
        """The line's date of service; today's when it had none and one may be assumed."""
        if given:
            parsed = parse_date(given)
            if isinstance(parsed, Issue):
                issues.append(parsed)
                return None
            return parsed
        if assumed is not None:
            issues.append(
                Issue(
                    rules.DATE_OF_SERVICE_ASSUMED,
                    Severity.INFO,
                    f"no date of service was given: checked for today, {assumed.isoformat()}",
                    "date_of_service",
                )
            )
        return assumed

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

    def _modifier_check(self, modifier: str) -> Check[Issue] | None:
        """The guarded check of the modifier family that claims `modifier`, if any."""
        for _, claims, check in self._modifier_sets:
            claimed, _ = claims(modifier)
            if claimed:
                return check
        return None


def _as_line(line: ClaimLine) -> Line:
    return Line(line.code, line.system, line.modifiers, line.date_of_service, line.units)


def _not_text(raw: object) -> Issue:
    return Issue(
        rules.INVALID_CHARACTERS, Severity.ERROR, f"code must be text, not {type(raw).__name__}"
    )
