"""Claims over the wire: a 50-line claim, the claims stream, profiles per request."""

from __future__ import annotations

import grpc
import pytest

from engine.transport.api.codeset.v1 import codeset_pb2 as pb

DAY = "2025-10-15"


def fifty_line_claim() -> pb.Claim:
    lines = [
        pb.ClaimLine(line_number=n, code=code, date_of_service=DAY)
        for n, code in enumerate(["J1100", "99213-25", "E0100-RT", "G0008"] * 12, start=1)
    ]
    lines.append(pb.ClaimLine(line_number=49, code="E0100-ZZ", date_of_service=DAY))
    lines.append(pb.ClaimLine(line_number=50, code="A0999", date_of_service=DAY))
    return pb.Claim(claim_id="claim-50", lines=lines, submission_date="2025-10-20")


def test_fifty_line_claim_has_line_and_claim_issues(client):
    result = client.validate_claim(fifty_line_claim())
    assert result.claim_id == "claim-50" and not result.valid
    assert [line.line_number for line in result.lines] == list(range(1, 51))
    by_number = {line.line_number: line.result for line in result.lines}
    assert by_number[49].issues[0].rule == "HCPCS.UNKNOWN_MODIFIER"
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


def test_profile_per_request_overrides_severity_and_families(client):
    claim = pb.Claim(
        lines=[pb.ClaimLine(line_number=n, code="J1100", date_of_service=DAY) for n in (1, 2)]
    )
    assert client.validate_claim(claim).valid  # a duplicate is a warning by default
    strict = pb.RuleProfile(severity_overrides={"CLAIM.DUPLICATE_LINE": pb.SEVERITY_ERROR})
    assert not client.validate_claim(claim, strict).valid
    none = pb.RuleProfile(families=["claim.dates"])
    assert list(client.validate_claim(claim, none).issues) == []


def test_unknown_profile_or_family_is_invalid_argument(client):
    claim = pb.Claim(lines=[pb.ClaimLine(line_number=1, code="J1100")])
    for profile, field in (
        (pb.RuleProfile(name="nope"), "profile.name"),
        (pb.RuleProfile(families=["ncci.nope"]), "profile.families"),
    ):
        with pytest.raises(grpc.RpcError) as raised:
            client.validate_claim(claim, profile)
        assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert field in str(raised.value.trailing_metadata())


def test_claims_stream_answers_in_order_each_message_in_its_view(client):
    views = [
        pb.RESULT_VIEW_FULL if batch % 2 else pb.RESULT_VIEW_UNSPECIFIED for batch in range(20)
    ]

    def requests():
        for batch in range(20):
            yield pb.ValidateClaimStreamRequest(
                claims=[
                    pb.Claim(
                        claim_id=f"{batch}:{n}",
                        lines=[pb.ClaimLine(line_number=1, code="J1100", date_of_service=DAY)],
                    )
                    for n in range(50)
                ],
                view=views[batch],
            )

    responses = list(client.stub.ValidateClaimStream(requests(), timeout=60))
    assert len(responses) == 20
    for batch, response in enumerate(responses):
        assert [r.claim_id for r in response.results] == [f"{batch}:{n}" for n in range(50)]
        display = response.results[0].lines[0].result.display
        assert bool(display) == (views[batch] == pb.RESULT_VIEW_FULL)
        assert all(r.valid for r in response.results)
