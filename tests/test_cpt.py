"""CPT without a licence (structure only) and with a licensed file (made-up fixture)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine import DataFileError, Line, Severity
from plugins.cpt.codeset import licensed_edition
from plugins.cpt.licensed import read_cpt_file
from tests.conftest import CPT_FIXTURE


def rules_of(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def test_without_licence_never_claims_existence(engine):
    result = engine.validate(Line("0042T", date_of_service="2025-10-15"))
    assert result.valid and result.display == ""
    assert rules_of(result) == ["CPT.EXISTENCE_UNVERIFIED"]
    assert "not checked" in result.issues[0].message
    assert result.issues[0].unverified and result.verdict == "unverified"


def test_category_i_code_outside_every_section_is_an_error(engine):
    result = engine.validate(Line("05000", date_of_service="2025-10-15"))
    assert not result.valid
    assert rules_of(result) == ["CPT.OUTSIDE_SECTION_RANGES"]
    assert result.verdict == "invalid"


def test_lookup_without_licence_gives_structure_only(engine):
    found = engine.lookup("99213")
    assert found.display == "" and found.classification.category == "Category I"
    assert [(p.code, p.value) for p in found.properties] == [("existence", "unverified")]
    assert not found.inactive  # no dates to tell


def test_licensed_file_checks_existence_descriptor_and_dates(licensed_engine):
    known = licensed_engine.validate(Line("99213-25", date_of_service="2025-03-01"))
    assert known.valid and known.issues == () and known.verdict == "valid"
    assert known.display.startswith("FIXTURE DESCRIPTOR ALPHA")
    unknown = licensed_engine.validate(Line("99214", date_of_service="2025-03-01"))
    assert rules_of(unknown) == ["CPT.UNKNOWN_CODE"] and not unknown.valid
    ended = licensed_engine.validate(Line("0042T", date_of_service="2011-01-01"))
    assert rules_of(ended) == ["CPT.TERMINATED"] and "2010-12-31" in ended.issues[0].message
    future = licensed_engine.validate(Line("0001U", date_of_service="2025-03-01"))
    assert rules_of(future) == ["CPT.NOT_YET_EFFECTIVE"]  # its add_date is written 20300101
    assert future.issues[0].severity is Severity.ERROR
    assert "2030-01-01" in future.issues[0].message


def test_licensed_lookup_has_typed_dates_and_knows_when_a_code_is_in_effect(licensed_engine):
    found = licensed_engine.lookup("0042T", on=date(2011, 1, 1))
    assert [(p.code, p.value) for p in found.properties] == [
        ("add_date", date(2005, 1, 1)),
        ("termination_date", date(2010, 12, 31)),
    ]
    assert found.inactive
    assert not licensed_engine.lookup("0042T", on=date(2010, 12, 31)).inactive
    assert not licensed_engine.lookup("99499", on=date(1990, 1, 1)).inactive  # no dates
    cpt = next(system for system in licensed_engine.systems if system.id == "cpt")
    codes = {definition.code for definition in cpt.property_definitions}
    assert codes == {"existence", "add_date", "termination_date"}


def test_licensed_system_reports_its_edition(licensed_engine):
    cpt = next(system for system in licensed_engine.systems if system.id == "cpt")
    (edition,) = cpt.editions
    assert edition.id == "cpt-fixture"
    assert edition.title == "AMA CPT, licensed file cpt_fixture.tsv"
    assert str(CPT_FIXTURE.parent) not in repr(edition)  # no server path reaches callers


@pytest.mark.parametrize(
    ("name", "edition_id"),
    [("cpt_2025.tsv", "cpt-2025"), ("CPT 2026 Q1.csv", "cpt-2026-q1"), ("cpt.tsv", "cpt-file")],
)
def test_licensed_edition_id_is_a_slug_of_the_file_name(name, edition_id):
    assert licensed_edition(Path("/srv/licensed") / name, None).id == edition_id


def test_cpt_modifiers_on_hcpcs_lines_and_hcpcs_modifiers_on_cpt_lines(engine):
    assert engine.validate(Line("G0008-59", date_of_service="2025-10-15")).code == "G0008"
    assert "CPT.UNKNOWN_MODIFIER" not in rules_of(engine.validate("G0008-59"))
    assert engine.validate(Line("99213-GT", date_of_service="2025-10-15")).valid


@pytest.mark.parametrize(
    ("content", "where", "problem"),
    [
        ("descriptor\nFIXTURE\n", "line 1", "header lacks code"),
        ("code,descriptor\n9921X,FIXTURE\n", "line 2", "not a CPT code"),
        ("code,descriptor\n99213,\n", "line 2", "no descriptor"),
        ("code\tdescriptor\tadd_date\n99213\tFIXTURE\t2025-13-01\n", "line 2", "add_date"),
        ("code,descriptor,term_date\n99213,FIXTURE,20251301\n", "line 2", "term_date"),
        ("code,descriptor,term_date\n99213,FIXTURE,2025/12/01\n", "line 2", "term_date"),
        ("code,descriptor\n99213,FIXTURE A\n99213,FIXTURE B\n", "line 3", "twice"),
        ("# only a comment\n", "", "no header row"),
    ],
)
def test_malformed_licensed_file_names_file_and_line(tmp_path, content, where, problem):
    path = tmp_path / "cpt.csv"
    path.write_text(content)
    with pytest.raises(DataFileError, match=problem) as raised:
        read_cpt_file(path)
    assert raised.value.path == path and raised.value.where == where


def test_missing_licensed_file(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        read_cpt_file(tmp_path / "absent.tsv")


def test_category_ii_codes_get_their_published_measure_group(engine):
    classification = engine.validate("3044F").classification
    assert (classification.category, classification.section, classification.subsection) == (
        "Category II",
        "Performance Measurement",
        "Diagnostic/Screening Processes or Results",
    )
