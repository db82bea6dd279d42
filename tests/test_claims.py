"""Claims: per-line results plus the table-free claim checks, and rule profiles."""

from __future__ import annotations

from engine import Config, Engine, Severity
from engine.domain.claims import Claim, ClaimLine, Profile

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
    assert not result.valid


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


def test_profiles_from_configuration():
    config = Config(
        {
            "profiles": {
                "payer_x": {
                    "families": ["claim.dates"],
                    "severity": {"CLAIM.DUPLICATE_LINE": "error"},
                }
            }
        }
    )
    engine = Engine.from_config(config)
    profile = engine.profile("payer_x")
    assert profile.runs("claim.dates") and not profile.runs("claim.duplicates")
    assert profile.severities == {"CLAIM.DUPLICATE_LINE": Severity.ERROR}
    assert engine.profile("") == Profile()
