"""HCPCS Level II answers pinned on CMS's real October 2025 release, as a user sees them.

Each test is one behaviour of plugins/hcpcs/codeset.py that a biller, a claims system or an
operator would notice if it changed: which codes are HCPCS-shaped, the CDT (dental) and NOC
notes, the Medicare coverage notes, what a lookup lists, the modifier dates and the rule ids the
engine publishes. They were written against mutation testing (cosmic-ray) of that module.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date

import pytest

from engine import Config, Engine, Line, Property, Severity
from engine.domain.model import PropertyType, Verdict
from plugins.hcpcs import tables
from plugins.hcpcs.properties import COLUMN_DEFINITIONS
from plugins.hcpcs.records import COLUMNS, DATE_COLUMNS, INTEGER_COLUMNS
from tests.conftest import DATA

DOS = "2025-10-15"  # a date of service inside the October 2025 quarter

CDT = "HCPCS.CDT_EXISTENCE_UNVERIFIED"
NOC = "HCPCS.NOC_NARRATIVE_REQUIRED"
HCPCS_RULES = {
    "HCPCS.UNKNOWN_CODE",
    "HCPCS.NOT_YET_EFFECTIVE",
    "HCPCS.TERMINATED",
    CDT,
    NOC,
    "HCPCS.COVERAGE_NOT_PAYABLE",
    "HCPCS.COVERAGE_NOT_COVERED",
    "HCPCS.COVERAGE_STATUTORY_EXCLUSION",
    "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS",
    "HCPCS.COVERAGE_CARRIER_JUDGEMENT",
    "HCPCS.UNKNOWN_MODIFIER",
    "HCPCS.MODIFIER_NOT_YET_EFFECTIVE",
    "HCPCS.MODIFIER_TERMINATED",
}
MODIFIER_RULES = {
    "HCPCS.UNKNOWN_MODIFIER": "The modifier is not in any loaded CMS HCPCS release.",
    "HCPCS.MODIFIER_NOT_YET_EFFECTIVE": "The date of service is before the modifier's ADD DT.",
    "HCPCS.MODIFIER_TERMINATED": "The date of service is after the modifier's TERM DT.",
}


def on(engine: Engine, raw: str, day: str = DOS, system: str = ""):
    return engine.validate(Line(raw, system=system, date_of_service=day))


def issues_of(result) -> list[tuple[str, Severity, str]]:
    return [(issue.rule, issue.severity, issue.field) for issue in result.issues]


def property_codes(classification) -> list[str]:
    return [p.code for p in classification.properties]


# --------------------------------------------------------------------------- D codes (CDT)


@pytest.mark.parametrize("code", ["D0120", "D2740", "D9999"])
def test_dental_d_code_is_valid_with_only_the_cdt_unverified_note(engine, code):
    # ADA's CDT codes are not in CMS's file: a well-formed D code must not become an error.
    result = on(engine, code)
    assert result.valid
    assert (result.code, result.system) == (code, "hcpcs")
    assert issues_of(result) == [(CDT, Severity.INFO, "code")]
    assert result.issues[0].unverified and result.verdict is Verdict.UNVERIFIED
    message = result.issues[0].message
    assert message.startswith(f"{code} is a D code")
    assert "CDT" in message and "not checked" in message
    assert result.classification.section.startswith("Dental procedures")
    assert result.classification.properties == ()
    assert result.display == ""


def test_dental_code_has_no_date_check_and_keeps_its_note_with_a_modifier(engine):
    for day in ("1990-01-01", "2031-06-30"):
        assert issues_of(on(engine, "D0120-RT", day)) == [(CDT, Severity.INFO, "code")]
    assert engine.lookup("D0120") is None  # nothing of CMS's to show for a CDT code


@pytest.mark.parametrize("code", ["A0021", "B4034", "C1052", "E0100", "J1100", "V2020"])
def test_codes_of_other_letters_never_get_the_cdt_note(engine, code):
    # Letters before and after D: a comparison other than "is D" shows up here.
    rules = [issue.rule for issue in on(engine, code).issues]
    assert CDT not in rules
    assert "HCPCS.UNKNOWN_CODE" not in rules


# --------------------------------------------------------------------------- NOC codes


@pytest.mark.parametrize("code", ["A0999", "E1399", "J3490"])
def test_noc_code_has_the_noc_property_and_a_narrative_warning(engine, code):
    result = on(engine, code)
    codes = property_codes(result.classification)
    assert codes.count("noc") == 1
    assert result.classification.properties[-1] == Property(
        "noc", True, "not otherwise classified: needs a narrative"
    )
    narrative = [i for i in result.issues if i.rule == NOC]
    assert len(narrative) == 1 and narrative[0].severity is Severity.WARNING
    assert not narrative[0].unverified
    assert "narrative" in narrative[0].message and code in narrative[0].message
    assert result.valid  # a warning, not an error


@pytest.mark.parametrize("code", ["E0100", "J1100", "A0021", "G0008", "L6034"])
def test_regular_code_has_no_noc_property_and_no_narrative_warning(engine, code):
    result = on(engine, code)
    assert "noc" not in property_codes(result.classification)
    assert NOC not in [issue.rule for issue in result.issues]


def test_terminated_noc_code_reports_termination_first_then_its_standing_notes(engine):
    # A9599 is on CMS's NOC list and was terminated 2017-12-31.
    late = on(engine, "A9599", "2018-01-02")
    assert [issue.rule for issue in late.issues] == [
        "HCPCS.TERMINATED",
        "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS",
        NOC,
    ]
    assert not late.valid
    in_force = on(engine, "A9599", "2017-12-31")
    assert [issue.rule for issue in in_force.issues] == ["HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS", NOC]
    assert in_force.valid


# --------------------------------------------------------------------------- classification


def test_classification_lists_the_classifying_columns_in_order(engine):
    result = on(engine, "E0100")
    assert result.classification.category == "HCPCS Level II"
    assert result.classification.section == "Durable medical equipment"
    assert result.classification.properties == (
        Property("betos", "D1E", "Other DME"),
        Property("type_of_service_1", "A", "Used durable medical equipment (DME)"),
        Property("type_of_service_2", "P", "Lump sum purchase of DME, prosthetics, orthotics"),
        Property("type_of_service_3", "R", "Rental of DME"),
        Property(
            "pricing_indicator_1",
            "32",
            f"{tables.PRICING_INDICATORS['32']} ({tables.PRICING_INDICATOR_GROUPS['32']})",
        ),
        Property("coverage", "D", "Special coverage instructions apply"),
    )


def test_payer_context_comes_first_and_only_for_its_letters(engine):
    g_code = on(engine, "G0008").classification
    assert g_code.properties[0] == Property("payer_context", "G", tables.PAYER_CONTEXT["G"])
    assert property_codes(g_code) == [
        "payer_context",
        "betos",
        "type_of_service_1",
        "pricing_indicator_1",
        "coverage",
    ]
    for code in ("E0100", "A0021", "J1100"):
        assert "payer_context" not in property_codes(on(engine, code).classification)


def test_unknown_code_still_gets_its_section_but_no_properties(engine):
    result = on(engine, "A0000")
    assert [issue.rule for issue in result.issues] == ["HCPCS.UNKNOWN_CODE"]
    assert result.issues[0].severity is Severity.ERROR
    assert result.classification.section.startswith("Transportation services")
    assert result.classification.properties == ()
    assert result.display == ""
    assert engine.lookup("A0000") is None


# --------------------------------------------------------------------------- coverage notes


@pytest.mark.parametrize(
    ("code", "cov", "rule", "severity"),
    [
        ("A0425", "C", "HCPCS.COVERAGE_CARRIER_JUDGEMENT", Severity.INFO),
        ("E0100", "D", "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS", Severity.INFO),
        ("A0021", "I", "HCPCS.COVERAGE_NOT_PAYABLE", Severity.WARNING),
        ("A0888", "M", "HCPCS.COVERAGE_NOT_COVERED", Severity.WARNING),
        ("A4252", "S", "HCPCS.COVERAGE_STATUTORY_EXCLUSION", Severity.WARNING),
    ],
)
def test_each_coverage_code_gives_its_own_note(engine, code, cov, rule, severity):
    result = on(engine, code)
    assert result.valid
    assert issues_of(result) == [(rule, severity, "code")]
    assert result.issues[0].message == (
        f"{code} has Medicare coverage code {cov}: {tables.COVERAGE_CODES[cov]}"
    )


# --------------------------------------------------------------------------- code shape


@pytest.mark.parametrize("raw", ["J110", "J11000", "F0001", "I0001", "W1234", "AB123", "A12B4"])
def test_codes_not_shaped_like_hcpcs_are_refused(engine, raw):
    # Four or six characters, a letter outside the HCPCS alphabet, or a non-digit after the
    # letter: HCPCS does not claim it, and says so when the caller names the system.
    unhinted = on(engine, raw)
    assert [issue.rule for issue in unhinted.issues] == ["ENGINE.UNRECOGNISED_CODE"]
    assert unhinted.system == ""
    hinted = on(engine, raw, system="hcpcs")
    assert [issue.rule for issue in hinted.issues] == ["ENGINE.INVALID_FORMAT"]
    assert "HCPCS Level II" in hinted.issues[0].message
    assert not hinted.valid


@pytest.mark.parametrize("letter", sorted(tables.SECTIONS))
def test_every_letter_of_the_hcpcs_alphabet_is_claimed(engine, letter):
    result = on(engine, f"{letter}9990", system="hcpcs")
    assert result.system == "hcpcs" and result.code == f"{letter}9990"
    assert "ENGINE.INVALID_FORMAT" not in [issue.rule for issue in result.issues]


# --------------------------------------------------------------------------- dates


def test_terminated_code_suggests_every_cms_cross_reference_in_order(engine):
    # C9742 was terminated 2016-12-31; CMS cross-references it to 31573 and 31574.
    late = on(engine, "C9742", "2017-01-02")
    assert late.replacements == ("31573", "31574")
    assert late.issues[0].message.endswith("suggested replacement: 31573, 31574")
    assert on(engine, "C9742", "2016-12-31").replacements == ()


def test_terminated_code_without_cross_reference_suggests_nothing(engine):
    # A4397 was terminated 2021-12-31 and has no XREF.
    late = on(engine, "A4397", "2022-01-03")
    assert late.issues[0].rule == "HCPCS.TERMINATED"
    assert late.replacements == ()
    assert late.issues[0].suggestions == ()
    assert "suggested replacement" not in late.issues[0].message


def test_active_code_has_no_date_issue_on_any_date_after_it_was_added(engine):
    for day in ("1986-01-01", "2025-10-15", "2040-01-01"):
        assert [issue.rule for issue in on(engine, "E0100", day).issues] == [
            "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS"
        ]
    early = on(engine, "E0100", "1985-12-31")
    assert [issue.rule for issue in early.issues] == [
        "HCPCS.NOT_YET_EFFECTIVE",
        "HCPCS.COVERAGE_SPECIAL_INSTRUCTIONS",
    ]


# --------------------------------------------------------------------------- modifiers


def test_terminated_modifier_is_an_error_after_its_last_day(engine):
    # JG's TERM DT is 20241231.
    late = on(engine, "E0100-JG", "2025-01-01")
    assert not late.valid
    assert issues_of(late)[0] == ("HCPCS.MODIFIER_TERMINATED", Severity.ERROR, "modifiers[0]")
    assert "modifier JG was terminated 2024-12-31" in late.issues[0].message
    assert on(engine, "E0100-JG", "2024-12-31").valid


def test_modifier_before_its_add_date_is_an_error(engine):
    # JL's ADD DT is 20230401.
    early = on(engine, "E0100-RT-JL", "2023-03-31")
    assert issues_of(early)[0] == (
        "HCPCS.MODIFIER_NOT_YET_EFFECTIVE",
        Severity.ERROR,
        "modifiers[1]",
    )
    assert "2023-04-01" in early.issues[0].message
    assert on(engine, "E0100-RT-JL", "2023-04-01").valid


def test_hcpcs_claims_letter_modifiers_and_leaves_digits_to_cpt(engine):
    assert on(engine, "E0100-RT-LT-KX", "2025-10-15").valid
    assert on(engine, "E0100-25", "2025-10-15").valid  # a CPT modifier, checked by CPT
    unknown = on(engine, "E0100-1P")  # has a letter: HCPCS's, and not in CMS's file
    assert issues_of(unknown)[0] == ("HCPCS.UNKNOWN_MODIFIER", Severity.ERROR, "modifiers[0]")
    assert "1P" in unknown.issues[0].message


# --------------------------------------------------------------------------- lookup


def test_lookup_lists_exactly_the_columns_cms_filled_in(engine):
    found = engine.lookup("E0100")
    assert found.display == "Cane, includes canes of all materials, adjustable or fixed, with tip"
    assert [p.code for p in found.properties] == [
        "sequence_number",
        "record_type",
        "long_description",
        "short_description",
        "pricing_indicator_1",
        "multiple_pricing_indicator",
        "cim_reference_1",
        "cim_reference_2",
        "mcm_reference_1",
        "coverage",
        "betos",
        "type_of_service_1",
        "type_of_service_2",
        "type_of_service_3",
        "anesthesia_base_units",
        "add_date",
        "action_effective_date",
        "action_code",
    ]
    assert all(p.value not in ("", None) for p in found.properties)  # never a blank column
    codes = {p.code: p for p in found.properties}
    assert codes["cim_reference_1"] == Property(  # a reference: no coded meaning
        "cim_reference_1", "60-3", "", PropertyType.STRING
    )
    assert codes["action_code"].meaning == "No maintenance for this code"
    assert codes["record_type"] == Property("record_type", "3", "Procedure record")
    assert found.classification == on(engine, "E0100").classification


def test_lookup_values_are_typed_as_their_definitions_say(engine):
    found = engine.lookup("E0100")
    codes = {p.code: p.value for p in found.properties}
    assert codes["add_date"] == date(1986, 1, 1)
    assert codes["anesthesia_base_units"] == 0
    assert codes["sequence_number"] == "00100"  # text: its leading zeros are CMS's
    hcpcs = next(system for system in engine.systems if system.id == "hcpcs")
    types = {d.code: d.type for d in hcpcs.property_definitions}
    python_type = {
        PropertyType.CODE: str,
        PropertyType.STRING: str,
        PropertyType.INTEGER: int,
        PropertyType.BOOLEAN: bool,
        PropertyType.DATE: date,
    }
    for code in ("E0100", "A0999", "G0328", "C9742", "G0008", "RT", "JG"):
        found = engine.lookup(code)
        for prop in (*found.properties, *found.classification.properties):
            assert type(prop.value) is python_type[types[prop.code]], prop
            assert prop.value_type is types[prop.code], prop  # what the wire will say


def test_property_definitions_are_stable_snake_case_and_unique(engine):
    hcpcs = next(system for system in engine.systems if system.id == "hcpcs")
    codes = [d.code for d in hcpcs.property_definitions]
    assert len(codes) == len(set(codes)) == 49  # 47 CMS columns, payer_context, noc
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", code) for code in codes)
    assert all(d.description.strip() for d in hcpcs.property_definitions)
    types = {d.code: d.type for d in hcpcs.property_definitions}
    assert {code for code, kind in types.items() if kind is PropertyType.DATE} == {
        "asc_group_date",
        "opps_group_date",
        "add_date",
        "action_effective_date",
        "termination_date",
    }
    assert types["anesthesia_base_units"] is PropertyType.INTEGER
    assert types["noc"] is PropertyType.BOOLEAN
    assert types["coverage"] is types["betos"] is types["payer_context"] is PropertyType.CODE
    assert types["long_description"] is types["statute"] is PropertyType.STRING
    # Every column but the code itself is a property, and every typed column is checked
    # at load: a date or number that cannot be parsed never reaches a lookup.
    assert set(COLUMN_DEFINITIONS) == set(COLUMNS) - {"HCPC"}
    assert {c for c, d in COLUMN_DEFINITIONS.items() if d.type is PropertyType.DATE} == set(
        DATE_COLUMNS
    )
    assert {c for c, d in COLUMN_DEFINITIONS.items() if d.type is PropertyType.INTEGER} == set(
        INTEGER_COLUMNS
    )


@pytest.mark.parametrize("code", ["E0100", "G0008", "A0999", "A0021", "J1100", "S9999"])
def test_classification_properties_mean_the_same_in_a_lookup(engine, code):
    classified = on(engine, code).classification.properties
    looked_up = {p.code: p for p in engine.lookup(code).properties}
    for prop in classified:
        if prop.code in looked_up:
            assert looked_up[prop.code] == prop
    assert engine.lookup(code).classification.properties == classified


def test_lookup_gives_lab_certification_meanings(engine):
    codes = {p.code: p for p in engine.lookup("G0328").properties}
    assert codes["lab_certification_1"] == Property(
        "lab_certification_1", "310", "Routine chemistry"
    )
    assert codes["lab_certification_2"] == Property("lab_certification_2", "400", "Hematology")
    assert "lab_certification_3" not in codes


def test_pricing_indicator_meaning_names_its_payment_system_when_it_has_one(engine):
    a0021 = {p.code: p for p in engine.lookup("A0021").properties}
    assert a0021["pricing_indicator_1"] == Property(
        "pricing_indicator_1", "00", tables.PRICING_INDICATORS["00"]
    )
    g0008 = {p.code: p for p in engine.lookup("G0008").properties}
    assert g0008["pricing_indicator_1"].meaning == (
        f"{tables.PRICING_INDICATORS['54']} ({tables.PRICING_INDICATOR_GROUPS['54']})"
    )
    assert g0008["coverage"].meaning == "Carrier judgment"  # not a pricing indicator: no group


def test_lookup_of_a_terminated_code_shows_its_termination_date(engine):
    codes = {p.code: p.value for p in engine.lookup("c9742").properties}
    assert codes["termination_date"] == date(2016, 12, 31)
    assert (codes["cross_reference_1"], codes["cross_reference_2"]) == ("31573", "31574")
    assert "cross_reference_3" not in codes


def test_lookup_says_whether_the_code_is_in_effect_on_the_date(engine):
    assert not engine.lookup("C9742", on=date(2016, 12, 31)).inactive
    assert engine.lookup("C9742", on=date(2017, 1, 1)).inactive
    assert engine.lookup("L6034", on=date(2025, 9, 30)).inactive  # added 2025-10-01
    assert not engine.lookup("L6034", on=date(2025, 10, 1)).inactive
    assert engine.lookup("JG", on=date(2025, 1, 1)).inactive  # a modifier, terminated 2024
    hcpcs = next(system for system in engine.systems if system.id == "hcpcs")
    assert hcpcs.in_effect("D0120", date(2025, 10, 1)) is None  # CDT: not in CMS's data
    assert hcpcs.in_effect("A0000", date(2025, 10, 1)) is None


# ------------------------------------------------- a user's release filling the last repeats

# G0328 as CMS's 2019 fixed-width release has it, with the last of each repeated column
# (PRICE4, LABCERT8, XREF5, TOS5) and a TERM DT filled in: the October 2025 data never uses
# them, but the record layout has them and a user's release may.
_FILLED = {
    (125, 127): "22",  # PRICE4
    (201, 204): "630",  # LABCERT8
    (224, 229): "82274",  # XREF5
    (264, 265): "5",  # TOS5
    (284, 292): "20191231",  # TERM DT
}


@pytest.fixture(scope="module")
def filled_release(tmp_path_factory) -> Engine:
    folder = tmp_path_factory.mktemp("release")
    source = (DATA / "cms2019" / "HCPC2019_CONTR_ANWEB.txt").read_bytes().decode("latin-1")
    (line,) = [row for row in source.split("\r\n") if row.startswith("G0328001003")]
    for (start, end), value in _FILLED.items():
        assert not line[start:end].strip()
        line = line[:start] + value + line[end:]
    assert len(line) == 320
    (folder / "HCPC2019_USER_ANWEB.txt").write_bytes((line + "\r\n").encode("latin-1"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CODESET_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return Engine.from_config(Config({"hcpcs": {"releases": str(folder), "embedded": "false"}}))


def test_last_repeated_columns_have_their_meanings(filled_release):
    codes = {p.code: p for p in filled_release.lookup("G0328").properties}
    assert codes["pricing_indicator_4"] == Property(
        "pricing_indicator_4",
        "22",
        f"{tables.PRICING_INDICATORS['22']} ({tables.PRICING_INDICATOR_GROUPS['22']})",
    )
    assert codes["lab_certification_8"] == Property("lab_certification_8", "630", "Cytology")
    assert codes["type_of_service_5"] == Property("type_of_service_5", "5", "Diagnostic laboratory")
    assert codes["termination_date"] == Property("termination_date", date(2019, 12, 31))
    in_force = filled_release.validate(Line("G0328", date_of_service="2019-06-01"))
    assert Property("type_of_service_5", "5", "Diagnostic laboratory") in (
        in_force.classification.properties
    )


def test_fifth_cross_reference_is_suggested(filled_release):
    late = filled_release.validate(Line("G0328", date_of_service="2020-01-01"))
    assert late.issues[0].rule == "HCPCS.TERMINATED"
    assert late.replacements == ("82274",)
    (edition,) = next(s for s in filled_release.systems if s.id == "hcpcs").editions
    assert edition.effective == date(2004, 1, 1)
    assert (edition.id, edition.title) == ("hcpcs-2004", "CMS HCPCS Level II, 2004 annual release")


# --------------------------------------------------------------------------- rule catalogue


def test_rule_catalogue_lists_every_hcpcs_rule_id_including_modifier_rules(engine):
    catalog = engine.rule_catalog
    assert {rule for rule in catalog if rule.startswith("HCPCS.")} == HCPCS_RULES
    for rule, description in MODIFIER_RULES.items():
        assert catalog[rule] == description
    assert catalog[CDT] == "A D code: ADA's CDT dental codes are not in CMS's file."
    assert catalog["HCPCS.COVERAGE_NOT_PAYABLE"] == (
        "Medicare coverage code I: Not payable by Medicare"
    )


def test_every_rule_an_hcpcs_answer_carries_is_in_the_catalogue(engine):
    answers = [
        on(engine, "D0120"),
        on(engine, "A0999"),
        on(engine, "A0000"),
        on(engine, "J0135", "2025-01-15"),
        on(engine, "L6034", "2025-09-01"),
        on(engine, "E0100-ZZ-JG"),
        on(engine, "E0100-JL", "2023-01-01"),
        *(on(engine, code) for code in ("A0425", "A0021", "A0888", "A4252")),
    ]
    seen = {issue.rule for result in answers for issue in result.issues}
    assert seen == HCPCS_RULES
    assert seen <= set(engine.rule_catalog)


def test_codeset_rules_command_prints_the_hcpcs_modifier_rules():
    codeset = shutil.which("codeset")
    assert codeset, "the codeset console script is not installed (pip install -e .)"
    run = subprocess.run(
        [codeset, "rules"], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    listed = {line.split(None, 1)[0]: line for line in run.stdout.splitlines()}
    assert set(listed) >= HCPCS_RULES
    for rule, description in MODIFIER_RULES.items():
        assert listed[rule].endswith(f"  {description}"), listed[rule]


def test_codeset_lookup_json_has_no_blank_values():
    codeset = shutil.which("codeset")
    assert codeset, "the codeset console script is not installed (pip install -e .)"
    run = subprocess.run(
        [codeset, "lookup", "A0999", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["code"] == "A0999"
    # Each property carries its value under a typed key (valueCode, valueDate, ...).
    values = [[v for k, v in p.items() if k.startswith("value")] for p in found["properties"]]
    assert values and all(len(value) == 1 and value[0] not in ("", None) for value in values)
    assert "termination_date" not in [p["code"] for p in found["properties"]]


# --------------------------------------------------------------------------- self-description


def test_hcpcs_system_names_itself_and_its_code_format(engine):
    hcpcs = next(system for system in engine.systems if system.id == "hcpcs")
    assert hcpcs.name == "HCPCS Level II"
    assert hcpcs.uri == "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
    assert hcpcs.code_format == (
        "a letter from the HCPCS alphabet (A-E, G, H, J-M, P-V) and four digits"
    )
    refused = on(engine, "F0001", system="hcpcs")
    assert refused.issues[0].message == (
        f"'F0001' is not a HCPCS Level II code: expected {hcpcs.code_format}"
    )


def test_a_line_is_answered_by_the_newest_release_in_effect_on_its_date():
    """With CMS's 2019 release beside the embedded 2025 one: a date is answered by the newest
    release in effect on it, a date before every release by the oldest, and a date that is not
    one by the newest, as an undated line is."""
    both = Engine.from_config(Config({"hcpcs": {"releases": [str(DATA / "cms2019")]}}))
    answered = {
        day: both.validate(Line("J1100", date_of_service=day)).edition
        for day in (
            "2018-05-01",
            "2025-09-30",
            "2025-10-01",
            "2025-10-15",
            "2025-13-01",
            "not a date",
        )
    }
    assert answered == {
        "2018-05-01": "hcpcs-2019",
        "2025-09-30": "hcpcs-2019",
        "2025-10-01": "hcpcs-2025-10",  # the day the October release takes effect
        "2025-10-15": "hcpcs-2025-10",
        "2025-13-01": "hcpcs-2025-10",
        "not a date": "hcpcs-2025-10",
    }


def test_lookup_marks_a_code_in_effect_on_every_day_between_its_dates(engine):
    # C9742: ADD DT 2015-01-01, TERM DT 2016-12-31; L6034: added 2025-10-01, not terminated.
    for day in (date(2015, 1, 1), date(2016, 6, 30), date(2016, 12, 31)):
        assert not engine.lookup("C9742", on=day).inactive, day
    for day in (date(2025, 10, 1), date(2025, 10, 15), date(2031, 1, 1)):
        assert not engine.lookup("L6034", on=day).inactive, day
    assert engine.lookup("C9742", on=date(2014, 12, 31)).inactive
