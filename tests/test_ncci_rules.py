"""NCCI claim rules over fixture tables in CMS's published layouts (every edit made up,
on public HCPCS Level II codes): each rule fires where it should and stays silent where it
should not, with effective and deletion dates, modifier bypass and MAI summing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine import Config, DataFileError, Engine, Severity
from engine.domain.claims import Claim, ClaimLine, Profile
from tests.conftest import DATA

QUARTER = DATA / "ncci" / "2025-10-01"
DAY = "2025-10-15"


@pytest.fixture(scope="module")
def ncci() -> Engine:
    return Engine.from_config(Config({"ncci": {"folders": [str(QUARTER)]}}))


def issues(engine: Engine, *lines: ClaimLine, setting: str = "practitioner", rule: str = "NCCI"):
    """The claim's issues of rules starting with `rule`, as (rule, lines) pairs."""
    result = engine.validate_claim(Claim(tuple(lines), setting=setting))
    return [(i.rule, i.lines) for i in result.issues if i.rule.startswith(rule)]


def line(
    number: int, code: str, units: int | str | Decimal | None = None, day: str = DAY, *mods: str
):
    return ClaimLine(number, code, tuple(mods), units, day)


def test_ptp_denies_column_two_citing_the_edit(ncci):
    result = ncci.validate_claim(Claim((line(1, "G0008"), line(2, "J1100"))))
    (issue,) = [i for i in result.issues if i.rule == "NCCI.PTP_COLUMN_TWO_DENIED"]
    assert issue.lines == (2, 1) and issue.severity is Severity.ERROR
    assert "J1100 is not payable with G0008" in issue.message
    assert "modifier indicator 1" in issue.message
    assert "FIXTURE: made-up edit, modifier allowed" in issue.message
    assert "ccipra-FIXTURE-f1.txt:" in issue.message
    assert not result.valid


def test_ptp_only_on_the_same_date_of_service(ncci):
    assert issues(ncci, line(1, "G0008"), line(2, "J1100", day="2025-10-16")) == []


def test_ptp_modifier_bypass_only_with_indicator_one(ncci):
    bypassed = issues(ncci, line(1, "G0008"), line(2, "J1100", None, DAY, "59"))
    assert bypassed == []
    on_column_one = issues(ncci, line(1, "G0008", None, DAY, "XU"), line(2, "J1100"))
    assert on_column_one == []
    not_ncci_modifier = issues(ncci, line(1, "G0008"), line(2, "J1100", None, DAY, "GA"))
    assert not_ncci_modifier == [("NCCI.PTP_COLUMN_TWO_DENIED", (2, 1))]
    indicator_zero = issues(
        ncci, line(1, "G0009", day="2025-06-30"), line(2, "J1100", None, "2025-06-30", "59")
    )
    assert indicator_zero == [("NCCI.PTP_COLUMN_TWO_DENIED", (2, 1))]


def test_ptp_deletion_date_is_the_last_day_it_applies(ncci):
    last_day = issues(ncci, line(1, "G0009", day="2025-06-30"), line(2, "J1100", day="2025-06-30"))
    assert last_day == [("NCCI.PTP_COLUMN_TWO_DENIED", (2, 1))]
    after = issues(ncci, line(1, "G0009", day="2025-07-01"), line(2, "J1100", day="2025-07-01"))
    assert after == []


def test_ptp_effective_date_is_the_first_day(ncci):
    before = issues(ncci, line(1, "A0428", day="2025-09-30"), line(2, "A0425", day="2025-09-30"))
    assert before == []
    on = issues(ncci, line(1, "A0428"), line(2, "A0425"), rule="NCCI.PTP")
    assert on == [("NCCI.PTP_COLUMN_TWO_DENIED", (2, 1))]


def test_ptp_indicator_nine_never_fires(ncci):
    assert issues(ncci, line(1, "E0100"), line(2, "E0105")) == []


def test_ptp_tables_of_one_setting_do_not_apply_to_another(ncci):
    pair = (line(1, "G0010"), line(2, "J1100"))
    assert issues(ncci, *pair, rule="NCCI.PTP") == []
    hospital = issues(ncci, *pair, setting="outpatient_hospital", rule="NCCI.PTP")
    assert hospital == [("NCCI.PTP_COLUMN_TWO_DENIED", (2, 1))]


def test_mue_line_edit_counts_each_line(ncci):
    assert issues(ncci, line(1, "E0100", 3)) == [("NCCI.MUE_LINE_EXCEEDED", (1,))]
    assert issues(ncci, line(1, "E0100", 2, DAY, "RT"), line(2, "E0100", 2, DAY, "LT")) == []


def test_mue_compares_decimal_units_and_prints_them_as_written(ncci):
    # Units may be fractional (X12 SV1-04): 2.00000 is 2, within E0100's made-up MUE of 2.
    assert issues(ncci, line(1, "E0100", "2.00000")) == []
    result = ncci.validate_claim(Claim((line(1, "E0100", "2.5"),)))
    assert [i.rule for i in result.issues] == ["NCCI.MUE_LINE_EXCEEDED"]
    assert "line 1: 2.5 units of E0100" in result.issues[0].message
    summed = ncci.validate_claim(
        Claim((line(1, "J1100", "6.50000"), line(2, "J1100", Decimal("4.5"), DAY, "JW")))
    )
    assert "lines 1, 2: 11 units of J1100" in summed.issues[0].message  # not 11.00000


def test_mue_date_of_service_edits_sum_units(ncci):
    summed = issues(ncci, line(1, "J1100", 6), line(2, "J1100", 5, DAY, "JW"))
    assert summed == [("NCCI.MUE_DATE_OF_SERVICE_EXCEEDED", (1, 2))]
    result = ncci.validate_claim(Claim((line(1, "J1100", 6), line(2, "J1100", 5, DAY, "JW"))))
    assert "11 units of J1100" in result.issues[0].message
    assert "MUE 10" in result.issues[0].message and "3 Date of Service Edit: Clinical" in (
        result.issues[0].message
    )
    apart = issues(ncci, line(1, "J1100", 6), line(2, "J1100", 5, "2025-10-16"))
    assert apart == []
    policy = issues(ncci, line(1, "G0008"), line(2, "G0008", None, DAY, "76"), rule="NCCI.MUE")
    assert policy == [("NCCI.MUE_DATE_OF_SERVICE_EXCEEDED", (1, 2))]


def test_mue_values_are_per_setting(ncci):
    assert issues(ncci, line(1, "E0100", 2)) == []
    assert issues(ncci, line(1, "E0100", 2), setting="dme") == [("NCCI.MUE_LINE_EXCEEDED", (1,))]


def test_mue_applies_only_from_the_quarter_start(ncci):
    assert issues(ncci, line(1, "E0100", 3, "2025-09-30")) == []


def test_add_on_codes_need_a_primary(ncci):
    type_one = ncci.validate_claim(Claim((line(1, "A0425"),)))
    (issue,) = type_one.issues
    assert (issue.rule, issue.severity, issue.lines) == (
        "NCCI.AOC_PRIMARY_MISSING",
        Severity.ERROR,
        (1,),
    )
    assert "A0428" in issue.message and "A0429" in issue.message
    assert issues(ncci, line(1, "A0429"), line(2, "A0425")) == []
    type_three = ncci.validate_claim(Claim((line(1, "J1110"),)))
    assert [(i.rule, i.severity) for i in type_three.issues] == [
        ("NCCI.AOC_PRIMARY_NOT_LISTED", Severity.WARNING)
    ]
    assert type_three.valid
    type_two = ncci.validate_claim(Claim((line(1, "G0010"),)))
    assert [(i.rule, i.severity) for i in type_two.issues] == [
        ("NCCI.AOC_CONTRACTOR_DECIDES", Severity.INFO)
    ]


def test_profiles_switch_ncci_families(ncci):
    claim = Claim((line(1, "G0008"), line(2, "J1100", 11)))
    everything = {i.rule for i in ncci.validate_claim(claim).issues}
    assert {"NCCI.PTP_COLUMN_TWO_DENIED", "NCCI.MUE_DATE_OF_SERVICE_EXCEEDED"} <= everything
    only_mue = ncci.validate_claim(claim, Profile(families=frozenset({"ncci.mue"})))
    assert {i.rule for i in only_mue.issues} == {"NCCI.MUE_DATE_OF_SERVICE_EXCEEDED"}


def test_a_malformed_edit_file_fails_at_load_naming_file_and_line(tmp_path):
    folder = tmp_path / "2025-10-01"
    folder.mkdir()
    broken = folder / "ccipra-FIXTURE-f2.txt"
    source = (QUARTER / "ccipra-FIXTURE-f1.txt").read_text(encoding="latin-1")
    broken.write_text(source.replace("20240101", "2024-01-01", 1), encoding="latin-1")
    with pytest.raises(DataFileError) as raised:
        Engine.from_config(Config({"ncci": {"folders": [str(folder)]}}))
    assert raised.value.path == broken and raised.value.where == "line 7"
