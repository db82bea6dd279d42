"""A conformance kit for plugin authors: subclass it in your pytest suite.

    from engine.host.conformance import PluginConformance
    import my_plugin

    class TestMyPlugin(PluginConformance):
        plugin = my_plugin                   # your module of hook implementations
        plugin_name = "my_plugin"            # the name it is registered under
        sample_codes = ("E11.9", "E119")     # codes your system claims, as callers send them

Every plugin must pass it: the built-in HCPCS and CPT plugins do, in the product's own
suite. It checks what the engine and its callers rely on: identity well-formed,
`recognise` idempotent, rule ids namespaced and documented, every answer made only of
documented rule ids and serialisable over gRPC, and no exception on hostile input.
"""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.domain.config import Config
from engine.domain.contract import CodeSystem
from engine.domain.model import CodeLookup, Edition, Line, LineResult, Rule
from engine.domain.rules import PLUGIN_ERROR
from engine.host.engine import Engine
from engine.host.loader import PluginInfo
from engine.transport.conversions import lookup_message, result_message

SYSTEM_ID = re.compile(r"[a-z][a-z0-9_]{0,31}")
RULE_ID = re.compile(r"[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*")
# The same checks run for every subclass, each with its own plugin: that is the point.
HOSTILE = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors],
)
any_text = st.text(max_size=40)
code_like = st.from_regex(r"[A-Za-z0-9]{1,4}[.]?[A-Za-z0-9]{0,5}", fullmatch=True)


class PluginConformance:
    plugin: ClassVar[object | None] = None
    """The plugin object to register; None when it is installed (found by entry point)."""
    plugin_name: ClassVar[str]
    config: ClassVar[Config] = Config()
    sample_codes: ClassVar[tuple[str, ...]] = ()

    @pytest.fixture(scope="class")
    @classmethod
    def engine(cls) -> Engine:
        return Engine.from_config(cls.config, plugins=[cls.plugin] if cls.plugin else [])

    @pytest.fixture(scope="class")
    @classmethod
    def info(cls, engine: Engine) -> PluginInfo:
        found = engine.plugins.plugins.get(cls.plugin_name)
        assert found is not None, f"no plugin named {cls.plugin_name!r} was loaded"
        return found

    @pytest.fixture(scope="class")
    @classmethod
    def systems(cls, info: PluginInfo) -> list[CodeSystem]:
        return [obj for hook, obj in info.registered if hook == "register_code_systems"]

    def test_plugin_loaded_without_error(self, info: PluginInfo) -> None:
        assert not info.error, info.error
        assert info.registered, "the plugin registered nothing"

    def test_identity_is_well_formed(self, systems: list[CodeSystem]) -> None:
        for system in systems:
            assert SYSTEM_ID.fullmatch(system.id), f"system id {system.id!r}: lower-case, short"
            assert ":" in system.uri, f"{system.id}: uri {system.uri!r} is not a URI"
            assert system.name.strip() and system.code_format.strip()
            assert isinstance(system.editions, tuple)
            assert all(isinstance(edition, Edition) for edition in system.editions)

    def test_sample_codes_are_claimed_and_normalised_idempotently(
        self, systems: list[CodeSystem]
    ) -> None:
        assert self.sample_codes, "give sample_codes your system claims"
        for sample in self.sample_codes:
            claims = [s.recognise(sample.strip().upper()) for s in systems]
            normalised = next((code for code in claims if code is not None), None)
            assert normalised is not None, f"no system of the plugin claims {sample!r}"
            assert any(s.recognise(normalised) == normalised for s in systems)

    @HOSTILE
    @given(text=any_text | code_like)
    def test_recognise_is_idempotent_and_total(self, systems: list[CodeSystem], text: str) -> None:
        token = text.strip().upper()
        for system in systems:
            normalised = system.recognise(token)
            if normalised is not None:
                assert isinstance(normalised, str)
                assert system.recognise(normalised) == normalised

    def test_rule_ids_are_namespaced_and_documented(self, info: PluginInfo) -> None:
        sources = [
            obj.ids if isinstance(obj, Rule) else obj.rules
            for hook, obj in info.registered
            if hook != "register_code_systems"
        ]
        for ids in sources:
            assert ids, "a rule or modifier set documents no rule ids"
            for rule_id, description in ids.items():
                assert RULE_ID.fullmatch(rule_id), f"{rule_id!r} is not NAMESPACE.NAME"
                assert not rule_id.startswith("ENGINE."), f"{rule_id}: ENGINE is the engine's"
                assert description.strip(), f"{rule_id} has no description"

    def test_sample_answers_are_documented_and_serialisable(
        self, engine: Engine, systems: list[CodeSystem]
    ) -> None:
        for sample in self.sample_codes:
            for hint in ("", *(system.id for system in systems)):
                self._check_answer(engine, engine.validate(Line(sample, hint)))
            found = engine.lookup(sample)
            if found is not None:
                assert isinstance(found, CodeLookup)
                assert lookup_message(found).SerializeToString()

    @HOSTILE
    @given(
        text=any_text | code_like,
        modifiers=st.lists(st.text(max_size=3), max_size=3),
        day=st.one_of(st.none(), st.dates().map(str), any_text),
        units=st.one_of(st.none(), st.integers(-3, 10**7)),
        hinted=st.booleans(),
    )
    def test_hostile_input_gets_an_answer_never_an_exception(
        self,
        engine: Engine,
        systems: list[CodeSystem],
        text: str,
        modifiers: list[str],
        day: str | None,
        units: int | None,
        hinted: bool,
    ) -> None:
        hint = systems[0].id if hinted and systems else ""
        result = engine.validate(Line(text, hint, tuple(modifiers), day, units))
        self._check_answer(engine, result)

    def _check_answer(self, engine: Engine, result: LineResult) -> None:
        assert isinstance(result, LineResult)
        failures = [i.message for i in result.issues if i.rule == PLUGIN_ERROR]
        assert not any(f"{self.plugin_name!r}" in message for message in failures), failures
        unknown = {i.rule for i in result.issues} - set(engine.rule_catalog)
        assert not unknown, f"undocumented rule ids {unknown}"
        message = result_message(result, "conformance", full=True)
        assert type(message).FromString(message.SerializeToString()) == message
