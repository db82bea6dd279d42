"""The hook contract: documented, loaded through entry points, strict about mistakes."""

from __future__ import annotations

import inspect
from decimal import Decimal
from pathlib import Path

import pluggy
import pytest

from engine import (
    Classification,
    CodeLookup,
    Config,
    Engine,
    Issue,
    Line,
    Rule,
    Severity,
)
from engine.host import hookspecs
from engine.host.hookspecs import hookimpl
from engine.host.loader import ENTRY_POINT_GROUP, PluginLoadError, plugin_manager
from engine.plugin_api import CONTRACT_VERSION
from plugins.hcpcs.codeset import HcpcsCodeSystem
from plugins.hcpcs.dataset import load_data

PLUGINS_GUIDE = Path(__file__).parents[1] / "docs" / "PLUGINS.md"
HOOKS = [
    (name, function)
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, "codeset_spec")
]


def test_the_plugin_contract_is_version_2():
    assert CONTRACT_VERSION == "2.0"
    assert CONTRACT_VERSION == hookspecs.CONTRACT_VERSION


def test_there_are_hooks():
    assert {name for name, _ in HOOKS} >= {"register_code_systems", "register_rules"}


@pytest.mark.parametrize(("name", "function"), HOOKS)
def test_every_hook_is_documented(name, function):
    doc = inspect.getdoc(function) or ""
    for parameter in inspect.signature(function).parameters:
        assert f":param {parameter}:" in doc, f"{name}: parameter {parameter} undocumented"
    assert "Fires" in doc, f"{name}: docstring must say when it fires"
    assert "firstresult" in doc, f"{name}: docstring must say whether it is firstresult"
    assert f"`{name}" in PLUGINS_GUIDE.read_text(), f"{name} missing from docs/PLUGINS.md"


def test_builtin_plugins_load_through_the_entry_point_group():
    manager, loaded = plugin_manager(Config())
    assert ENTRY_POINT_GROUP == "codeset"
    built_in = {"hcpcs", "cpt", "claims", "ncci"}
    assert {name: info.distribution for name, info in loaded.plugins.items()} == dict.fromkeys(
        built_in, "codeset-engine"
    )
    assert {manager.get_name(plugin) for plugin in manager.get_plugins()} == built_in


class MisspelledHook:
    @hookimpl
    def register_code_system(self, register, config):  # missing the final "s"
        """A typo that must not pass silently."""


def test_misspelled_hook_fails_at_start_up():
    with pytest.raises(pluggy.PluginValidationError, match="register_code_system"):
        Engine.from_config(Config(), plugins=[MisspelledHook()])


class SecondHcpcs:
    @hookimpl
    def register_code_systems(self, register, config):
        register(HcpcsCodeSystem(load_data(())))


def test_a_plugin_claiming_a_taken_system_id_is_refused_by_name():
    engine = Engine.from_config(Config(), plugins=[SecondHcpcs()])
    refused = [info for info in engine.plugins.plugins.values() if info.error]
    assert len(refused) == 1
    assert "code system id 'hcpcs' is already registered by 'hcpcs'" in refused[0].error
    assert engine.validate(Line("J1100", date_of_service="2025-10-15")).valid


def test_strict_configuration_refuses_to_start_instead():
    with pytest.raises(PluginLoadError, match="'hcpcs' is already registered"):
        Engine.from_config(Config({"plugins": {"strict": "true"}}), plugins=[SecondHcpcs()])


class ExtraRule:
    """A third party adding one rule to an existing system, as DEVELOPERS.md promises."""

    def __init__(self):
        self.units_seen = []

    @hookimpl
    def register_rules(self, register, config):
        def ambulance_mileage(line):
            self.units_seen.append(line.units)
            if line.code == "A0021" and (line.units or 1) > 500:
                yield Issue("FIXTURE.MILEAGE", Severity.WARNING, "over 500 miles", "units")

        register(Rule("hcpcs", ambulance_mileage, {"FIXTURE.MILEAGE": "made-up test rule"}))


def test_several_plugins_add_rules_to_one_system():
    extra = ExtraRule()
    engine = Engine.from_config(Config(), plugins=[extra])
    line = Line("A0021", units="900.5", date_of_service="2025-10-15")
    rules = [i.rule for i in engine.validate(line).issues]
    assert "FIXTURE.MILEAGE" in rules and "HCPCS.COVERAGE_NOT_PAYABLE" in rules
    assert "FIXTURE.MILEAGE" in engine.rule_catalog
    assert extra.units_seen == [Decimal("900.5")]  # rules see units as a Decimal
    assert isinstance(extra.units_seen[0], Decimal)


class FixtureCodeSystem:
    """A made-up code system whose codes look like HCPCS codes: `J1100` is ambiguous."""

    id = "fixture"
    uri = "urn:example:fixture-codes"
    name = "Fixture codes (made up)"
    code_format = "a letter and four digits (made up)"
    editions = ()
    property_definitions = ()

    def recognise(self, code):
        return code if len(code) == 5 and code[0] == "J" else None

    def classify(self, code):
        return Classification("Fixture")

    def describe(self, code):
        return "FIXTURE: made-up code"

    def lookup(self, code):
        known = code == "J1100"
        return (
            CodeLookup(self.id, code, "FIXTURE", Classification("Fixture"), ()) if known else None
        )


class OverlappingPlugin:
    @hookimpl
    def register_code_systems(self, register, config):
        register(FixtureCodeSystem())


def test_installing_an_overlapping_system_keeps_existing_answers():
    line = Line("J1100", date_of_service="2025-10-15")
    before = Engine.from_config(Config()).validate(line)
    engine = Engine.from_config(Config(), plugins=[OverlappingPlugin()])
    after = engine.validate(line)
    assert (after.system, after.valid, after.classification) == (
        before.system,
        before.valid,
        before.classification,
    )
    notes = [i for i in after.issues if i.rule == "ENGINE.ALSO_CLAIMED"]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO
    assert "'fixture'" in notes[0].message and "also a code in Fixture codes" in notes[0].message
    assert engine.validate(Line("J1100", system="fixture")).system == "fixture"
    e0100 = Line("E0100", date_of_service="2025-10-15")
    assert engine.validate(e0100).issues == before_issues(e0100)


def before_issues(line: Line):
    return Engine.from_config(Config()).validate(line).issues


def test_a_configured_preference_decides_which_system_checks_a_shared_code():
    config = Config({"routing": {"prefer": "fixture,hcpcs"}})
    engine = Engine.from_config(config, plugins=[OverlappingPlugin()])
    result = engine.validate(Line("J1100", date_of_service="2025-10-15"))
    assert result.system == "fixture"
    assert "send system 'hcpcs'" in result.issues[0].message
