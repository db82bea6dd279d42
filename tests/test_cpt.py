"""CPT without a licence (structure only) and with a licensed file (made-up fixture)."""

from __future__ import annotations

import pytest

from engine import DataFileError, Line, Severity
from plugins.cpt.licensed import read_cpt_file


def rules_of(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def test_without_licence_never_claims_existence(engine):
    result = engine.validate("0042T")
    assert result.valid and result.display == ""
    assert rules_of(result) == ["CPT.EXISTENCE_UNVERIFIED"]
    assert "not checked" in result.issues[0].message


def test_category_i_code_outside_every_section_is_an_error(engine):
    result = engine.validate("05000")
    assert not result.valid
    assert rules_of(result) == ["CPT.OUTSIDE_SECTION_RANGES"]


def test_lookup_without_licence_gives_structure_only(engine):
    found = engine.lookup("99213")
    assert found.display == "" and found.classification.category == "Category I"
    assert [(p.name, p.value) for p in found.properties] == [("existence", "unverified")]


def test_licensed_file_checks_existence_descriptor_and_dates(licensed_engine):
    known = licensed_engine.validate(Line("99213-25", date_of_service="2025-03-01"))
    assert known.valid and known.issues == ()
    assert known.display.startswith("FIXTURE DESCRIPTOR ALPHA")
    unknown = licensed_engine.validate(Line("99214", date_of_service="2025-03-01"))
    assert rules_of(unknown) == ["CPT.UNKNOWN_CODE"] and not unknown.valid
    ended = licensed_engine.validate(Line("0042T", date_of_service="2011-01-01"))
    assert rules_of(ended) == ["CPT.TERMINATED"] and "2010-12-31" in ended.issues[0].message
    future = licensed_engine.validate(Line("0001U", date_of_service="2025-03-01"))
    assert rules_of(future) == ["CPT.NOT_YET_EFFECTIVE"]
    assert future.issues[0].severity is Severity.ERROR


def test_licensed_system_reports_its_edition(licensed_engine):
    cpt = next(system for system in licensed_engine.systems if system.id == "cpt")
    (edition,) = cpt.editions
    assert edition.name == "cpt_fixture"


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
