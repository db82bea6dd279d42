"""Answers on CMS's real October 2025 HCPCS release, as a biller would ask them."""

from __future__ import annotations

from datetime import date

from engine import Line, Severity


def rules_of(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def test_a0021_exists_ambulance_outside_state_medicaid_only(engine):
    result = engine.validate(Line("A0021", date_of_service="2025-10-15"))
    assert result.valid
    assert result.system == "hcpcs"
    assert "outside state" in result.display.lower()
    assert "medicaid only" in result.display.lower()
    assert "ambulance" in result.classification.section.lower()
    coverage = [i for i in result.issues if i.rule == "HCPCS.COVERAGE_NOT_PAYABLE"]
    assert coverage and coverage[0].severity is Severity.WARNING
    assert "not payable" in coverage[0].message.lower()


def test_j0135_valid_mid_2024_and_terminated_after_2024(engine):
    assert engine.validate(Line("J0135", date_of_service="2024-06-01")).valid
    late = engine.validate(Line("J0135", date_of_service="2025-01-15"))
    assert not late.valid
    terminated = [i for i in late.issues if i.rule == "HCPCS.TERMINATED"]
    assert terminated and "2024-12-31" in terminated[0].message
    assert terminated[0].severity is Severity.ERROR


def test_l6034_not_yet_effective_before_october_2025(engine):
    early = engine.validate(Line("L6034", date_of_service="2025-09-01"))
    assert rules_of(early)[0] == "HCPCS.NOT_YET_EFFECTIVE"
    assert "2025-10-01" in early.issues[0].message
    assert not early.valid
    assert engine.validate(Line("L6034", date_of_service="2025-10-01")).valid


def test_terminated_code_suggests_cms_cross_reference(engine):
    # C9014 was terminated 2018-12-31; CMS's XREF1 points to J0567.
    result = engine.validate(Line("C9014", date_of_service="2019-03-01"))
    assert rules_of(result)[0] == "HCPCS.TERMINATED"
    assert "2018-12-31" in result.issues[0].message and "J0567" in result.issues[0].message
    assert result.replacements == ("J0567",)
    assert engine.validate(Line("C9014", date_of_service="2018-12-31")).replacements == ()


def test_modifiers_checked_against_cms_file(engine):
    assert engine.validate(Line("E0100-RT", date_of_service="2025-10-15")).valid
    bad = engine.validate(Line("E0100-ZZ", date_of_service="2025-10-15"))
    assert not bad.valid
    assert [(i.rule, i.field) for i in bad.issues if i.severity is Severity.ERROR] == [
        ("HCPCS.UNKNOWN_MODIFIER", "modifiers[0]")
    ]


def test_cpt_e_and_m_code_is_valid_in_structure_only(engine):
    result = engine.validate(Line("99213-25", date_of_service="2025-10-15"))
    assert result.valid
    assert (result.code, result.system, result.modifiers) == ("99213", "cpt", ("25",))
    assert result.classification.section == "Evaluation and Management"
    assert rules_of(result) == ["CPT.EXISTENCE_UNVERIFIED"]
    assert result.issues[0].severity is Severity.INFO
    assert result.issues[0].unverified and result.verdict == "unverified"
    assert result.display == ""


def test_cpt_categories(engine):
    categories = {
        code: engine.validate(code).classification.category for code in ("0001U", "1234F", "0042T")
    }
    assert categories["0001U"].startswith("Proprietary Laboratory Analyses")
    assert categories["1234F"] == "Category II"
    assert categories["0042T"] == "Category III"


def test_noc_code_needs_narrative(engine):
    result = engine.validate(Line("A0999", date_of_service="2025-10-15"))
    assert "HCPCS.NOC_NARRATIVE_REQUIRED" in rules_of(result)


def test_unknown_but_well_formed_hcpcs_code(engine):
    result = engine.validate(Line("A0000", date_of_service="2025-10-15"))
    assert not result.valid
    assert rules_of(result) == ["HCPCS.UNKNOWN_CODE"]


def test_lookup_returns_every_attribute_with_meanings(engine):
    found = engine.lookup("e0100")
    assert found.system == "hcpcs" and found.code == "E0100"
    codes = {p.code: p for p in found.properties}
    assert codes["betos"].value == "D1E" and codes["betos"].meaning
    assert codes["coverage"].value == "D"
    assert "special coverage" in codes["coverage"].meaning.lower()
    assert codes["add_date"].value == date(1986, 1, 1)
    assert codes["pricing_indicator_1"].value == "32"
    price = codes["pricing_indicator_1"].meaning
    assert price.startswith("Inexpensive & routinely purchased DME")
    assert price.endswith(
        "(Durable medical equipment, prosthetics, orthotics, supplies and surgical dressings)"
    )
    assert found.classification.section.lower().startswith("durable medical equipment")


def test_systems_report_their_editions(engine):
    systems = {system.id: system for system in engine.systems}
    assert set(systems) == {"hcpcs", "cpt"}
    (edition,) = systems["hcpcs"].editions
    assert edition.id == "hcpcs-2025-10"
    assert edition.title == "CMS HCPCS Level II, October 2025 quarterly release"
    assert edition.effective == date(2025, 10, 1)
    assert systems["cpt"].editions == ()
