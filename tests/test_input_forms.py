"""Raw code strings as billing systems send them, and input that must be refused cleanly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Line, Severity


@pytest.mark.parametrize(
    ("raw", "code", "modifiers"),
    [
        ("J1100", "J1100", ()),
        (" j1100 ", "J1100", ()),
        ("99213-25", "99213", ("25",)),
        ("99213 25 59", "99213", ("25", "59")),
        ("E0100-RT-KX", "E0100", ("RT", "KX")),
        ("99213:25", "99213", ("25",)),
        ("e0100 rt", "E0100", ("RT",)),
    ],
)
def test_billing_system_forms_parse(engine, raw, code, modifiers):
    result = engine.validate(Line(raw, date_of_service="2025-10-15"))
    assert (result.code, result.modifiers) == (code, modifiers)
    assert result.valid, result.issues


def test_modifiers_may_also_come_separately(engine):
    result = engine.validate(Line("E0100", modifiers=("rt", "KX"), date_of_service="2025-10-15"))
    assert result.modifiers == ("RT", "KX") and result.valid


@pytest.mark.parametrize(
    ("line", "rule", "field"),
    [
        (Line(""), "ENGINE.EMPTY_CODE", "code"),
        (Line("   "), "ENGINE.EMPTY_CODE", "code"),
        (Line("-25"), "ENGINE.EMPTY_CODE", "code"),
        (Line("J1100" * 20), "ENGINE.INPUT_TOO_LONG", "code"),
        (Line("J11é0"), "ENGINE.INVALID_CHARACTERS", "code"),
        (Line("J1100\x00"), "ENGINE.INVALID_CHARACTERS", "code"),
        (Line("J11#00"), "ENGINE.UNRECOGNISED_CODE", "code"),
        (Line("J1100."), "ENGINE.UNRECOGNISED_CODE", "code"),
        (Line("I1234"), "ENGINE.UNRECOGNISED_CODE", "code"),
        (Line("I1234", system="hcpcs"), "ENGINE.INVALID_FORMAT", "code"),
        (Line("J1100", system="icd10"), "ENGINE.UNKNOWN_SYSTEM", "system"),
        (Line("J1100-R!"), "ENGINE.MALFORMED_MODIFIER", "modifiers[0]"),
        (Line("J1100", modifiers=("RTX",)), "ENGINE.MALFORMED_MODIFIER", "modifiers[0]"),
        (Line("99213-42"), "CPT.UNKNOWN_MODIFIER", "modifiers[0]"),
        (Line("E0100-RT-KX-GA-GY-GZ"), "ENGINE.TOO_MANY_MODIFIERS", "modifiers"),
        (Line("J1100", date_of_service="2025-02-30"), "ENGINE.INVALID_DATE", "date_of_service"),
        (Line("J1100", date_of_service="yesterday"), "ENGINE.INVALID_DATE", "date_of_service"),
        (Line("J1100", date_of_service="20251015"), "ENGINE.INVALID_DATE", "date_of_service"),
        (Line("J1100", units=0), "ENGINE.INVALID_UNITS", "units"),
        (Line("J1100", units=-3), "ENGINE.INVALID_UNITS", "units"),
        (Line("J1100", units="0"), "ENGINE.INVALID_UNITS", "units"),
        (Line("J1100", units="-1"), "ENGINE.INVALID_UNITS", "units"),
        (Line("J1100", units="x"), "ENGINE.INVALID_UNITS", "units"),
        (Line("J1100", units=True), "ENGINE.INVALID_UNITS", "units"),
    ],
)
def test_bad_input_is_an_invalid_result_with_a_rule_id(engine, line, rule, field):
    result = engine.validate(line)
    assert not result.valid
    matching = [i for i in result.issues if i.rule == rule]
    assert matching, result.issues
    assert matching[0].field == field
    assert matching[0].severity is Severity.ERROR
    assert matching[0].message


def test_impossible_date_names_the_date(engine):
    result = engine.validate(Line("J1100", date_of_service="2025-02-30"))
    assert "2025-02-30" in result.issues[0].message


def test_a_compact_date_is_refused_with_the_iso_form_it_meant(engine):
    result = engine.validate(Line("J1100", date_of_service="20251015"))
    assert result.issues[0].rule == "ENGINE.INVALID_DATE" and not result.valid
    assert "2025-10-15" in result.issues[0].message
    assert result.date_of_service is None


def test_an_undated_line_is_checked_for_today_and_says_so_first(engine):
    result = engine.validate(Line("J1100"))
    assumed = result.issues[0]
    assert (assumed.rule, assumed.severity) == ("ENGINE.DATE_OF_SERVICE_ASSUMED", Severity.INFO)
    assert assumed.field == "date_of_service"
    assert result.date_of_service == engine.today()
    assert engine.today().isoformat() in assumed.message
    dated = engine.validate(Line("J1100", date_of_service="2025-10-15"))
    assert "ENGINE.DATE_OF_SERVICE_ASSUMED" not in [i.rule for i in dated.issues]


@pytest.mark.parametrize("units", [1, 3, "3", "2.5", Decimal("0.5"), "0.25"])
def test_units_are_a_positive_decimal_given_as_number_or_text(engine, units):
    result = engine.validate(Line("J1100", units=units, date_of_service="2025-10-15"))
    assert "ENGINE.INVALID_UNITS" not in [i.rule for i in result.issues], result.issues


def test_batch_keeps_order_and_one_bad_line_does_not_spoil_it(engine):
    lines = [Line("J1100", date_of_service="2025-10-15"), Line("\x00"), "99213-25", Line("")]
    results = engine.validate_batch(lines)
    assert [r.valid for r in results] == [True, False, True, False]
    assert [r.code for r in results] == ["J1100", "", "99213", ""]


def test_wrongly_typed_fields_are_answered_not_raised(engine):
    assert not engine.validate(Line(None)).valid  # type: ignore[arg-type]
    assert not engine.validate(Line("J1100", units="three")).valid
    assert not engine.validate(Line("J1100", units=2.5)).valid  # type: ignore[arg-type]
    assert not engine.validate(Line("J1100", modifiers=[["RT"]])).valid  # type: ignore[list-item]


@settings(max_examples=300, deadline=None)
@given(
    raw=st.text(max_size=80),
    system=st.sampled_from(["", "hcpcs", "cpt", "HCPCS", "nope"]),
    modifiers=st.lists(st.text(max_size=4), max_size=6),
    day=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)),
    units=st.one_of(
        st.none(),
        st.integers(-5, 10**12),
        st.decimals(),
        st.text(max_size=12),
        st.booleans(),
    ),
)
def test_hostile_input_never_raises_and_every_rule_is_published(
    engine, raw, system, modifiers, day, units
):
    result = engine.validate(Line(raw, system, tuple(modifiers), day, units))
    assert result.valid == (not any(i.severity is Severity.ERROR for i in result.issues))
    catalog = engine.rule_catalog
    assert all(issue.rule in catalog for issue in result.issues)
    if not result.valid:
        assert result.issues
