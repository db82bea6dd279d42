"""Claims: per-line results plus the table-free claim checks, and rule profiles."""

from __future__ import annotations

from engine import Config, Engine, Severity
from engine.domain.claims import Claim, ClaimLine, Profile, Setting
from engine.domain.model import Verdict

DAY = "2025-10-15"


def claim(*lines: ClaimLine, **fields) -> Claim:
    return Claim(tuple(lines), **fields)


def rules_of(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def test_lines_are_validated_each_on_its_own(engine):
    result = engine.validate_claim(
        claim(
            ClaimLine(1, "J1100", date_of_service=DAY),
            ClaimLine(2, "E0100-ZZ", date_of_service=DAY),
        )
    )
    (n1, first), (n2, second) = result.lines
    assert (n1, first.valid, n2, second.valid) == (1, True, 2, False)
    assert (first.verdict, second.verdict) == (Verdict.VALID, Verdict.INVALID)
    assert not result.valid and result.verdict is Verdict.INVALID


def test_a_claim_of_valid_lines_is_valid_and_a_cpt_line_makes_it_unverified(engine):
    hcpcs = ClaimLine(1, "J1100", date_of_service=DAY)
    assert engine.validate_claim(claim(hcpcs)).verdict is Verdict.VALID
    mixed = engine.validate_claim(claim(hcpcs, ClaimLine(2, "99213", date_of_service=DAY)))
    assert mixed.valid and mixed.verdict is Verdict.UNVERIFIED  # no licensed CPT file


def test_a_claim_line_without_a_date_is_a_claim_issue_never_an_assumed_date(engine):
    result = engine.validate_claim(
        claim(ClaimLine(1, "J1100"), ClaimLine(2, "J1100", date_of_service=DAY, units=2))
    )
    assert [(i.rule, i.lines) for i in result.issues] == [("ENGINE.MISSING_DATE_OF_SERVICE", (1,))]
    assert result.issues[0].severity is Severity.ERROR
    assert not result.valid and result.verdict is Verdict.INVALID
    undated = dict(result.lines)[1]
    assert undated.date_of_service is None
    assert "ENGINE.DATE_OF_SERVICE_ASSUMED" not in rules_of(undated)


def test_line_numbers_must_be_positive(engine):
    result = engine.validate_claim(
        claim(
            ClaimLine(0, "J1100", date_of_service=DAY),
            ClaimLine(-2, "E0100", date_of_service=DAY),
            ClaimLine(3, "J1100", date_of_service=DAY, units=2),
        )
    )
    assert rules_of(result) == ["ENGINE.INVALID_LINE_NUMBER"]
    assert result.issues[0].severity is Severity.ERROR and not result.valid
    assert "0" in result.issues[0].message and "-2" in result.issues[0].message


def test_exact_duplicate_lines_are_flagged_naming_both(engine):
    result = engine.validate_claim(
        claim(
            ClaimLine(1, "E0100", ("RT", "KX"), 1, DAY),
            ClaimLine(2, "E0100", ("KX", "RT"), 1, DAY),
            ClaimLine(3, "E0100", ("KX", "RT"), 2, DAY),
        )
    )
    assert rules_of(result) == ["CLAIM.DUPLICATE_LINE"]
    assert result.issues[0].lines == (1, 2)
    assert result.issues[0].severity is Severity.WARNING


def test_duplicates_compare_units_by_value_and_print_them_plainly(engine):
    result = engine.validate_claim(
        claim(ClaimLine(1, "E0100", (), "1.50", DAY), ClaimLine(2, "E0100", (), "1.5", DAY))
    )
    assert rules_of(result) == ["CLAIM.DUPLICATE_LINE"]
    assert "E0100, 1.5 unit(s)" in result.issues[0].message
    huge = engine.validate_claim(claim(ClaimLine(1, "J1100", (), "12000.000", DAY)))
    assert "bills 12,000 units" in huge.issues[0].message


def test_contradictory_modifiers(engine):
    result = engine.validate_claim(
        claim(
            ClaimLine(1, "E0100", ("LT", "RT"), 1, DAY), ClaimLine(2, "E0100", ("50", "RT"), 1, DAY)
        )
    )
    assert [(i.rule, i.lines) for i in result.issues] == [
        ("CLAIM.CONTRADICTORY_MODIFIERS", (1,)),
        ("CLAIM.CONTRADICTORY_MODIFIERS", (2,)),
    ]
    assert not result.valid


def test_units_zero_or_absurd(engine):
    result = engine.validate_claim(
        claim(ClaimLine(1, "J1100", (), 0, DAY), ClaimLine(2, "J1100", (), 50_000, DAY))
    )
    first = dict(result.lines)[1]
    assert "ENGINE.INVALID_UNITS" in rules_of(first)
    assert [(i.rule, i.lines) for i in result.issues] == [("CLAIM.UNITS_IMPLAUSIBLE", (2,))]


def test_noc_code_needs_a_narrative_on_the_claim(engine):
    missing = engine.validate_claim(claim(ClaimLine(1, "A0999", date_of_service=DAY)))
    assert rules_of(missing) == ["CLAIM.NOC_WITHOUT_NARRATIVE"]
    given = engine.validate_claim(
        claim(ClaimLine(1, "A0999", date_of_service=DAY, narrative="FIXTURE: stretcher van"))
    )
    assert rules_of(given) == []


def test_date_of_service_after_submission(engine):
    result = engine.validate_claim(
        claim(
            ClaimLine(1, "J1100", date_of_service="2025-10-20"),
            ClaimLine(2, "J1100", date_of_service="2025-10-01", units=2),
            submission_date="2025-10-10",
        )
    )
    assert [(i.rule, i.lines) for i in result.issues] == [("CLAIM.DOS_AFTER_SUBMISSION", (1,))]
    assert "2025-10-20" in result.issues[0].message and "2025-10-10" in result.issues[0].message


def test_claim_shape_problems(engine):
    assert rules_of(engine.validate_claim(claim())) == ["ENGINE.EMPTY_CLAIM"]
    shaped = engine.validate_claim(
        claim(
            ClaimLine(1, "J1100", date_of_service=DAY),
            ClaimLine(1, "J1100", date_of_service=DAY, units=3),
            setting="hospice",
            submission_date="2025-02-30",
        )
    )
    assert set(rules_of(shaped)) == {
        "ENGINE.DUPLICATE_LINE_NUMBER",
        "ENGINE.UNKNOWN_SETTING",
        "ENGINE.INVALID_DATE",
    }
    compact = engine.validate_claim(
        claim(ClaimLine(1, "J1100", date_of_service=DAY), submission_date="20251020")
    )
    assert rules_of(compact) == ["ENGINE.INVALID_DATE"]  # strict ISO dates on claims too


def test_every_setting_is_accepted_by_its_enum_or_its_value(engine):
    line = ClaimLine(1, "E0100", date_of_service=DAY)
    for setting in Setting:
        for given in (setting, str(setting)):
            result = engine.validate_claim(claim(line, setting=given))
            assert "ENGINE.UNKNOWN_SETTING" not in rules_of(result), given
    assert Claim((line,)).setting is Setting.PRACTITIONER
    assert {str(s) for s in Setting} == {"practitioner", "outpatient_hospital", "dme"}


def test_profile_switches_families_off_and_overrides_severities(engine):
    duplicated = claim(
        ClaimLine(1, "A0021", date_of_service=DAY), ClaimLine(2, "A0021", date_of_service=DAY)
    )
    assert engine.validate_claim(duplicated).valid  # duplicates and coverage are warnings
    strict = Profile(
        severities={
            "CLAIM.DUPLICATE_LINE": Severity.ERROR,
            "HCPCS.COVERAGE_NOT_PAYABLE": Severity.ERROR,
        }
    )
    result = engine.validate_claim(duplicated, strict)
    assert not result.valid
    assert result.issues[0].severity is Severity.ERROR
    line = dict(result.lines)[1]
    assert not line.valid and line.issues[0].severity is Severity.ERROR
    quiet = engine.validate_claim(duplicated, Profile(families=frozenset({"ncci"})))
    assert quiet.issues == ()


def test_profile_disables_rules_on_lines_and_on_the_claim(engine):
    duplicated = claim(
        ClaimLine(1, "A0021", date_of_service=DAY), ClaimLine(2, "A0021", date_of_service=DAY)
    )
    full = engine.validate_claim(duplicated)
    assert "CLAIM.DUPLICATE_LINE" in rules_of(full)
    assert "HCPCS.COVERAGE_NOT_PAYABLE" in rules_of(dict(full.lines)[1])
    strict = {"CLAIM.DUPLICATE_LINE": Severity.ERROR, "HCPCS.COVERAGE_NOT_PAYABLE": Severity.ERROR}
    disabled = Profile(
        severities=strict,
        disabled=frozenset({"CLAIM.DUPLICATE_LINE", "HCPCS.COVERAGE_NOT_PAYABLE"}),
    )
    result = engine.validate_claim(duplicated, disabled)
    assert "CLAIM.DUPLICATE_LINE" not in rules_of(result)
    for _, line in result.lines:
        assert "HCPCS.COVERAGE_NOT_PAYABLE" not in rules_of(line)
        assert line.valid
    assert result.valid  # a disabled rule affects no verdict, even when made an error


def test_profiles_from_configuration():
    config = Config(
        {
            "profiles": {
                "payer_x": {
                    "families": ["claim.dates"],
                    "severity": {"CLAIM.DUPLICATE_LINE": "error"},
                    "disabled": ["CLAIM.NOC_WITHOUT_NARRATIVE"],
                }
            }
        }
    )
    engine = Engine.from_config(config)
    profile = engine.profile("payer_x")
    assert profile.runs("claim.dates") and not profile.runs("claim.duplicates")
    assert profile.severities == {"CLAIM.DUPLICATE_LINE": Severity.ERROR}
    assert profile.disabled == frozenset({"CLAIM.NOC_WITHOUT_NARRATIVE"})
    assert engine.profile("") == Profile()
