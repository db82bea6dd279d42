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
    """Every plugin found, and what the ones that loaded registered, in load order."""

    plugins: dict[str, PluginInfo]
    strict: bool = False

    def registered(self, hook: str) -> list[tuple[str, Any]]:
        """(plugin name, object) pairs a registration hook produced, healthy plugins only."""
        return [
            (info.name, obj)
            for info in self.plugins.values()
            if not info.error
            for name, obj in info.registered
            if name == hook
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

    `check_pending` makes a misspelled hook implementation fail here, loudly, instead of
    silently never being called.
    """
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    loaded = LoadedPlugins({}, strict=config.flag("plugins", "strict"))
    for point in _permitted(config):
        distribution = point.dist.name if point.dist else ""
        info = PluginInfo(point.name, distribution, point.dist.version if point.dist else "")
        loaded.plugins[point.name] = info
        try:
            plugin = point.load()
        except Exception as error:
            loaded.fail(point.name, f"import failed: {type(error).__name__}: {error}", error)
            continue
        manager.register(plugin, name=point.name)
    for plugin in extra:
        if manager.is_registered(plugin):
            continue  # already installed and found through its entry point
        name = manager.register(plugin)
        loaded.plugins[name] = PluginInfo(name)
    manager.check_pending()
    return manager, loaded


def register_all(
    manager: pluggy.PluginManager, loaded: LoadedPlugins, config: Config
) -> LoadedPlugins:
    """Run each registration hook plugin by plugin, so a failure is pinned on its plugin."""
    for hook in REGISTRATION_HOOKS:
        for implementation in getattr(manager.hook, hook).get_hookimpls():
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
    _refuse_conflicts(loaded)
    return loaded


def _refuse_conflicts(loaded: LoadedPlugins) -> None:
    """A later plugin may not take a system id an earlier one has, nor check a missing one."""
    owners: dict[str, str] = {}
    for plugin, system in loaded.registered("register_code_systems"):
        if system.id in owners and owners[system.id] != plugin:
            problem = f"code system id {system.id!r} is already registered by {owners[system.id]!r}"
            loaded.fail(plugin, problem)
        owners.setdefault(system.id, plugin)
    systems = {system.id for _, system in loaded.registered("register_code_systems")}
    for plugin, rule in loaded.registered("register_rules"):
        if rule.system not in systems:
            problem = f"registers a rule for code system {rule.system!r}, which none provides"
            loaded.fail(plugin, problem)


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
