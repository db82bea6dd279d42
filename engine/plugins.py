"""Loads plugins: built-ins and third parties alike, through the `codeset` entry-point group."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

import pluggy

from engine import hookspecs

ENTRY_POINT_GROUP = "codeset"


def plugin_manager(extra: Iterable[ModuleType | object] = ()) -> pluggy.PluginManager:
    """A plugin manager with every installed plugin, plus `extra` ones (tests, embedders).

    `check_pending` makes a misspelled hook implementation fail here, loudly, instead of
    silently never being called.
    """
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for plugin in extra:
        manager.register(plugin)
    manager.check_pending()
    return manager
