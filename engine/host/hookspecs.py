"""The plugin contract: every hook a codeset-engine plugin can implement.

Hooks hand the engine objects once, at start-up, through a `register` callback; the
engine then calls those objects directly for every line, so no hook dispatch happens
per line. Changing a hook's name or parameters is a breaking change to the contract.
Plugins import what they need from :mod:`engine.plugin_api`, never from here.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from engine.domain.claims import ClaimRule
from engine.domain.config import Config
from engine.domain.contract import CodeSystem, ModifierSet
from engine.domain.model import Rule

CONTRACT_VERSION = "2.0"
"""Minor versions add hooks or optional members; a major version breaks existing plugins."""

PROJECT = "codeset"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_code_systems(register: Callable[[CodeSystem], None], config: Config) -> None:
    """Hand the engine the code systems this plugin brings.

    :param register: call ``register(code_system)`` once per system; ``code_system``
        satisfies :class:`engine.plugin_api.CodeSystem`. Two plugins may not register one
        system id: the later one is left out, named.
    :param config: the engine's :class:`engine.plugin_api.Config`; read your own section.

    Fires once per engine build, before the other hooks. Not firstresult: every
    implementation runs, in pluggy's order (``tryfirst``/``trylast`` honoured). Load data
    here, and raise :class:`engine.plugin_api.DataFileError` for a missing or malformed
    file.
    """


@hookspec
def register_modifier_sets(register: Callable[[ModifierSet], None], config: Config) -> None:
    """Hand the engine the procedure-modifier families this plugin knows.

    :param register: call ``register(modifier_set)`` once per family; ``modifier_set``
        satisfies :class:`engine.plugin_api.ModifierSet`. A modifier is checked by the
        first family, in registration order, whose ``claims`` is true for it.
    :param config: the engine's :class:`engine.plugin_api.Config`.

    Fires once per engine build, after ``register_code_systems``. Not firstresult: every
    implementation runs, in pluggy's order.
    """


@hookspec
def register_rules(register: Callable[[Rule], None], config: Config) -> None:
    """Hand the engine rule checks for any loaded code system, this plugin's or another's.

    :param register: call ``register(rule)`` with an :class:`engine.plugin_api.Rule`; its
        ``system`` names the code system it checks, which some plugin must register (a
        rule for a missing system leaves its plugin out). Rules of one system run in
        registration order and must not raise: a problem with a line is an Issue (a rule
        that raises fails only the line, with ``ENGINE.PLUGIN_ERROR``).
    :param config: the engine's :class:`engine.plugin_api.Config`.

    Fires once per engine build, after ``register_code_systems``. Not firstresult: every
    implementation runs, in pluggy's order.
    """


@hookspec
def register_claim_rules(register: Callable[[ClaimRule], None], config: Config) -> None:
    """Hand the engine checks that need a whole claim (several lines) to decide.

    :param register: call ``register(claim_rule)`` with an
        :class:`engine.plugin_api.ClaimRule`; its ``family`` (e.g. ``ncci.ptp``) is what
        rule profiles switch on and off. Its ``check`` receives an
        :class:`engine.plugin_api.ClaimView` and returns
        :class:`engine.plugin_api.ClaimIssue` objects naming the lines involved; it must
        not raise.
    :param config: the engine's :class:`engine.plugin_api.Config`.

    Fires once per engine build, after ``register_code_systems``. Not firstresult: every
    implementation runs, in pluggy's order. Added in contract 1.1.
    """
