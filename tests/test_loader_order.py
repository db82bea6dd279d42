"""The loader keeps pluggy's promises: call order, wrappers refused, readable names."""

from __future__ import annotations

import types

import pytest

from engine import Config, Engine, Issue, Line, Rule, Severity
from engine.host.loader import PluginLoadError
from engine.plugin_api import hookimpl

ON = "2025-10-15"
BUILT_IN = "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS"  # what the built-in HCPCS rules say of E0100


def fixture_rule(rule_id: str) -> Rule:
    """A made-up rule on HCPCS that notes it ran, so the order rules ran in is visible."""

    def check(line):
        yield Issue(rule_id, Severity.INFO, f"{rule_id} ran", "code")

    return Rule("hcpcs", check, {rule_id: "made-up fixture rule"})


class Early:
    @hookimpl(tryfirst=True)
    def register_rules(self, register, config):
        register(fixture_rule("FIXTURE.EARLY"))


class Plain:
    @hookimpl
    def register_rules(self, register, config):
        register(fixture_rule("FIXTURE.PLAIN"))


class Late:
    @hookimpl(trylast=True)
    def register_rules(self, register, config):
        register(fixture_rule("FIXTURE.LATE"))


def rules_in_order(engine: Engine) -> list[str]:
    """Every rule id on a dated E0100 line, in the order the checks ran."""
    return [issue.rule for issue in engine.validate(Line("E0100", date_of_service=ON)).issues]


def fixture_rules_in_order(engine: Engine) -> list[str]:
    return [rule for rule in rules_in_order(engine) if rule.startswith("FIXTURE.")]


def test_rules_run_in_pluggy_order_whatever_order_plugins_were_given_in():
    for given in ([Late(), Plain(), Early()], [Early(), Late(), Plain()]):
        engine = Engine.from_config(Config(), plugins=given)
        assert fixture_rules_in_order(engine) == ["FIXTURE.EARLY", "FIXTURE.PLAIN", "FIXTURE.LATE"]
        # tryfirst runs even before the built-ins; the others after them
        assert rules_in_order(engine) == [
            "FIXTURE.EARLY",
            BUILT_IN,
            "FIXTURE.PLAIN",
            "FIXTURE.LATE",
        ]


def test_without_markers_plugins_run_in_the_order_given_after_the_built_ins():
    class Other(Plain):
        @hookimpl
        def register_rules(self, register, config):
            register(fixture_rule("FIXTURE.OTHER"))

    engine = Engine.from_config(Config(), plugins=[Plain(), Other()])
    assert rules_in_order(engine) == [BUILT_IN, "FIXTURE.PLAIN", "FIXTURE.OTHER"]
    engine = Engine.from_config(Config(), plugins=[Other(), Plain()])
    assert rules_in_order(engine) == [BUILT_IN, "FIXTURE.OTHER", "FIXTURE.PLAIN"]


class Wrapper:
    @hookimpl(wrapper=True)
    def register_rules(self, register, config):
        yield


def test_a_hook_wrapper_is_refused_by_name_not_silently_skipped():
    engine = Engine.from_config(Config(), plugins=[Wrapper()])
    info = engine.plugins.plugins["Wrapper"]
    assert "register_rules is declared as a hook wrapper" in info.error
    assert engine.validate(Line("J1100", date_of_service=ON)).valid


def test_strict_configuration_stops_on_a_hook_wrapper():
    with pytest.raises(PluginLoadError, match=r"'Wrapper'.*hook wrapper"):
        Engine.from_config(Config({"plugins": {"strict": "true"}}), plugins=[Wrapper()])


def test_plugins_passed_in_get_readable_distinct_names():
    engine = Engine.from_config(Config(), plugins=[Plain(), Plain()])
    assert {"Plain", "Plain#2"} <= set(engine.plugins.plugins)


def test_a_module_passed_in_is_named_after_the_module_and_so_are_its_rules():
    module = types.ModuleType("fixture_module_plugin")

    @hookimpl
    def register_rules(register, config):
        register(fixture_rule("FIXTURE.MODULE"))

    module.register_rules = register_rules  # type: ignore[attr-defined]
    engine = Engine.from_config(Config(), plugins=[module, Plain()])
    assert {"fixture_module_plugin", "Plain"} <= set(engine.plugins.plugins)
    assert not engine.plugins.plugins["fixture_module_plugin"].error
    by_id = {rule.id: rule for rule in engine.rule_descriptions}
    assert by_id["FIXTURE.MODULE"].plugin == "fixture_module_plugin"
    assert by_id["FIXTURE.PLAIN"].plugin == "Plain"
    assert by_id["HCPCS.TERMINATED"].plugin == "hcpcs"
    assert fixture_rules_in_order(engine) == ["FIXTURE.MODULE", "FIXTURE.PLAIN"]
