"""Engine behaviour a user relies on at its edges: units, the one date form (and the hint
for the compact one), modifier counts, input limits and messages, and a plugin that fails
at run time.

Every check is what a caller sees: a result from `Engine.validate`, an answer of
`Engine.lookup`, or the output of a `codeset` command run in-process. Real codes come
from the embedded CMS October 2025 HCPCS release; the broken plugin is made up (`zz-test`,
codes `ZZ` and three digits).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import ClassVar

import pytest

from engine import Classification, Config, Engine, Issue, Line, PluginConflictError, Rule, Severity
from engine.host.hookspecs import hookimpl
from engine.host.routing import PluginError
from engine.tools.cli import main as codeset

# Real HCPCS codes of the embedded release (HCPC2025_OCT_ANWEB).
CURRENT = "J1100"  # in effect since 1982, no termination date
DENTAL = "D0120"  # a CDT code: only an INFO note, never an error
C9174_LAST_DAY = date(2025, 9, 30)  # C9174: added 2025-07-01, TERM DT 20250930
QQ_TERMINATED = "QQ"  # HCPCS modifier terminated 2024-12-31
IN_EFFECT = "2025-10-15"


def rules_of(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def dated(code: str, **fields) -> Line:
    """A line with a date of service (an undated one also carries a note saying so)."""
    return Line(code, date_of_service=IN_EFFECT, **fields)


def errors_of(result) -> list[str]:
    return [issue.rule for issue in result.issues if issue.severity is Severity.ERROR]


# --- Units -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "units", [1, 2, 9_999_999_999, "1", "1.5", "0.00001", Decimal("0.5"), Decimal("12.25")]
)
def test_positive_units_are_accepted(engine, units):
    result = engine.validate(Line(CURRENT, date_of_service=IN_EFFECT, units=units))
    assert result.valid, result.issues
    assert "ENGINE.INVALID_UNITS" not in rules_of(result)


@pytest.mark.parametrize(
    "units",
    [
        0,
        -1,
        10**10,
        12_345_678_901,
        2.5,
        "0",
        "-1",
        "1.123456",
        "12345678901",
        "1e3",
        "",
        Decimal("NaN"),
    ],
)
def test_units_that_are_not_a_positive_number_are_refused(engine, units):
    result = engine.validate(Line(CURRENT, date_of_service=IN_EFFECT, units=units))
    assert not result.valid
    (issue,) = [i for i in result.issues if i.rule == "ENGINE.INVALID_UNITS"]
    assert issue.field == "units"
    assert issue.message == (
        f"units {units!r} is not a positive number (at most 10 digits and 5 decimals)"
    )


def test_units_left_out_are_not_checked(engine):
    result = engine.validate(Line(CURRENT, date_of_service=IN_EFFECT))
    assert result.valid and "ENGINE.INVALID_UNITS" not in rules_of(result)


# --- Dates of service ----------------------------------------------------------------------


def full_width(text: str) -> str:
    return text.translate({ord(digit): ord(digit) + 0xFEE0 for digit in "0123456789"})


def invalid_date(result) -> Issue:
    (issue,) = [i for i in result.issues if i.rule == "ENGINE.INVALID_DATE"]
    assert issue.field == "date_of_service" and issue.severity is Severity.ERROR
    assert not result.valid and result.date_of_service is None
    return issue


def test_an_iso_date_of_service_decides_whether_a_code_was_in_effect(engine):
    last_day = engine.validate(Line("C9174", date_of_service="2025-09-30"))
    assert last_day.valid, last_day.issues
    assert last_day.date_of_service == C9174_LAST_DAY
    assert engine.validate(Line("C9174", date_of_service=C9174_LAST_DAY)) == last_day
    day_after = engine.validate(Line("C9174", date_of_service="2025-10-01"))
    assert errors_of(day_after) == ["HCPCS.TERMINATED"]
    assert day_after.issues[0].message == (
        "C9174 was terminated 2025-09-30 (its last valid date); date of service is 2025-10-01"
    )
    before = engine.validate(Line("C9174", date_of_service="2025-06-30"))
    assert errors_of(before) == ["HCPCS.NOT_YET_EFFECTIVE"]
    assert "effective from 2025-07-01; date of service 2025-06-30" in before.issues[0].message


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("20240315", "2024-03-15"),
        ("20250930", "2025-09-30"),
        ("20251015", "2025-10-15"),
        ("20251130", "2025-11-30"),
        ("20251231", "2025-12-31"),
    ],
)
def test_a_compact_yyyymmdd_date_is_refused_with_the_iso_date_it_spells(engine, text, meant):
    """One spelling only: a CMS/X12-style compact date gets the ISO form it meant, read
    digit for digit (the day and every month, October to December too)."""
    issue = invalid_date(engine.validate(Line(CURRENT, date_of_service=text)))
    assert issue.message == (
        f"date of service {text!r} is not a calendar date (write it YYYY-MM-DD: {meant})"
    )


@pytest.mark.parametrize(
    "text",
    [
        "2025101",  # seven digits
        "2024031",  # seven digits that would slice into 2024-03-01
        "202403010",  # nine digits that would slice into 2024-03-10
        "20250230",  # compact, but no such day
        "20251301",
        full_width("20240315"),  # digits, but not ASCII ones
        full_width("2025-10-01"),
        "2025-10-1",  # a day without its leading zero
        "2025-10-011",
        "2025/10-01",
        "2025+10-01",
        "2025-10/01",
        "2025-10+01",
        "2025-W40-3",  # ISO week dates: not the documented form
        "2025W403",
        " 2025-10-15",
        "yesterday",
    ],
)
def test_dates_not_written_yyyy_mm_dd_are_refused_naming_the_form(engine, text):
    issue = invalid_date(engine.validate(Line(CURRENT, date_of_service=text)))
    assert issue.message == f"date of service {text!r} is not a calendar date (expected YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2025-02-30", "day is out of range for month"), ("2025-13-01", "month must be in 1..12")],
)
def test_impossible_calendar_dates_say_why(engine, text, reason):
    issue = invalid_date(engine.validate(Line(CURRENT, date_of_service=text)))
    assert issue.message == f"date of service {text!r} is not a calendar date ({reason})"


def test_a_long_date_text_is_echoed_cut_short(engine):
    text = "2025-10-15" + "x" * 90
    issue = invalid_date(engine.validate(Line(CURRENT, date_of_service=text)))
    assert issue.message == (
        f"date of service {text[:80] + '… (100 characters)'!r} is not a calendar date "
        "(expected YYYY-MM-DD)"
    )


@pytest.mark.parametrize("value", [20251015, ["2025-10-15"], 2025.5])
def test_a_date_of_service_that_is_not_text_is_an_invalid_date_not_a_crash(engine, value):
    issue = invalid_date(engine.validate(Line(CURRENT, date_of_service=value)))  # type: ignore[arg-type]
    assert issue.message == f"date of service {value!r} is not a calendar date (not text)"


def test_an_undated_line_is_checked_for_today_and_says_so(engine):
    result = engine.validate(CURRENT)
    assert result.valid and result.date_of_service == engine.today()
    assert (
        "ENGINE.DATE_OF_SERVICE_ASSUMED",
        Severity.INFO,
        f"no date of service was given: checked for today, {engine.today().isoformat()}",
    ) in [(i.rule, i.severity, i.message) for i in result.issues]


# --- Modifiers -------------------------------------------------------------------------------


def test_four_modifiers_are_accepted_and_a_fifth_is_one_too_many(engine):
    four = engine.validate(Line("E0100-RT-KX-GA-GY", date_of_service=IN_EFFECT))
    assert four.valid, four.issues
    assert four.modifiers == ("RT", "KX", "GA", "GY")
    five = engine.validate(Line("E0100-RT-KX-GA-GY", modifiers=("GZ",), date_of_service=IN_EFFECT))
    assert errors_of(five) == ["ENGINE.TOO_MANY_MODIFIERS"]
    assert five.issues[0].message == "5 modifiers; a claim line carries at most 4"
    assert five.issues[0].field == "modifiers"


def test_modifiers_after_a_malformed_one_are_still_checked(engine):
    result = engine.validate(Line("E0100-R!-QQ", date_of_service=IN_EFFECT))
    assert [(i.rule, i.field) for i in result.issues if i.severity is Severity.ERROR] == [
        ("ENGINE.MALFORMED_MODIFIER", "modifiers[0]"),
        ("HCPCS.MODIFIER_TERMINATED", "modifiers[1]"),
    ]
    assert "modifier QQ was terminated 2024-12-31" in result.issues[1].message


# --- Input limits and messages ---------------------------------------------------------------


def test_sixty_four_characters_are_accepted_and_sixty_five_are_too_long(engine):
    padded = " " * 59 + CURRENT  # a fixed-width export pads the field
    assert len(padded) == 64
    accepted = engine.validate(Line(padded, date_of_service=IN_EFFECT))
    assert accepted.valid and accepted.code == CURRENT
    refused = engine.validate(Line(" " + padded, date_of_service=IN_EFFECT))
    assert not refused.valid and refused.code == ""
    assert [(i.rule, i.message) for i in refused.issues] == [
        ("ENGINE.INPUT_TOO_LONG", "input is 65 characters; at most 64 are accepted")
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("J11é0", "character 'é' at position 4 is not allowed in a code"),
        ("J1100\x00", "character '\\x00' at position 6 is not allowed in a code"),
        ("\u200bJ1100", "character '\\u200b' at position 1 is not allowed in a code"),
        ("J1100\t25\r", "character '\\r' at position 9 is not allowed in a code"),
    ],
)
def test_a_refused_character_is_named_with_its_position(engine, raw, message):
    result = engine.validate(raw)
    assert [(i.rule, i.message) for i in result.issues] == [("ENGINE.INVALID_CHARACTERS", message)]


def test_a_tab_separates_a_modifier_like_a_space(engine):
    result = engine.validate(Line("99213\t25", date_of_service=IN_EFFECT))
    assert result.valid and (result.code, result.modifiers) == ("99213", ("25",))


@pytest.mark.parametrize(
    ("raw", "message"),
    [("", "no code given"), ("  \t ", "no code given"), ("-25", "no code before the modifiers")],
)
def test_a_missing_code_says_what_was_missing(engine, raw, message):
    result = engine.validate(Line(raw, date_of_service=IN_EFFECT))
    assert [(i.rule, i.message) for i in result.issues] == [("ENGINE.EMPTY_CODE", message)]


def test_an_unknown_system_hint_lists_the_loaded_systems(engine):
    result = engine.validate(Line(CURRENT, system="icd10", date_of_service=IN_EFFECT))
    (issue,) = result.issues
    assert issue.message == "no code system 'icd10' is loaded (loaded: cpt, hcpcs)"


def test_an_unrecognised_code_lists_every_loaded_format(engine):
    (issue,) = engine.validate(Line("ZZ001", date_of_service=IN_EFFECT)).issues
    assert issue.rule == "ENGINE.UNRECOGNISED_CODE"
    assert issue.message.startswith("'ZZ001' is not a code of any loaded system (CPT: five digits")
    assert "; HCPCS Level II: a letter from the HCPCS alphabet" in issue.message


def test_the_claim_rule_families_a_profile_can_switch_are_listed_sorted(engine):
    families = engine.claim_rule_families
    assert families == sorted(families)
    assert {"claim.units", "ncci.mue", "ncci.ptp"} <= set(families)


def test_a_line_can_be_passed_by_name(engine):
    line = Line(CURRENT, date_of_service=IN_EFFECT)
    assert engine.validate(line=line, cached=False) == engine.validate(line)


def test_a_line_with_only_notes_is_valid(engine):
    result = engine.validate(Line(DENTAL, date_of_service=IN_EFFECT))
    assert result.valid and result.verdict == "unverified"
    assert [(i.rule, i.severity) for i in result.issues] == [
        ("HCPCS.CDT_EXISTENCE_UNVERIFIED", Severity.INFO)
    ]


def test_an_unknown_rule_profile_names_the_configured_ones(engine):
    with pytest.raises(KeyError, match=re.escape("(profiles: none configured)")):
        engine.profile("strict")
    configured = Engine.from_config(
        config=Config({"profiles": {"lenient": {"families": []}, "audit": {}}})
    )
    with pytest.raises(KeyError, match=re.escape("(profiles: audit, lenient)")):
        configured.profile("strict")


# --- A plugin that fails at run time ---------------------------------------------------------


class ZzTestSystem:
    """TEST FIXTURE: made-up codes `ZZ` + three digits, each failure on a chosen code."""

    id = "zz-test"
    uri = "urn:example:zz-test"
    name = "ZZ test codes (made up)"
    code_format = "ZZ and three digits (made up)"
    editions = ()
    property_definitions = ()

    def recognise(self, code):
        if code == "ZZ000":
            raise RuntimeError("FIXTURE: recognise fails on ZZ000")
        if code == CURRENT:  # overlaps one real HCPCS code, which it cannot look up
            return code
        return code if re.fullmatch(r"ZZ\d{3}", code) else None

    def classify(self, code):
        if code == "ZZ002":
            raise RuntimeError("FIXTURE: classify fails on ZZ002")
        if code == "ZZ005":
            return "ZZ test"  # text, not a Classification
        return Classification("ZZ test", "Made-up section")

    def describe(self, code):
        return None if code == "ZZ004" else "FIXTURE: made-up code"

    def lookup(self, code):
        raise RuntimeError(f"FIXTURE: lookup fails on {code}")


class ZzTestPlugin:
    __name__ = "zz_test_plugin"  # the name pluggy registers it under, and messages use

    @hookimpl
    def register_code_systems(self, register, config):
        register(ZzTestSystem())


@pytest.fixture(scope="module")
def zz_engine() -> Engine:
    return Engine.from_config(Config(), plugins=[ZzTestPlugin()])


def test_a_system_whose_recognise_raises_claims_nothing_and_spoils_no_other_line(zz_engine):
    before = zz_engine.faults.counts[("zz_test_plugin", "recognise")]
    results = zz_engine.validate_batch(
        [dated("ZZ000"), dated("99213-25"), dated("ZZ001"), "E0100-RT"]
    )
    assert [r.valid for r in results] == [False, True, True, True]
    assert rules_of(results[0]) == ["ENGINE.UNRECOGNISED_CODE"]
    assert [r.system for r in results[1:]] == ["cpt", "zz-test", "hcpcs"]
    assert zz_engine.faults.counts[("zz_test_plugin", "recognise")] > before


def test_a_hinted_line_whose_recognise_raises_is_a_plugin_error(zz_engine):
    result = zz_engine.validate(dated("ZZ000", system="zz-test"))
    assert not result.valid and result.classification is None
    (issue,) = result.issues
    assert (issue.rule, issue.severity) == ("ENGINE.PLUGIN_ERROR", Severity.ERROR)
    assert issue.message == (
        "plugin 'zz_test_plugin' failed in recognise: RuntimeError: FIXTURE: recognise fails on "
        "ZZ000"
    )
    assert zz_engine.validate(Line("ZZ001", system="zz-test")).valid


def test_a_classification_that_raises_fails_only_its_line(zz_engine):
    broken, healthy = zz_engine.validate_batch([dated("ZZ002"), dated("ZZ003")])
    assert not broken.valid and broken.classification is None and broken.display == ""
    assert [(i.rule, i.message) for i in broken.issues] == [
        (
            "ENGINE.PLUGIN_ERROR",
            "plugin 'zz_test_plugin' failed in classify/describe: RuntimeError: FIXTURE: "
            "classify fails on ZZ002",
        )
    ]
    assert healthy.valid and healthy.issues == ()
    assert healthy.classification == Classification("ZZ test", "Made-up section")
    assert healthy.display == "FIXTURE: made-up code"


@pytest.mark.parametrize(
    ("code", "answered"),
    [
        (
            "ZZ004",
            "returned Classification(category='ZZ test', section='Made-up section', "
            "subsection='', properties=()) and None",
        ),
        ("ZZ005", "returned 'ZZ test' and 'FIXTURE: made-up code'"),
    ],
)
def test_a_classification_or_descriptor_of_the_wrong_type_is_a_plugin_error(
    zz_engine, code, answered
):
    result = zz_engine.validate(dated(code))
    assert not result.valid and result.classification is None and result.display == ""
    assert [(i.rule, i.message) for i in result.issues] == [
        (
            "ENGINE.PLUGIN_ERROR",
            f"plugin 'zz_test_plugin' failed in classify/describe: {answered}, "
            "not a Classification and text",
        )
    ]


def test_a_lookup_that_raises_is_a_plugin_error_naming_the_plugin(zz_engine):
    with pytest.raises(PluginError) as raised:
        zz_engine.lookup("ZZ001")
    assert str(raised.value) == (
        "plugin 'zz_test_plugin' failed in lookup: RuntimeError: FIXTURE: lookup fails on ZZ001"
    )
    assert zz_engine.lookup("E0100", system="hcpcs").display.startswith("Cane")


def test_an_overlapping_system_that_cannot_look_the_code_up_adds_no_note(zz_engine):
    """J1100 is HCPCS's; the made-up system also recognises it, but its lookup raises: the
    line is answered as HCPCS and gets no 'also a code in' note for the broken system."""
    result = zz_engine.validate(Line(CURRENT, date_of_service=IN_EFFECT))
    assert result.valid and result.system == "hcpcs"
    assert "ENGINE.ALSO_CLAIMED" not in rules_of(result)


class BrokenFamily:
    name = "ZZ broken modifiers (made up)"
    rules: ClassVar[dict[str, str]] = {}

    def claims(self, modifier):
        raise RuntimeError("FIXTURE: claims always fails")

    def check(self, modifier, date_of_service, field):
        return ()


class ZzFamily:
    name = "ZZ modifiers (made up)"
    rules: ClassVar[dict[str, str]] = {"ZZ.MODIFIER_NOTE": "made-up note on every modifier"}

    def claims(self, modifier):
        return True

    def check(self, modifier, date_of_service, field):
        return (Issue("ZZ.MODIFIER_NOTE", Severity.INFO, f"made-up note on {modifier}", field),)


def test_a_modifier_family_whose_claims_raises_passes_the_modifier_on():
    engine = Engine(
        systems=[("zz_test_plugin", ZzTestSystem())],
        modifier_sets=[("zz_broken", BrokenFamily()), ("zz_test_plugin", ZzFamily())],
    )
    result = engine.validate(dated("ZZ001-AB"))
    assert result.valid
    assert [(i.rule, i.field) for i in result.issues] == [("ZZ.MODIFIER_NOTE", "modifiers[0]")]
    assert engine.faults.counts[("zz_broken", "modifier set 'ZZ broken modifiers (made up)'")]
    alone = Engine([("zz_test_plugin", ZzTestSystem())], [("zz_broken", BrokenFamily())])
    (issue,) = alone.validate(dated("ZZ001-AB")).issues
    assert issue.rule == "ENGINE.UNKNOWN_MODIFIER"
    assert issue.message == "modifier AB is not in any loaded modifier family"


def test_two_plugins_registering_one_system_id_are_refused_naming_the_first_conflict():
    with pytest.raises(PluginConflictError) as raised:
        Engine(
            systems=[
                ("zz_first", ZzTestSystem()),
                ("zz_second", ZzTestSystem()),
                ("zz_third", ZzTestSystem()),
            ]
        )
    assert str(raised.value) == (
        "plugin 'zz_second': code system id 'zz-test' is already registered by 'zz_first'"
    )


def test_a_repeated_line_is_answered_without_running_its_rules_again():
    """Results for repeated inputs come from the engine's cache, however the line's
    modifiers were passed (a tuple, or a list as JSON decoders give them)."""
    checked: list[tuple[str, tuple[str, ...]]] = []

    def counting(line):
        checked.append((line.code, line.modifiers))
        return ()

    engine = Engine(
        systems=[("zz_test_plugin", ZzTestSystem())],
        modifier_sets=[("zz_test_plugin", ZzFamily())],
        rules_=[("zz_test_plugin", Rule("zz-test", counting, {}))],
    )
    for _ in range(2):
        assert engine.validate("ZZ001").valid
        assert all(r.valid for r in engine.validate_batch(["ZZ003", "ZZ003-AB"]))
        assert all(r.valid for r in engine.iter_validate(["ZZ006"]))
        assert engine.validate(Line("ZZ007", modifiers=["AB", "CD"])).modifiers == ("AB", "CD")
    assert checked == [
        ("ZZ001", ()),
        ("ZZ003", ()),
        ("ZZ003", ("AB",)),
        ("ZZ006", ()),
        ("ZZ007", ("AB", "CD")),
    ]


# --- The CLI ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "status", "read_as"),
    [
        ("2025-09-30", 0, "2025-09-30"),
        ("20250930", 0, "2025-09-30"),  # the CLI reads CMS's compact form at its edge
        ("2025-10-01", 1, "2025-10-01"),
        ("20251001", 1, "2025-10-01"),
    ],
)
def test_codeset_validate_takes_a_date_in_either_form(capsys, day, status, read_as):
    assert codeset(["validate", "C9174", "--date", day, "--format", "jsonl"]) == status
    result = json.loads(capsys.readouterr().out)
    assert result["dateOfService"] == read_as
    errors = [i["rule"] for i in result["issues"] if i["severity"] == "SEVERITY_ERROR"]
    assert errors == ([] if status == 0 else ["HCPCS.TERMINATED"])


def test_codeset_lookup_lists_only_the_attributes_a_code_has(capsys):
    assert codeset(["lookup", CURRENT]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header == "J1100 (hcpcs, hcpcs-2025-10): Injection, dexamethasone sodium phosphate, 1 mg"
    labels = [row.split()[0] for row in rows]
    assert labels[:2] == ["category", "section"]  # HCPCS has no subsection
    assert "subsection" not in labels
    assert all(len(row.split()) >= 2 for row in rows)  # every row has a value
    assert "  pricing_indicator_1          51  (Drugs (Other))" in rows
    assert "  anesthesia_base_units        0" in rows
    assert "  add_date                     1982-01-01" in rows
    assert not {"termination_date", "cross_reference_1", "hcpc"} & set(labels)
    assert codeset(["lookup", CURRENT, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    codes = [p["code"] for p in found["properties"]]
    assert codes[:3] == ["sequence_number", "record_type", "long_description"]
    assert not {"termination_date", "cross_reference_1", "hcpc"} & set(codes)
    for item in found["properties"]:
        (value,) = [v for k, v in item.items() if k.startswith("value")]
        assert value not in ("", None)


def test_codeset_rules_lists_every_rule_a_result_can_carry(capsys):
    assert codeset(["rules"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines()}
    assert {
        "ENGINE.PLUGIN_ERROR",  # the engine's own
        "HCPCS.TERMINATED",  # a code rule
        "HCPCS.MODIFIER_TERMINATED",  # a modifier family's
        "CPT.UNKNOWN_MODIFIER",
    } <= listed
    assert any(rule.startswith("NCCI.") for rule in listed)  # claim rules'


# --- The plugin API's shared date check --------------------------------------------------


def test_effective_date_issue_takes_its_rule_ids_only_by_keyword():
    """PLUGINS.md's `engine.plugin_api.effective_date_issue`: the code, its dates and the date
    of service by position or by name; the rule ids, field and suggestions by name only."""
    from engine.plugin_api import effective_date_issue

    added, last_day = date(2020, 1, 1), date(2020, 12, 31)
    with pytest.raises(TypeError):
        effective_date_issue("ZZ001", None, None, date.today(), "ZZ.NOT_YET", "ZZ.TERMINATED")
    issue = effective_date_issue(
        what="ZZ001",
        added=added,
        terminated=last_day,
        on=date(2021, 1, 1),
        not_yet_rule="ZZ.NOT_YET",
        terminated_rule="ZZ.TERMINATED",
        suggestions=("ZZ002",),
    )
    assert issue.rule == "ZZ.TERMINATED"
    assert issue.suggestions == ("ZZ002",)
    assert issue.field == "code"


def test_every_rule_is_described_once_with_where_it_applies(engine):
    """The rule catalogue (what the plugin test kit checks results against) and the rule
    descriptions (`codeset rules`, ListRules) list the same ids: the engine's own, each
    system's, each modifier family's and each claim-rule family's, and only the last are
    claim rules."""
    described = {rule.id: rule for rule in engine.rule_descriptions}
    assert set(described) == set(engine.rule_catalog)
    kinds = {
        "ENGINE.INVALID_DATE": ("engine", "engine", False),
        "HCPCS.TERMINATED": ("hcpcs", "hcpcs", False),
        "HCPCS.MODIFIER_TERMINATED": ("HCPCS Level II modifiers", "hcpcs", False),
        "CLAIM.DUPLICATE_LINE": ("claim.duplicates", "claims", True),
    }
    for rule_id, kind in kinds.items():
        rule = described[rule_id]
        assert (rule.family, rule.plugin, rule.claim_rule) == kind
        assert rule.description == engine.rule_catalog[rule_id] != ""
    assert {r.claim_rule for r in described.values() if r.id.startswith("NCCI.")} == {True}
