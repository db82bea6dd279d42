"""Loads plugins, built-in and third-party alike, through the `codeset` entry-point group.

A third-party plugin that fails to import, or raises while registering (its data missing
or malformed, say), is reported by name and left out, and the rest start. A built-in
plugin's failure stops start-up: its code ships with the product, so a failure there
means the operator's configuration (a data folder, a CPT file) is wrong, and answering
without HCPCS would be worse than not answering. `plugins.strict` makes every plugin's
failure stop start-up. Configuration, section `plugins`: `allow` (only these
entry-point names load), `deny` (these never load), `strict`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any

import pluggy

from engine.domain.claims import ClaimRule
from engine.domain.config import Config
from engine.domain.contract import CodeSystem, ModifierSet
from engine.domain.errors import DataFileError
from engine.domain.model import Rule
from engine.host import hookspecs

ENTRY_POINT_GROUP = "codeset"
BUILT_IN_DISTRIBUTION = "codeset-engine"
REGISTRATION_HOOKS = (
    "register_code_systems",
    "register_modifier_sets",
    "register_rules",
    "register_claim_rules",
)
EXPECTED = {
    "register_code_systems": CodeSystem,
    "register_modifier_sets": ModifierSet,
    "register_rules": Rule,
    "register_claim_rules": ClaimRule,
}

log = logging.getLogger("codeset.plugins")


class PluginLoadError(Exception):
    """A plugin failed to load and the configuration is strict."""


@dataclass
class PluginInfo:
    """One plugin as `codeset plugins` reports it."""

    name: str
    distribution: str = ""
    version: str = ""
    error: str = ""
    registered: list[tuple[str, Any]] = field(default_factory=list)  # (hook, object)


@dataclass
class LoadedPlugins:
    """Every plugin found, and what the ones that loaded registered, in the order the
    registration hooks ran."""

    plugins: dict[str, PluginInfo]
    strict: bool = False
    order: list[tuple[str, str, Any]] = field(default_factory=list)  # (hook, plugin, object)

    def registered(self, hook: str) -> list[tuple[str, Any]]:
        """(plugin name, object) pairs a registration hook produced, healthy plugins only."""
        return [
            (plugin, obj)
            for name, plugin, obj in self.order
            if name == hook and not self.plugins[plugin].error
        ]

    def fail(self, name: str, problem: str, error: Exception | None = None) -> None:
        """Leave plugin `name` out, or stop start-up when it must not be left out."""
        info = self.plugins[name]
        if self.strict or info.distribution == BUILT_IN_DISTRIBUTION:
            if isinstance(error, DataFileError):
                raise error  # already names the file and the place in it
            raise PluginLoadError(f"plugin {name!r}: {problem}") from error
        log.error("plugin %s left out: %s", name, problem)
        info.error = problem


def plugin_manager(
    config: Config, extra: Iterable[ModuleType | object] = ()
) -> tuple[pluggy.PluginManager, LoadedPlugins]:
    """Every permitted installed plugin, built-ins first, then `extra` (tests, embedders).

    Without `tryfirst`/`trylast`, hooks run in that order: built-ins, then installed
    plugins by name, then `extra` in the order given (pluggy calls the latest registered
    first, so they are registered the other way round). `check_pending` makes a
    misspelled hook implementation fail here, loudly, instead of silently never being
    called.
    """
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    loaded = LoadedPlugins({}, strict=config.flag("plugins", "strict"))
    found: list[tuple[object, str]] = []
    for point in _permitted(config):
        distribution = point.dist.name if point.dist else ""
        info = PluginInfo(point.name, distribution, point.dist.version if point.dist else "")
        loaded.plugins[point.name] = info
        try:
            plugin = point.load()
        except Exception as error:
            loaded.fail(point.name, f"import failed: {type(error).__name__}: {error}", error)
            continue
        found.append((plugin, point.name))
    for plugin in extra:
        if any(plugin is known for known, _ in found):
            continue  # already installed and found through its entry point
        name = _readable_name(plugin, loaded.plugins)
        loaded.plugins[name] = PluginInfo(name)
        found.append((plugin, name))
    for plugin, name in reversed(found):
        manager.register(plugin, name=name)
    _refuse_wrappers(manager, loaded)
    manager.check_pending()
    return manager, loaded


def _readable_name(plugin: object, taken: Iterable[str]) -> str:
    """A module's or class's own name, an instance's class name; numbered when taken."""
    base = getattr(plugin, "__name__", None) or type(plugin).__name__
    taken = set(taken)
    return next(
        name
        for n in range(1, len(taken) + 2)
        if (name := base if n == 1 else f"{base}#{n}") not in taken
    )


def _refuse_wrappers(manager: pluggy.PluginManager, loaded: LoadedPlugins) -> None:
    """Registration hooks return nothing and hand objects to `register`, so there is no
    result for a wrapper to wrap: a plugin that declares one is told so, not ignored."""
    for hook in REGISTRATION_HOOKS:
        for implementation in getattr(manager.hook, hook).get_hookimpls():
            if implementation.wrapper or implementation.hookwrapper:
                loaded.fail(
                    implementation.plugin_name,
                    f"{hook} is declared as a hook wrapper; registration hooks take none",
                )


def register_all(
    manager: pluggy.PluginManager, loaded: LoadedPlugins, config: Config
) -> LoadedPlugins:
    """Run each registration hook plugin by plugin, so a failure is pinned on its plugin.

    Implementations run in the order pluggy itself would call them (`tryfirst`, then the
    latest registered first, then `trylast`), which is the order systems are routed and
    rules run in.
    """
    for hook in REGISTRATION_HOOKS:
        for implementation in reversed(getattr(manager.hook, hook).get_hookimpls()):
            info = loaded.plugins[implementation.plugin_name]
            if info.error:
                continue
            found: list[Any] = []
            arguments = {"register": found.append, "config": config}
            try:
                implementation.function(*(arguments[a] for a in implementation.argnames))
            except Exception as error:
                loaded.fail(info.name, f"{hook} raised {type(error).__name__}: {error}", error)
                continue
            wrong = [obj for obj in found if not isinstance(obj, EXPECTED[hook])]
            if wrong:
                expected = EXPECTED[hook].__name__
                loaded.fail(info.name, f"{hook} registered {wrong[0]!r}, not a {expected}")
                continue
            info.registered += ((hook, obj) for obj in found)
            loaded.order += ((hook, info.name, obj) for obj in found)
    _refuse_conflicts(loaded)
    return loaded


def _refuse_conflicts(loaded: LoadedPlugins) -> None:
    """Leave out each plugin whose registrations conflict with an earlier plugin's."""
    while found := conflicts(
        loaded.registered("register_code_systems"), loaded.registered("register_rules")
    ):
        plugin, problem = found[0]
        loaded.fail(plugin, problem)


def conflicts(
    systems: Iterable[tuple[str, CodeSystem]], rules: Iterable[tuple[str, Rule]]
) -> list[tuple[str, str]]:
    """(plugin, problem) for each registration that cannot coexist with the ones before
    it: a system id another plugin already registered, a rule for a system none provides.
    The one check, for plugins the loader found and for engines built by hand."""
    owners: dict[str, str] = {}
    found = []
    for plugin, system in systems:
        owner = owners.setdefault(system.id, plugin)
        if owner != plugin:
            found.append(
                (plugin, f"code system id {system.id!r} is already registered by {owner!r}")
            )
    for plugin, rule in rules:
        if rule.system not in owners:
            found.append(
                (plugin, f"registers a rule for code system {rule.system!r}, which none provides")
            )
    return found


def _permitted(config: Config) -> list[EntryPoint]:
    allow = config.names("plugins", "allow")
    deny = config.names("plugins", "deny") or ()
    points = [
        point
        for point in entry_points(group=ENTRY_POINT_GROUP)
        if point.name not in deny and (allow is None or point.name in allow)
    ]
    return sorted(points, key=lambda point: (not _built_in(point), point.name))


def _built_in(point: EntryPoint) -> bool:
    return point.dist is not None and point.dist.name == BUILT_IN_DISTRIBUTION


def describe_plugin(info: PluginInfo) -> dict[str, Any]:
    """What a plugin is and brings, for `codeset plugins` and the service."""
    by_hook: dict[str, list[Any]] = {hook: [] for hook in REGISTRATION_HOOKS}
    for hook, obj in info.registered:
        by_hook[hook].append(obj)
    return {
        "name": info.name,
        "distribution": info.distribution,
        "version": info.version,
        "error": info.error,
        "code_systems": [system.id for system in by_hook["register_code_systems"]],
        "modifier_sets": [family.name for family in by_hook["register_modifier_sets"]],
        "rules": sorted(
            {rule_id for rule in by_hook["register_rules"] for rule_id in rule.ids}
            | {rule_id for family in by_hook["register_modifier_sets"] for rule_id in family.rules}
            | {rule_id for rule in by_hook["register_claim_rules"] for rule_id in rule.ids}
        ),
        "claim_rule_families": sorted({rule.family for rule in by_hook["register_claim_rules"]}),
    }
