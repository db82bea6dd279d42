"""The real server on a real socket: every RPC, large batches and streams, health, reflection."""

from __future__ import annotations

import grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from engine import Line
from engine.tools.workload import mixed_lines
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import result_message
from plugins.hcpcs.dataset import load_data

ISSUE_TWO_LINES = [
    Line("A0021", date_of_service="2025-10-15"),
    Line("J0135", date_of_service="2024-06-01"),
    Line("J0135", date_of_service="2025-01-15"),
    Line("L6034", date_of_service="2025-09-01"),
    Line("L6034", date_of_service="2025-10-01"),
    Line("E0100-RT", date_of_service="2025-10-15"),
    Line("E0100-ZZ", date_of_service="2025-10-15"),
    Line("99213-25", date_of_service="2025-10-15"),
    Line("0001U", date_of_service="2025-10-15"),
    Line("1234F", date_of_service="2025-10-15"),
    Line("0042T", date_of_service="2025-10-15"),
    Line("C9014", date_of_service="2019-03-01"),
    Line("W1234", date_of_service="2025-10-15"),
]


def test_wire_answers_match_the_engine(engine, client):
    for line in ISSUE_TWO_LINES:
        assert client.validate(line, "id-1") == result_message(
            engine.validate(line), "id-1", full=False
        )


def test_wire_answer_carries_structured_issues(client):
    result = client.validate(Line("J0135", date_of_service="2025-01-15"))
    assert not result.valid
    issue = result.issues[0]
    assert issue.rule == "HCPCS.TERMINATED" and issue.severity == pb.SEVERITY_ERROR
    assert "2024-12-31" in issue.message and issue.field == "code"
    assert result.classification.category == "HCPCS Level II"


def test_ten_thousand_line_batch_complete_and_in_order(engine, client):
    lines = mixed_lines(10_000, sorted(load_data(()).codes), seed=7)
    request = pb.ValidateBatchRequest(
        lines=[
            pb.Line(
                code=line.code,
                modifiers=line.modifiers,
                date_of_service=line.date_of_service,
                units=line.units,
                correlation_id=str(n),
            )
            for n, line in enumerate(lines)
        ]
    )
    results = client.stub.ValidateBatch(request, timeout=60).results
    assert [r.correlation_id for r in results] == [str(n) for n in range(10_000)]
    expected = engine.validate_batch(lines)
    assert [r.code for r in results] == [r.code for r in expected]
    assert [r.valid for r in results] == [r.valid for r in expected]


def test_stream_of_100_batches_of_1000_complete_and_in_order(client):
    lines = mixed_lines(1000, sorted(load_data(()).codes), seed=3)

    def requests():
        for batch in range(100):
            yield pb.ValidateStreamRequest(
                lines=[
                    pb.Line(code=line.code, correlation_id=f"{batch}:{n}")
                    for n, line in enumerate(lines)
                ]
            )

    responses = list(client.stub.ValidateStream(requests(), timeout=120))
    assert len(responses) == 100
    for batch, response in enumerate(responses):
        ids = [result.correlation_id for result in response.results]
        assert ids == [f"{batch}:{n}" for n in range(1000)]


def test_lookup_and_list_code_systems(client):
    found = client.lookup("E0100")
    assert found.system == "hcpcs" and "Cane" in found.display
    assert {p.name: p.value for p in found.properties}["BETOS"] == "D1E"
    listed = client.list_code_systems()
    by_id = {s.id: s for s in listed.code_systems}
    assert set(by_id) == {"hcpcs", "cpt"}
    assert by_id["hcpcs"].editions[0].effective == "2025-10-01"
    assert listed.max_batch_lines == 10_000 and listed.version


def test_lookup_of_an_unknown_code_is_not_found(client):
    try:
        client.lookup("A0000")
    except grpc.RpcError as error:
        assert error.code() is grpc.StatusCode.NOT_FOUND
    else:
        raise AssertionError("expected NOT_FOUND")


def test_health_says_serving(client):
    assert client.serving()


def test_reflection_lists_the_service(client):
    database = ProtoReflectionDescriptorDatabase(client.channel)
    services = database.get_services()
    assert "codeset.v1.CodesetService" in services
    assert "grpc.health.v1.Health" in services
    described = database.FindFileContainingSymbol("codeset.v1.CodesetService")
    assert described.package == "codeset.v1"


def test_full_view_adds_descriptor_and_meanings_to_every_validate_rpc(client):
    line = pb.Line(code="E0100", date_of_service="2025-10-15")

    def answers(view: int) -> list[pb.LineResult]:
        unary = client.stub.Validate(pb.ValidateRequest(line=line, view=view), timeout=5)
        batch = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[line], view=view))
        (streamed,) = client.stub.ValidateStream(
            iter([pb.ValidateStreamRequest(lines=[line], view=view)]), timeout=5
        )
        return [unary.result, batch.results[0], streamed.results[0]]

    full, basic, default = (
        answers(view) for view in (pb.RESULT_VIEW_FULL, pb.RESULT_VIEW_BASIC, 0)
    )
    for result in full:
        assert result.display.startswith("Cane")
        assert {p.name: p.meaning for p in result.classification.properties}["BETOS"]
    for result in basic + default:
        assert result.display == "" and result.classification.section
        assert all(p.value and not p.meaning for p in result.classification.properties)
    assert basic == default


def test_claim_lines_follow_the_requested_view(client):
    claim = pb.Claim(
        lines=[pb.ClaimLine(line_number=1, code="E0100", date_of_service="2025-10-15")]
    )
    full = client.stub.ValidateClaim(pb.ValidateClaimRequest(claim=claim, view=pb.RESULT_VIEW_FULL))
    basic = client.stub.ValidateClaim(pb.ValidateClaimRequest(claim=claim))
    assert full.result.lines[0].result.display.startswith("Cane")
    assert basic.result.lines[0].result.display == ""


def test_a_line_sent_in_pieces_is_answered_as_the_merged_line(engine, client):
    """Protobuf lets a sender write a message field in several pieces that decoders merge
    (the code in one, the date in the other): one line, one answer."""
    pieces = [pb.Line(code="J0135"), pb.Line(date_of_service="2025-01-15", correlation_id="p")]
    raw = b"".join(pb.ValidateRequest(line=piece).SerializeToString() for piece in pieces)
    validate = client.channel.unary_unary(
        "/codeset.v1.CodesetService/Validate",
        request_serializer=None,
        response_deserializer=pb.ValidateResponse.FromString,
    )
    merged = Line("J0135", date_of_service="2025-01-15")
    assert validate(raw, timeout=5).result == result_message(
        engine.validate(merged), "p", full=False
    )
