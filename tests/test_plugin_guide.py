"""docs/PLUGINS.md cannot drift: its hook reference is generated, its example plugin runs."""

from __future__ import annotations

import importlib.util
import re
import types
from datetime import date
from pathlib import Path

from engine import Config, Engine, Line
from engine.host.conformance import PluginConformance

ROOT = Path(__file__).parents[1]
GUIDE = ROOT / "docs" / "PLUGINS.md"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def guide_plugin() -> types.ModuleType:
    """The guide's 'minimal complete plugin', executed as a module."""
    section = GUIDE.read_text().split("## A minimal complete plugin", 1)[1]
    source = re.search(r"```python\n(.*?)```", section, re.S)[1]
    module = types.ModuleType("demo_codes")
    exec(compile(source, f"{GUIDE}:minimal plugin", "exec"), module.__dict__)
    return module


DEMO = guide_plugin()


def test_hook_reference_is_what_the_hookspecs_generate():
    text = GUIDE.read_text()
    assert load_script("gen_plugin_docs").rendered(text) == text, (
        "docs/PLUGINS.md is stale: run python scripts/gen_plugin_docs.py"
    )


def test_the_guides_minimal_plugin_works():
    engine = Engine.from_config(Config(), plugins=[DEMO])
    assert engine.validate("dm001").valid
    unknown = engine.validate(Line("DM003", date_of_service="2026-03-01"))
    assert [i.rule for i in unknown.issues] == ["DEMO.UNKNOWN_CODE"]
    found = engine.lookup("DM002", on=date(2026, 8, 1))
    assert found.display == "DEMO: second made-up code"
    assert [(p.code, p.value) for p in found.properties] == [("add_date", date(2026, 7, 1))]
    assert (found.edition, found.inactive) == ("demo-2026", False)
    assert engine.lookup("DM002", on=date(2026, 6, 30)).inactive  # through in_effect
    codes = {definition.code for definition in DEMO.DemoCodes.property_definitions}
    assert {p.code for p in found.properties} <= codes


class TestGuidePluginConformance(PluginConformance):
    plugin = DEMO
    plugin_name = "demo_codes"
    sample_codes = ("DM001", " dm002 ", "DM999")
