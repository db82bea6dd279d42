"""Bad input, deadlines, overload and shutdown over the wire: documented statuses, no losses."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.client import CodesetClient
from tests.server_process import ServerProcess, free_port


def failure(call, *args, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call(*args, **kwargs)
    return raised.value


def field_violations(error: grpc.RpcError) -> dict[str, str]:
    status = rpc_status.from_call(error)
    assert status is not None, "no google.rpc.Status details"
    violations = {}
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            violations.update((v.field, v.description) for v in bad_request.field_violations)
    return violations


def still_serving(client: CodesetClient) -> None:
    assert client.validate(pb.Line(code="J1100").code).code == "J1100"


def test_oversized_batch_is_invalid_argument_naming_the_limit(client):
    lines = [pb.Line(code="J1100")] * 10_001
    error = failure(client.stub.ValidateBatch, pb.ValidateBatchRequest(lines=lines), timeout=30)
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "at most 10000" in field_violations(error)["lines"]
    still_serving(client)


def test_empty_batch_is_invalid_argument(client):
    error = failure(client.stub.ValidateBatch, pb.ValidateBatchRequest(), timeout=5)
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "lines" in field_violations(error)


def test_missing_code_is_invalid_argument_naming_the_field(client):
    error = failure(client.stub.Validate, pb.ValidateRequest(line=pb.Line()), timeout=5)
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "required" in field_violations(error)["line.code"]
    still_serving(client)


def test_impossible_date_is_invalid_argument_naming_the_field(client):
    request = pb.ValidateRequest(line=pb.Line(code="J1100", date_of_service="2025-02-30"))
    error = failure(client.stub.Validate, request, timeout=5)
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "2025-02-30" in field_violations(error)["line.date_of_service"]
    still_serving(client)


def test_in_a_batch_bad_items_are_issues_not_failures(client):
    lines = [
        pb.Line(code="J1100", date_of_service="2025-10-15"),
        pb.Line(code=""),
        pb.Line(code="J1100", date_of_service="2025-02-30"),
        pb.Line(code="J1100", units=0),
    ]
    results = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=lines), timeout=5).results
    assert [r.valid for r in results] == [True, False, False, False]
    assert [r.issues[0].rule for r in results[1:]] == [
        "ENGINE.EMPTY_CODE",
        "ENGINE.INVALID_DATE",
        "ENGINE.INVALID_UNITS",
    ]


def test_undecodable_request_bytes_are_invalid_argument(client):
    raw = client.channel.unary_unary(
        "/codeset.v1.CodesetService/Validate",
        request_serializer=None,
        response_deserializer=None,
    )
    error = failure(raw, b"\xff\xff\xff\xff not protobuf", timeout=5)
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "codeset.v1.ValidateRequest" in error.details()
    still_serving(client)


def test_call_past_its_deadline_is_deadline_exceeded(client):
    lines = [pb.Line(code=f"A{n:04d}", date_of_service="2025-10-15") for n in range(10_000)]
    error = failure(client.stub.ValidateBatch, pb.ValidateBatchRequest(lines=lines), timeout=0.005)
    assert error.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    still_serving(client)


def test_oversized_stream_message_ends_the_stream_with_invalid_argument(client):
    requests = iter([pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")] * 10_001)])
    error = failure(lambda: list(client.stub.ValidateStream(requests, timeout=30)))
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "message[0].lines" in field_violations(error)


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

    with CodesetClient(small_server.address) as client:
        held = [client.stub.ValidateStream(held_requests(), timeout=30) for _ in range(2)]
        for stream in held:
            next(stream)  # both calls are now in flight on the server
        started = time.monotonic()
        error = failure(client.validate, "J1100")
        assert error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
        assert time.monotonic() - started < 2
        release.set()
        for stream in held:
            list(stream)
        assert client.validate("J1100").valid


@pytest.mark.slow
def test_sigterm_under_load_loses_no_accepted_call():
    running = ServerProcess("--port", "0", "--grace-seconds", "20").wait_listening()
    running.wait_serving()
    batch = pb.ValidateBatchRequest(lines=[pb.Line(code="J1100")] * 2000)
    outcomes: list[str] = []
    sent = [0]
    lock = threading.Lock()
    stop_sending = threading.Event()

    def send_until_refused(client: CodesetClient) -> None:
        for _ in range(500):  # bounded
            with lock:
                sent[0] += 1
            try:
                results = client.stub.ValidateBatch(batch, timeout=30).results
                outcome = "ok" if len(results) == 2000 else "short"
            except grpc.RpcError as error:
                outcome = error.code().name
            with lock:
                outcomes.append(outcome)
            if outcome != "ok" or stop_sending.is_set():
                return

    with CodesetClient(running.address) as watcher:
        health = health_pb2_grpc.HealthStub(watcher.channel)
        watch = health.Watch(health_pb2.HealthCheckRequest(), timeout=60)
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
        clients = [CodesetClient(running.address) for _ in range(4)]
        with ThreadPoolExecutor(4) as pool:
            futures = [pool.submit(send_until_refused, c) for c in clients]
            time.sleep(1.0)
            running.terminate()
            assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
            time.sleep(0.5)
            stop_sending.set()
            for future in futures:
                future.result(timeout=60)
        for c in clients:
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
    with CodesetClient(running.address) as client:
        assert client.validate("J1100").valid
    assert running.stop() == 0


def test_a_view_the_server_does_not_know_is_invalid_argument(client):
    request = pb.ValidateBatchRequest(lines=[pb.Line(code="J1100")], view=7)
    error = failure(client.stub.ValidateBatch, request, timeout=5)
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "RESULT_VIEW_FULL" in field_violations(error)["view"]
    stream = iter([pb.ValidateStreamRequest(lines=[pb.Line(code="J1100")], view=-1)])
    error = failure(lambda: list(client.stub.ValidateStream(stream, timeout=5)))
    assert "message[0].view" in field_violations(error)
    still_serving(client)
