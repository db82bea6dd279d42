"""The plugin contract: every hook a codeset-engine plugin can implement.

Hooks hand the engine objects once, at start-up, through a `register` callback; the
engine then calls those objects directly for every line, so no hook dispatch happens
per line. Changing a hook's name or parameters is a breaking change to the contract.
"""

from __future__ import annotations

import pluggy

CONTRACT_VERSION = "1.1"
"""Minor versions add hooks or optional members; a major version breaks existing plugins."""

hookspec = pluggy.HookspecMarker("codeset")
hookimpl = pluggy.HookimplMarker("codeset")


@hookspec
def register_code_systems(register, config):
    """Hand the engine the code systems this plugin brings.

    :param register: call ``register(code_system)`` once per system; ``code_system``
        satisfies :class:`engine.contract.CodeSystem`.
    :param config: the engine's :class:`engine.config.Config`; read your own section.

    Fires once per engine build, before the other hooks. Not firstresult: every
    implementation runs. Load data here, and raise :class:`engine.errors.DataFileError`
    for a missing or malformed file.
    """


@hookspec
def register_modifier_sets(register, config):
    """Hand the engine the procedure-modifier families this plugin knows.

    :param register: call ``register(modifier_set)`` once per family; ``modifier_set``
        satisfies :class:`engine.contract.ModifierSet`. No two families may claim one
        modifier.
    :param config: the engine's :class:`engine.config.Config`.

    Fires once per engine build, after ``register_code_systems``. Not firstresult: every
    implementation runs.
    """


@hookspec
def register_rules(register, config):
    """Hand the engine rule checks for any loaded code system, this plugin's or another's.

    :param register: call ``register(rule)`` with an :class:`engine.model.Rule`; its
        ``system`` names the code system it checks. Rules of one system run in
        registration order and must not raise: a problem with a line is an Issue.
    :param config: the engine's :class:`engine.config.Config`.

    Fires once per engine build, after ``register_code_systems``. Not firstresult: every
    implementation runs.
    """


@hookspec
def register_claim_rules(register, config):
    """Hand the engine checks that need a whole claim (several lines) to decide.

    :param register: call ``register(claim_rule)`` with an
        :class:`engine.claims.ClaimRule`; its ``family`` (e.g. ``ncci.ptp``) is what rule
        profiles switch on and off. Its ``check`` receives an
        :class:`engine.claims.ClaimView` and returns :class:`engine.claims.ClaimIssue`
        objects naming the lines involved; it must not raise.
    :param config: the engine's :class:`engine.config.Config`.

    Fires once per engine build, after ``register_code_systems``. Not firstresult: every
    implementation runs. Added in contract 1.1.
    """
