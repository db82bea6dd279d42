"""The ICD-10-CM example plugin, through the engine as callers use it.

Runs before the example is installed (conftest puts `src` on the path and the plugin is
registered explicitly) and after (the engine finds it through its entry point).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from importlib.metadata import entry_points
from pathlib import Path

import codeset_icd10cm
import pytest
from codeset_icd10cm import checks
from codeset_icd10cm.release import installed_release

from engine import Config, Engine, Line
from engine.domain.model import ParsedLine
from engine.host.conformance import PluginConformance

INSTALLED = any(point.value == "codeset_icd10cm" for point in entry_points(group="codeset"))
PLUGINS = [] if INSTALLED else [codeset_icd10cm]
PLUGIN_NAME = "icd10cm" if INSTALLED else "codeset_icd10cm"
RELEASE = installed_release()
ON = RELEASE.effective  # a date of service the loaded release covers


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config(Config(), plugins=PLUGINS)


def validate(engine: Engine, code: str, system: str = "") -> object:
    return engine.validate(Line(code, system, date_of_service=ON))


def rules(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def test_the_system_and_its_edition(engine):
    system = next(s for s in engine.systems if s.id == "icd10cm")
    assert (system.uri, system.name) == ("http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM")
    (edition,) = system.editions
    assert edition.title.startswith("ICD-10-CM FY") and "update" in edition.title
    assert edition.effective is not None and edition.effective.day == 1
    assert edition.effective.month in (4, 10)  # CDC updates on 1 October and 1 April
    fiscal_year = edition.effective.year + (edition.effective.month == 10)
    assert edition.title.startswith(f"ICD-10-CM FY{fiscal_year},")
    expected = f"icd10cm-{fiscal_year}" + ("" if edition.effective.month == 10 else "-04")
    assert edition.id == expected  # simple-icd-10-cm 1.5.0: icd10cm-2026-04
    codes = [definition.code for definition in system.property_definitions]
    assert len(codes) == len(set(codes))
    assert {"chapter", "block", "parent", "billable", "excludes1"} <= set(codes)


def test_every_property_is_defined_and_typed_as_defined(engine):
    system = next(s for s in engine.systems if s.id == "icd10cm")
    types = {d.code: d.type for d in system.property_definitions}
    python_type = {"code": str, "string": str, "integer": int, "boolean": bool}
    for code in ("E11.9", "S72.001A", "S72.001", "E11", "B99.8"):
        found = engine.lookup(code)
        for prop in (*found.properties, *validate(engine, code).classification.properties):
            assert type(prop.value) is python_type[types[prop.code]], prop
            assert prop.value_type == types[prop.code], prop


def test_a_billable_code(engine):
    result = validate(engine, "E11.9")
    assert (result.system, result.code, result.valid, result.issues) == (
        "icd10cm",
        "E11.9",
        True,
        (),
    )
    assert result.display == "Type 2 diabetes mellitus without complications"
    classification = result.classification
    assert classification.category == "ICD-10-CM"
    assert classification.section.startswith("Chapter 4: Endocrine, nutritional and metabolic")
    assert classification.subsection == "Diabetes mellitus (E08-E13)"
    assert [(p.code, p.value) for p in classification.properties] == [("billable", True)]


def test_the_dot_may_be_left_out(engine):
    result = validate(engine, "e119")
    assert (result.system, result.code, result.valid) == ("icd10cm", "E11.9", True)
    assert validate(engine, "S72001A").code == "S72.001A"


def test_a_category_header_is_not_billable(engine):
    result = validate(engine, "E11")
    assert not result.valid and rules(result) == [checks.NOT_BILLABLE]
    assert "1 to 4 more characters" in result.issues[0].message
    assert "e.g. E11." in result.issues[0].message
    billable = result.classification.properties
    assert [(p.code, p.value) for p in billable] == [("billable", False)]


def test_a_code_not_in_the_list(engine):
    result = validate(engine, "E11.99")
    assert result.system == "icd10cm" and not result.valid
    assert rules(result) == [checks.UNKNOWN_CODE]
    assert "E11.9" in result.issues[0].message  # the nearest listed code
    assert result.display == ""
    assert result.classification.section.startswith("Chapter 4:")  # its category's chapter


def test_the_dot_reaches_icd10cm(engine):
    result = validate(engine, "J11.00")
    assert (result.system, result.code, result.valid) == ("icd10cm", "J11.00", True)


def test_an_undotted_hcpcs_shape_stays_hcpcs_without_a_hint(engine):
    """Installing the plugin must not change what existing callers get for J1100."""
    result = validate(engine, "J1100")
    assert (result.system, result.code, result.valid) == ("hcpcs", "J1100", True)
    assert "ENGINE.AMBIGUOUS_CODE" not in rules(result)
    also = [issue for issue in result.issues if issue.rule == "ENGINE.ALSO_CLAIMED"]
    assert also and "icd10cm" in also[0].message and "J11.00" in also[0].message


def test_a_system_hint_reaches_icd10cm(engine):
    result = validate(engine, "J1100", system="icd10cm")
    assert (result.system, result.code, result.valid) == ("icd10cm", "J11.00", True)
    assert "Influenza" in result.display


def test_routing_preference_can_put_icd10cm_first():
    config = Config({"routing": {"prefer": "icd10cm"}})
    result = Engine.from_config(config, plugins=PLUGINS).validate(Line("J1100"))
    assert (result.system, result.code) == ("icd10cm", "J11.00")


def test_diagnosis_codes_take_no_modifiers(engine):
    result = validate(engine, "E11.9-25")
    assert not result.valid and result.modifiers == ("25",)
    (issue,) = [i for i in result.issues if i.rule == checks.MODIFIERS_NOT_ALLOWED]
    assert issue.field == "modifiers" and "25" in issue.message


def test_a_code_lacking_its_seventh_character(engine):
    result = validate(engine, "S72.001")
    assert rules(result) == [checks.SEVENTH_CHARACTER_REQUIRED]
    assert "S72.001A" in result.issues[0].suggestions and len(result.replacements) == 16
    assert validate(engine, "S72.001A").valid
    placeholder = validate(engine, "S03.00")
    assert placeholder.issues[0].suggestions == ("S03.00XA", "S03.00XD", "S03.00XS")


def test_a_seventh_character_the_category_does_not_define(engine):
    result = validate(engine, "S72.001Z")
    assert rules(result) == [checks.INVALID_SEVENTH_CHARACTER]
    assert "A, B, C" in result.issues[0].message


@pytest.mark.parametrize(
    ("sent", "listed"),
    [("S03.00A", "S03.00XA"), ("T36.01A", "T36.0X1A"), ("T07A", "T07.XXXA")],
)
def test_a_missing_placeholder_x_is_named(engine, sent, listed):
    result = validate(engine, sent)
    assert rules(result) == [checks.PLACEHOLDER_MISSING]
    assert result.replacements == (listed,)


def test_a_block_named_after_its_only_category(engine):
    result = validate(engine, "B99.8")
    assert result.valid and result.classification.subsection == "Other infectious diseases (B99)"


def test_the_april_2026_category_with_two_letters(engine):
    result = validate(engine, "QA00101")
    assert (result.code, result.valid) == ("QA0.0101", True)


@pytest.mark.skipif(RELEASE.ends is None, reason="the package names no release date")
def test_a_date_of_service_outside_the_release_is_noted(engine):
    for day in (RELEASE.effective - timedelta(days=1), RELEASE.ends + timedelta(days=1)):
        result = engine.validate(Line("E11.9", date_of_service=day))
        assert result.valid and rules(result) == [checks.DATE_OUTSIDE_RELEASE]
        assert result.issues[0].severity == "info"
    assert engine.validate(Line("E11.9", date_of_service=RELEASE.ends)).issues == ()


def test_lookup_has_the_hierarchy_and_the_notes(engine):
    found = engine.lookup("E11.9")
    assert found is not None and found.system == "icd10cm"
    rows = {(p.code, p.value) for p in found.properties}
    assert {("chapter", "4"), ("block", "E08-E13"), ("parent", "E11"), ("billable", True)} <= rows
    notes = {(p.code, p.meaning) for p in found.properties}
    assert ("excludes1", "from category E11") in notes
    assert ("use_additional_code", "from category E11") in notes
    assert engine.lookup("E11.99", "icd10cm") is None
    for not_a_code in ("1", "22", "E08-E13"):  # chapter and block ids of the package's data
        assert engine.lookup(not_a_code, "icd10cm") is None


def test_lookup_of_a_seventh_character_code(engine):
    found = engine.lookup("S72.001A")
    rows = {(p.code, p.value): p.meaning for p in found.properties}
    assert rows[("seventh_character", "A")] == "initial encounter for closed fracture"


@pytest.mark.parametrize(
    ("token", "normalised"),
    [
        ("E11.9", "E11.9"),
        ("E119", "E11.9"),
        ("S72.001A", "S72.001A"),
        ("J1100", "J11.00"),
        ("Z00.00", "Z00.00"),
        ("C4A", "C4A"),
        ("QA0.0101", "QA0.0101"),
        ("E11.", None),
        ("E1", None),
        ("99213", None),
        ("E11.12345", None),
        ("E11..9", None),
        ("EEE", None),
        ("1E1", None),
    ],
)
def test_recognise(token, normalised):
    system = codeset_icd10cm.Icd10CmCodeSystem(RELEASE)
    assert system.recognise(token) == normalised


def test_an_unloadable_code_list_fails_lines_not_the_engine(monkeypatch):
    monkeypatch.setattr(checks, "tabular", lambda: "ImportError: no data")
    (issue,) = checks.CodeChecks(RELEASE).check(ParsedLine("E11.9", "icd10cm", (), ON, None))
    assert issue.rule == checks.DATA_UNAVAILABLE and "no data" in issue.message


BUILD_AN_ENGINE = """
import sys
import codeset_icd10cm
from engine import Config, Engine
plugins = [] if sys.argv[2] == "installed" else [codeset_icd10cm]
Engine.from_config(Config({"icd10cm": {"preload": sys.argv[1]}}), plugins=plugins)
print("simple_icd_10_cm" in sys.modules)
"""


@pytest.mark.parametrize(("preload", "loaded"), [("false", "False"), ("true", "True")])
def test_the_code_list_loads_on_first_use_unless_preloaded(preload, loaded):
    source = str(Path(codeset_icd10cm.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": source}
    how = "installed" if INSTALLED else "explicit"
    run = subprocess.run(
        [sys.executable, "-c", BUILD_AN_ENGINE, preload, how],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == loaded


class TestConformance(PluginConformance):
    plugin = None if INSTALLED else codeset_icd10cm
    plugin_name = PLUGIN_NAME
    sample_codes = ("E11.9", "e119", " S72.001A ", "J11.00", "QA0.0101", "E11", "E11.99")
