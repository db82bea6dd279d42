"""Claims over the wire: a 50-line claim, the claims stream, profiles per request and
how each of their entries is checked."""

from __future__ import annotations

import grpc
import pytest

from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc
from tests.grpc_checks import failure, invalid, reason, still_serving

DAY = "2025-10-15"


@pytest.fixture(scope="module")
def stub(server) -> codeset_pb2_grpc.CodesetServiceStub:
    with grpc.insecure_channel(server.address) as channel:
        yield codeset_pb2_grpc.CodesetServiceStub(channel)


def claim_line(number: int, code: str, day: str = DAY, **fields) -> pb.ClaimLine:
    narrative = fields.pop("narrative", "")
    return pb.ClaimLine(
        line_number=number,
        line=pb.Line(code=code, date_of_service=day, **fields),
        narrative=narrative,
    )


def validate_claim(stub, claim: pb.Claim, profile: pb.RuleProfile | None = None, **fields):
    request = pb.ValidateClaimRequest(claim=claim, profile=profile, **fields)
    return stub.ValidateClaim(request, timeout=10).result


def fifty_line_claim() -> pb.Claim:
    lines = [
        claim_line(n, code)
        for n, code in enumerate(["J1100", "99213-25", "E0100-RT", "G0008"] * 12, start=1)
    ]
    lines.append(claim_line(49, "E0100-ZZ"))
    lines.append(claim_line(50, "A0999"))
    return pb.Claim(claim_id="claim-50", lines=lines, submission_date="2025-10-20")


def test_fifty_line_claim_has_line_and_claim_issues(stub):
    result = validate_claim(stub, fifty_line_claim())
    assert result.claim_id == "claim-50" and result.verdict == pb.VERDICT_INVALID
    assert [line.line_number for line in result.lines] == list(range(1, 51))
    by_number = {line.line_number: line.result for line in result.lines}
    assert by_number[49].issues[0].rule == "HCPCS.UNKNOWN_MODIFIER"
    assert by_number[1].edition == "hcpcs-2025-10"
    claim_rules = {(issue.rule, issue.line_numbers[0]) for issue in result.issues}
    assert ("CLAIM.NOC_WITHOUT_NARRATIVE", 50) in claim_rules
    duplicates = [i for i in result.issues if i.rule == "CLAIM.DUPLICATE_LINE"]
    assert list(duplicates[0].line_numbers) == list(range(1, 49, 4))
    # The fixture NCCI tables: G0008 with J1100 on one day (PTP), J1100 and G0008 over
    # their made-up MUE values summed over the day.
    ptp = [i for i in result.issues if i.rule == "NCCI.PTP_COLUMN_TWO_DENIED"]
    assert len(ptp) == 12 and all(i.severity == pb.SEVERITY_ERROR for i in ptp)
    assert "FIXTURE: made-up edit" in ptp[0].message
    assert ("NCCI.MUE_DATE_OF_SERVICE_EXCEEDED", 4) in claim_rules


def test_claim_line_problems_are_claim_issues_never_failures(stub):
    claim = pb.Claim(
        lines=[
            claim_line(0, "J1100"),
            claim_line(2, "J1100", day=""),
            claim_line(2, "E0100"),
        ],
        setting=9,  # a setting number this server does not know
    )
    rules = {issue.rule for issue in validate_claim(stub, claim).issues}
    assert {
        "ENGINE.INVALID_LINE_NUMBER",
        "ENGINE.MISSING_DATE_OF_SERVICE",
        "ENGINE.DUPLICATE_LINE_NUMBER",
        "ENGINE.UNKNOWN_SETTING",
    } <= rules
    assert "ENGINE.EMPTY_CLAIM" in {i.rule for i in validate_claim(stub, pb.Claim()).issues}
    empty = stub.ValidateClaim(pb.ValidateClaimRequest(), timeout=5).result
    assert empty.verdict == pb.VERDICT_INVALID


def test_an_unspecified_setting_is_a_practitioner_claim(stub):
    lines = [claim_line(1, "J1100"), claim_line(2, "E0100")]
    unspecified = validate_claim(stub, pb.Claim(lines=lines))
    practitioner = validate_claim(stub, pb.Claim(lines=lines, setting=pb.SETTING_PRACTITIONER))
    assert unspecified == practitioner
    assert "ENGINE.UNKNOWN_SETTING" not in {issue.rule for issue in unspecified.issues}


def test_profile_per_request_overrides_severity_families_and_disabled_rules(stub):
    claim = pb.Claim(lines=[claim_line(n, "J1100") for n in (1, 2)])
    default = validate_claim(stub, claim)
    assert default.verdict == pb.VERDICT_VALID  # a duplicate is a warning by default
    assert "CLAIM.DUPLICATE_LINE" in {issue.rule for issue in default.issues}
    strict = pb.RuleProfile(severity_overrides={"CLAIM.DUPLICATE_LINE": pb.SEVERITY_ERROR})
    result = validate_claim(stub, claim, strict)
    assert result.verdict == pb.VERDICT_INVALID
    (duplicate,) = [i for i in result.issues if i.rule == "CLAIM.DUPLICATE_LINE"]
    assert duplicate.severity == pb.SEVERITY_ERROR
    none = pb.RuleProfile(families=["claim.dates"])
    assert list(validate_claim(stub, claim, none).issues) == []
    quiet = pb.RuleProfile(disabled_rules=["CLAIM.DUPLICATE_LINE"])
    assert list(validate_claim(stub, claim, quiet).issues) == []


def test_a_line_rule_override_changes_the_line_verdict(stub):
    claim = pb.Claim(lines=[claim_line(1, "J0135", day="2025-01-15")])  # terminated
    assert validate_claim(stub, claim).verdict == pb.VERDICT_INVALID
    lenient = pb.RuleProfile(severity_overrides={"HCPCS.TERMINATED": pb.SEVERITY_WARNING})
    result = validate_claim(stub, claim, lenient)
    assert result.verdict == pb.VERDICT_VALID
    assert result.lines[0].result.issues[0].severity == pb.SEVERITY_WARNING


@pytest.mark.parametrize(
    ("profile", "expected_reason", "field"),
    [
        (pb.RuleProfile(name="nope"), "UNKNOWN_PROFILE", "profile.name"),
        (
            pb.RuleProfile(families=["ncci", "ncci.nope"]),
            "UNKNOWN_RULE_FAMILY",
            "profile.families[1]",
        ),
        (
            pb.RuleProfile(severity_overrides={"CLAIM.DUPLICATE_LINE": pb.SEVERITY_UNSPECIFIED}),
            "INVALID_SEVERITY",
            "profile.severity_overrides[CLAIM.DUPLICATE_LINE]",
        ),
        (
            pb.RuleProfile(severity_overrides={"HCPCS.TERMINATED": 7}),  # a newer client's
            "INVALID_SEVERITY",
            "profile.severity_overrides[HCPCS.TERMINATED]",
        ),
        (
            pb.RuleProfile(severity_overrides={"CLAIM.NOPE": pb.SEVERITY_ERROR}),
            "UNKNOWN_RULE",
            "profile.severity_overrides[CLAIM.NOPE]",
        ),
        (
            pb.RuleProfile(disabled_rules=["HCPCS.TERMINATED", "NOPE"]),
            "UNKNOWN_RULE",
            "profile.disabled_rules[1]",
        ),
    ],
)
def test_every_profile_entry_is_checked(stub, profile, expected_reason, field):
    claim = pb.Claim(lines=[claim_line(1, "J1100")])
    error = failure(stub.ValidateClaim, pb.ValidateClaimRequest(claim=claim, profile=profile))
    violations = invalid(error, expected_reason)
    assert list(violations) == [field]
    still_serving(stub)


def test_a_claim_over_the_line_limit_is_invalid_argument(stub):
    claim = pb.Claim(lines=[claim_line(n, "J1100") for n in range(1, 5_002)])
    error = failure(stub.ValidateClaim, pb.ValidateClaimRequest(claim=claim), timeout=30)
    assert "at most 5000" in invalid(error, "BATCH_TOO_LARGE")["claim.lines"]


def test_claims_stream_answers_in_order_each_message_in_its_view(stub):
    views = [
        pb.RESULT_VIEW_FULL if batch % 2 else pb.RESULT_VIEW_UNSPECIFIED for batch in range(20)
    ]

    def requests():
        for batch in range(20):
            yield pb.ValidateClaimStreamRequest(
                claims=[
                    pb.Claim(claim_id=f"{batch}:{n}", lines=[claim_line(1, "J1100")])
                    for n in range(50)
                ],
                view=views[batch],
            )

    responses = list(stub.ValidateClaimStream(requests(), timeout=60))
    assert len(responses) == 20
    for batch, response in enumerate(responses):
        assert not response.HasField("status")
        assert [r.claim_id for r in response.results] == [f"{batch}:{n}" for n in range(50)]
        display = response.results[0].lines[0].result.display
        assert bool(display) == (views[batch] == pb.RESULT_VIEW_FULL)
        assert all(r.verdict == pb.VERDICT_VALID for r in response.results)


def test_claims_stream_answers_a_bad_message_with_a_status_and_goes_on(stub):
    claim = pb.Claim(claim_id="c", lines=[claim_line(1, "J1100")])
    requests = [
        pb.ValidateClaimStreamRequest(claims=[claim]),
        pb.ValidateClaimStreamRequest(claims=[claim], profile=pb.RuleProfile(name="nope")),
        pb.ValidateClaimStreamRequest(),
        pb.ValidateClaimStreamRequest(claims=[claim], editions={"hcpcs": "hcpcs-1999"}),
        pb.ValidateClaimStreamRequest(
            claims=[pb.Claim(lines=[claim_line(n, "J1100") for n in range(1, 2_502)])] * 2
        ),
        pb.ValidateClaimStreamRequest(claims=[claim, claim]),
    ]
    responses = list(stub.ValidateClaimStream(iter(requests), timeout=60))
    first, *refused, last = responses
    assert [r.claim_id for r in first.results] == ["c"]
    assert [r.claim_id for r in last.results] == ["c", "c"]
    expected = [
        ("UNKNOWN_PROFILE", "profile.name"),
        ("EMPTY_BATCH", "claims"),
        ("UNKNOWN_EDITION", "editions[hcpcs]"),
        ("BATCH_TOO_LARGE", "claims"),
    ]
    for response, (expected_reason, field) in zip(refused, expected, strict=True):
        assert not response.results
        assert field in invalid(response.status, expected_reason)
    assert reason(refused[0].status) == "UNKNOWN_PROFILE"
