"""Bad input, deadlines, overload and shutdown over the wire: documented statuses, no losses.

Line problems are issues in results; request problems fail the call (or, in a stream,
answer one message with a status) with INVALID_ARGUMENT, a google.rpc.ErrorInfo (domain
"codeset-engine", a stable reason) and a google.rpc.BadRequest naming the field.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc
from tests.grpc_checks import error_info, failure, field_violations, invalid, reason, still_serving
from tests.server_process import ServerProcess, free_port

METADATA_LIMIT = 8 * 1024  # gRPC's default limit on a response's metadata (trailers)


@pytest.fixture(scope="module")
def channel(server):
    with grpc.insecure_channel(server.address) as connected:
        yield connected


@pytest.fixture(scope="module")
def stub(channel) -> codeset_pb2_grpc.CodesetServiceStub:
    return codeset_pb2_grpc.CodesetServiceStub(channel)


# --- Batches -----------------------------------------------------------------------------


def test_oversized_batch_is_invalid_argument_naming_the_limit(stub):
    lines = [pb.Line(code="J1100")] * 5_001
    error = failure(stub.ValidateBatch, pb.ValidateBatchRequest(lines=lines), timeout=30)
    assert "at most 5000" in invalid(error, "BATCH_TOO_LARGE")["lines"]
    assert error_info(error).metadata["maxBatchLines"] == "5000"
    still_serving(stub)


def test_a_full_batch_is_answered(stub):
    lines = [pb.Line(code="J1100", date_of_service="2025-10-15")] * 5_000
    results = stub.ValidateBatch(pb.ValidateBatchRequest(lines=lines), timeout=30).results
    assert len(results) == 5_000


def test_empty_batch_is_invalid_argument(stub):
    error = failure(stub.ValidateBatch, pb.ValidateBatchRequest(), timeout=5)
    assert "lines" in invalid(error, "EMPTY_BATCH")


# --- Validate: a batch of one --------------------------------------------------------------


def test_validate_of_a_line_without_code_is_an_invalid_result_not_a_failure(stub):
    for request in (pb.ValidateRequest(line=pb.Line()), pb.ValidateRequest()):
        result = stub.Validate(request, timeout=5).result
        assert result.verdict == pb.VERDICT_INVALID
        assert [issue.rule for issue in result.issues] == ["ENGINE.EMPTY_CODE"]
        assert result.issues[0].severity == pb.SEVERITY_ERROR
    still_serving(stub)


@pytest.mark.parametrize("day", ["2025-02-30", "20250115", "15/01/2025"])
def test_validate_of_a_bad_date_is_an_issue_not_a_failure(stub, day):
    request = pb.ValidateRequest(line=pb.Line(code="J1100", date_of_service=day))
    result = stub.Validate(request, timeout=5).result
    assert result.verdict == pb.VERDICT_INVALID and result.code == "J1100"
    (issue,) = [issue for issue in result.issues if issue.rule == "ENGINE.INVALID_DATE"]
    assert issue.field == "date_of_service" and day in issue.message


def test_validate_answers_exactly_as_a_batch_of_one(stub):
    for line in (
        pb.Line(code="E0100-RT", date_of_service="2025-10-15", correlation_id="c"),
        pb.Line(code="", units="0"),
        pb.Line(code="J1100", units="2.5", date_of_service="2025-10-15"),
    ):
        alone = stub.Validate(pb.ValidateRequest(line=line), timeout=5).result
        (batched,) = stub.ValidateBatch(pb.ValidateBatchRequest(lines=[line]), timeout=5).results
        assert alone == batched


def test_in_a_batch_bad_items_are_issues_not_failures(stub):
    lines = [
        pb.Line(code="J1100", date_of_service="2025-10-15"),
        pb.Line(code=""),
        pb.Line(code="J1100", date_of_service="2025-02-30"),
        pb.Line(code="J1100", units="0", date_of_service="2025-10-15"),
        pb.Line(code="J1100", system="nope", date_of_service="2025-10-15"),
    ]
    results = stub.ValidateBatch(pb.ValidateBatchRequest(lines=lines), timeout=5).results
    assert [r.verdict for r in results] == [pb.VERDICT_VALID] + [pb.VERDICT_INVALID] * 4
    assert [r.issues[0].rule for r in results[1:]] == [
        "ENGINE.EMPTY_CODE",
        "ENGINE.INVALID_DATE",
        "ENGINE.INVALID_UNITS",
        "ENGINE.UNKNOWN_SYSTEM",
    ]


def test_undecodable_request_bytes_are_invalid_argument(channel, stub):
    for method in ("Validate", "ValidateBatch", "ValidateClaim", "Lookup", "ListRules"):
        raw = channel.unary_unary(
            f"/codeset.v1.CodesetService/{method}",
            request_serializer=None,
            response_deserializer=None,
        )
        error = failure(raw, b"\xff\xff\xff\xff not protobuf", timeout=5)
        invalid(error, "MALFORMED_REQUEST")
        assert "codeset.v1." in error.details()
    still_serving(stub)


def test_call_past_its_deadline_is_deadline_exceeded(stub):
    start = random.randrange(1, 10**6)  # lines never answered before: no cached answers
    lines = [
        pb.Line(code=f"A{n % 10_000:04d}", units=str(start + n), date_of_service="2025-10-15")
        for n in range(5_000)
    ]
    error = failure(stub.ValidateBatch, pb.ValidateBatchRequest(lines=lines), timeout=0.005)
    assert error.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    still_serving(stub)


def test_a_view_the_server_does_not_know_is_invalid_argument(stub):
    request = pb.ValidateBatchRequest(lines=[pb.Line(code="J1100")], view=7)
    error = failure(stub.ValidateBatch, request, timeout=5)
    assert "RESULT_VIEW_FULL" in invalid(error, "UNKNOWN_RESULT_VIEW")["view"]
    error = failure(stub.Validate, pb.ValidateRequest(line=pb.Line(code="J1100"), view=3))
    assert "view" in invalid(error, "UNKNOWN_RESULT_VIEW")
    still_serving(stub)


# --- Streams: a message that cannot be used gets a status, and the stream goes on --------


def test_a_stream_answers_a_bad_middle_message_with_a_status_and_goes_on(stub):
    good = pb.ValidateStreamRequest(lines=[pb.Line(code="J1100", correlation_id="a")])
    requests = [
        good,
        pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")], view=-1),
        pb.ValidateStreamRequest(),
        pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")] * 5_001),
        pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")], editions={"hcpcs": "nope"}),
        pb.ValidateStreamRequest(lines=[pb.Line(code="E0100", correlation_id="b")] * 3),
    ]
    responses = list(stub.ValidateStream(iter(requests), timeout=30))
    assert len(responses) == len(requests)
    first, *refused, last = responses
    assert [r.correlation_id for r in first.results] == ["a"] and not first.HasField("status")
    assert [r.correlation_id for r in last.results] == ["b"] * 3
    assert not last.HasField("status")
    expected = [
        ("UNKNOWN_RESULT_VIEW", "view"),
        ("EMPTY_BATCH", "lines"),
        ("BATCH_TOO_LARGE", "lines"),
        ("UNKNOWN_EDITION", "editions[hcpcs]"),
    ]
    for response, (expected_reason, field) in zip(refused, expected, strict=True):
        assert not response.results
        assert response.status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
        assert response.status.message
        assert reason(response.status) == expected_reason
        assert field in field_violations(response.status)


def test_an_undecodable_stream_message_gets_a_status_and_the_stream_goes_on(channel):
    stream = channel.stream_stream(
        "/codeset.v1.CodesetService/ValidateStream",
        request_serializer=None,
        response_deserializer=pb.ValidateStreamResponse.FromString,
    )
    good = pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")]).SerializeToString()
    responses = list(stream(iter([good, b"\xff\xff\xff not protobuf", good]), timeout=10))
    assert [len(r.results) for r in responses] == [1, 0, 1]
    assert reason(responses[1].status) == "MALFORMED_REQUEST"


# --- Statuses stay small ---------------------------------------------------------------


def _trailer_bytes(error: grpc.RpcError) -> int:
    return sum(len(key) + len(value) for key, value in error.trailing_metadata() or ())


def test_caller_input_echoed_in_a_status_is_cut_so_every_status_fits_metadata(stub):
    huge = "Z" * 100_000
    error = failure(stub.Lookup, pb.LookupRequest(code=huge), timeout=10)
    assert error.code() is grpc.StatusCode.NOT_FOUND
    assert reason(error) == "CODE_NOT_RECOGNISED"
    assert "(100000 characters)" in error.details() and len(error.details()) < 300

    profile = pb.RuleProfile(
        severity_overrides={huge: pb.SEVERITY_ERROR},
        disabled_rules=[f"NOPE.{n}-{huge}" for n in range(50)],
    )
    claim = pb.Claim(lines=[pb.ClaimLine(line_number=1, line=pb.Line(code="J1100"))])
    error = failure(
        stub.ValidateClaim, pb.ValidateClaimRequest(claim=claim, profile=profile), timeout=30
    )
    violations = invalid(error, "UNKNOWN_RULE")
    assert len(violations) <= 10
    assert _trailer_bytes(error) < METADATA_LIMIT

    request = pb.ValidateBatchRequest(lines=[pb.Line(code="J1100")], editions={huge: huge})
    error = failure(stub.ValidateBatch, request, timeout=10)
    invalid(error, "UNKNOWN_SYSTEM")
    assert _trailer_bytes(error) < METADATA_LIMIT


# --- Overload and shutdown ----------------------------------------------------------------


@pytest.fixture
def small_server():
    """A server allowing only two concurrent calls, with a short shutdown grace."""
    running = ServerProcess(
        "--port", "0", "--max-concurrent-rpcs", "2", "--grace-seconds", "5"
    ).wait_listening()
    running.wait_serving()
    yield running
    running.stop()


def test_overload_is_refused_quickly_with_resource_exhausted(small_server):
    release = threading.Event()

    def held_requests():
        yield pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")])
        release.wait(20)

    with grpc.insecure_channel(small_server.address) as connected:
        stub = codeset_pb2_grpc.CodesetServiceStub(connected)
        held = [stub.ValidateStream(held_requests(), timeout=30) for _ in range(2)]
        for stream in held:
            next(stream)  # both calls are now in flight on the server
        started = time.monotonic()
        error = failure(stub.Validate, pb.ValidateRequest(line=pb.Line(code="J1100")), timeout=5)
        assert error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
        assert time.monotonic() - started < 2
        release.set()
        for stream in held:
            list(stream)
        still_serving(stub)


@pytest.mark.slow
def test_sigterm_under_load_loses_no_accepted_call():
    running = ServerProcess("--port", "0", "--grace-seconds", "20").wait_listening()
    running.wait_serving()
    batch = pb.ValidateBatchRequest(lines=[pb.Line(code="J1100")] * 2000)
    outcomes: list[str] = []
    sent = [0]
    lock = threading.Lock()
    stop_sending = threading.Event()

    def send_until_refused(stub: codeset_pb2_grpc.CodesetServiceStub) -> None:
        for _ in range(500):  # bounded
            with lock:
                sent[0] += 1
            try:
                results = stub.ValidateBatch(batch, timeout=30).results
                outcome = "ok" if len(results) == 2000 else "short"
            except grpc.RpcError as error:
                outcome = error.code().name
                if outcome == "UNAVAILABLE" and rpc_status.from_call(error) is not None:
                    assert reason(error) == "SHUTTING_DOWN"
            with lock:
                outcomes.append(outcome)
            if outcome != "ok" or stop_sending.is_set():
                return

    with grpc.insecure_channel(running.address) as watcher:
        health = health_pb2_grpc.HealthStub(watcher)
        watch = health.Watch(health_pb2.HealthCheckRequest(), timeout=60)
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
        channels = [grpc.insecure_channel(running.address) for _ in range(4)]
        with ThreadPoolExecutor(4) as pool:
            futures = [
                pool.submit(send_until_refused, codeset_pb2_grpc.CodesetServiceStub(c))
                for c in channels
            ]
            time.sleep(1.0)
            running.terminate()
            assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
            time.sleep(0.5)
            stop_sending.set()
            for future in futures:
                future.result(timeout=60)
        for c in channels:
            c.close()
    assert running.stop() == 0
    counted = {name: outcomes.count(name) for name in set(outcomes)}
    assert len(outcomes) == sent[0], "a call ended without any status"
    assert counted.get("ok", 0) > 0, counted
    # Accepted calls complete; calls after shutdown began are refused as UNAVAILABLE.
    assert set(counted) <= {"ok", "UNAVAILABLE"}, counted


@pytest.mark.slow
def test_several_processes_share_one_port():
    port = free_port()
    running = ServerProcess("--port", str(port), "--processes", "2").wait_listening(count=2)
    assert len(set(running.pids)) == 2
    assert running.addresses == [f"127.0.0.1:{port}"] * 2
    running.wait_serving()
    with grpc.insecure_channel(running.address) as connected:
        still_serving(codeset_pb2_grpc.CodesetServiceStub(connected))
    assert running.stop() == 0
