"""The server's fast path (cached, hand-encoded answers) as a gRPC caller sees it: answers
that follow the server's clock across midnight, correlation ids of any length echoed
intact, and ids that are not UTF-8 refused even when the line's answer is cached.

Most tests use the session's real `codeset serve`. Two start the real service in-process on
127.0.0.1:0: one moves the server's clock, the other counts the lines the fast path hands
the engine (a warm line must cost no validation).
"""

from __future__ import annotations

import asyncio
import threading
from datetime import date

import grpc
import pytest

from engine import Line
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.client import CodesetClient
from engine.transport.fast_path import ResultEncoder, varint
from engine.transport.service import CodesetService, Limits

# C9174 (embedded CMS October 2025 release): added 2025-07-01, TERM DT 20250930.
TERMINATED_AT_MIDNIGHT = "C9174"
LAST_DAY, DAY_AFTER = date(2025, 9, 30), date(2025, 10, 1)


# --- The server's clock ------------------------------------------------------------------------


VALID, INVALID = pb.VERDICT_VALID, pb.VERDICT_INVALID


class ServerClock:
    """The engine's today, set by the test: what undated lines are checked for."""

    now = LAST_DAY

    @classmethod
    def today(cls) -> date:
        return cls.now


class CountingEngine:
    """The engine behind the fast path, counting the lines it is asked to validate: the
    fast path asks only for lines it has no answer for."""

    def __init__(self, engine) -> None:
        self.engine, self.validated = engine, 0

    def validate(self, line, **options):
        self.validated += 1
        return self.engine.validate(line, **options)

    def today(self) -> date:
        return self.engine.today()


@pytest.fixture(scope="module")
def counting_engine(engine) -> CountingEngine:
    return CountingEngine(engine)


@pytest.fixture(scope="module")
def in_process_server(engine, counting_engine):
    """The real CodesetService and ResultEncoder behind a real gRPC server, in this process."""
    service = CodesetService(Limits())
    service.ready(engine, ResultEncoder(counting_engine))
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start():
        server = grpc.aio.server()
        server.add_generic_rpc_handlers((service.handler(),))
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        return server, port

    server, port = asyncio.run_coroutine_threadsafe(start(), loop).result(30)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(None), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()


def test_undated_lines_are_answered_for_the_servers_today_across_midnight(
    engine, in_process_server, monkeypatch
):
    """An undated line means today: once the day turns, yesterday's cached answer for it
    must not be served (and the same when the clock is set back)."""
    monkeypatch.setattr(engine, "today", ServerClock.today)
    with CodesetClient(in_process_server) as client:

        def answers_on(day: date) -> list[pb.LineResult]:
            ServerClock.now = day
            batch = client.validate_batch([TERMINATED_AT_MIDNIGHT])
            return [client.validate(TERMINATED_AT_MIDNIGHT, "id-1"), *batch]

        for _ in range(2):  # the second time from a warm cache
            for result in answers_on(LAST_DAY):
                assert result.verdict == VALID and result.date_of_service == "2025-09-30"
        for _ in range(2):
            for result in answers_on(DAY_AFTER):
                assert result.verdict == INVALID and result.date_of_service == "2025-10-01"
                assert "HCPCS.TERMINATED" in [issue.rule for issue in result.issues]
        for result in answers_on(LAST_DAY):  # the clock corrected back
            assert result.verdict == VALID and result.date_of_service == "2025-09-30"
        dated = client.validate(Line(TERMINATED_AT_MIDNIGHT, date_of_service="2025-10-01"))
        assert dated.verdict == INVALID  # a dated line never depends on the clock


# --- Correlation ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "length", [1, 127, 128, 8191, 8192, 10_000, 16_383, 16_384, 16_385, 20_000]
)
def test_a_correlation_id_of_any_length_comes_back_intact_with_the_lines_answer(client, length):
    line = pb.Line(code="E0100", modifiers=["RT"], date_of_service="2025-10-15")
    (plain,) = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[line])).results
    assert plain.verdict == VALID and plain.code == "E0100"
    correlation_id = (f"claim-{length}-" + "x2" * length)[:length]
    tagged = pb.Line(correlation_id=correlation_id)
    tagged.MergeFrom(line)
    for _ in range(2):  # cold, then from the cache
        (result,) = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[tagged])).results
        assert result.correlation_id == correlation_id
        result.ClearField("correlation_id")
        assert result == plain
        unary = client.stub.Validate(pb.ValidateRequest(line=tagged)).result
        assert unary.correlation_id == correlation_id


def _raw_call(client: CodesetClient, method: str):
    return client.channel.unary_unary(
        f"/codeset.v1.CodesetService/{method}",
        request_serializer=None,
        response_deserializer=pb.ValidateBatchResponse.FromString,
    )


@pytest.mark.parametrize("warm", [False, True])
def test_a_correlation_id_that_is_not_utf8_is_invalid_argument(client, warm):
    """proto3 strings are UTF-8: an id that is not must be refused, also when the line
    itself was answered before (the fast path then never decodes the line)."""
    line = pb.Line(code="J1100", date_of_service="2025-10-14")
    if warm:
        client.stub.ValidateBatch(
            pb.ValidateBatchRequest(lines=[pb.Line(correlation_id="ok", **_fields(line))])
        )
    encoded = line.SerializeToString() + b"\x32\x02\xff\xfe"  # field 6, two bytes, not UTF-8
    request = b"\x0a" + varint(len(encoded)) + encoded
    with pytest.raises(grpc.RpcError) as raised:
        _raw_call(client, "ValidateBatch")(request, timeout=10)
    assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "codeset.v1." in raised.value.details()
    assert client.validate("J1100").code == "J1100"  # still serving


def _fields(line: pb.Line) -> dict:
    return {field.name: value for field, value in line.ListFields()}


@pytest.mark.parametrize("length", [1, 127, 128, 200, 8192, 16_383])
def test_a_warm_line_is_answered_without_validating_it_again_whatever_its_id(
    in_process_server, counting_engine, length
):
    """Ids with a one- and a two-byte length prefix (below 16 KiB, with few bytes that
    could be the id's tag), on lines seen before without an id, including a line that has
    nothing but its id: no line is validated again, and every answer is the line's."""
    lines = [
        pb.Line(code="E0100", modifiers=["RT"], date_of_service="2025-10-15"),
        pb.Line(code="J1100", date_of_service="2025-10-14", units="2"),
        pb.Line(),  # a line with no code: answered (ENGINE.EMPTY_CODE), and cached too
    ]
    with CodesetClient(in_process_server) as client:
        plain = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=lines)).results
        assert [r.verdict for r in plain] == [VALID, VALID, INVALID]
        assert plain[2].issues[0].rule == "ENGINE.EMPTY_CODE"
        before = counting_engine.validated
        for n, line in enumerate(lines):
            line.correlation_id = (f"{n}-22-" + "x" * length)[:length]  # few "2"s (0x32)
        results = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=lines)).results
        assert counting_engine.validated == before
        for line, result, answer in zip(lines, results, plain, strict=True):
            assert result.correlation_id == line.correlation_id
            result.ClearField("correlation_id")
            assert result == answer


@pytest.mark.parametrize(("twos", "validated_again"), [(31, 0), (32, 1)])
def test_the_search_for_an_id_full_of_tag_bytes_is_bounded(
    in_process_server, counting_engine, twos, validated_again
):
    """Each "2" (0x32, the id's tag) in an id is a place the id might start: the fast path
    tries at most 32 of them, then answers the line the slow way, just as right."""
    line = pb.Line(code="E0100", modifiers=["LT"], date_of_service="2025-10-09")
    with CodesetClient(in_process_server) as client:
        (plain,) = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[line])).results
        before = counting_engine.validated
        line.correlation_id = "2" * twos
        (result,) = client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[line])).results
    assert counting_engine.validated - before == validated_again
    assert result.correlation_id == "2" * twos
    result.ClearField("correlation_id")
    assert result == plain


def test_an_id_written_before_other_fields_never_takes_another_lines_answer(client):
    """A sender may write the id first and other fields after it. With a long id, the
    bytes before the id can be a line answered before (J1100 as HCPCS) while the whole
    line is another (J1100 with system "cpt" and a modifier): it gets its own answer."""
    known = pb.Line(code="J1100", date_of_service="2025-10-13")
    client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[known]))  # answered and cached
    correlation_id = "x" * 250
    encoded = (
        known.SerializeToString()
        + pb.Line(correlation_id=correlation_id).SerializeToString()
        + pb.Line(system="cpt", modifiers=["25"], units="2").SerializeToString()
    )
    request = b"\x0a" + varint(len(encoded)) + encoded
    (result,) = _raw_call(client, "ValidateBatch")(request, timeout=10).results
    assert result.correlation_id == correlation_id
    assert (result.input, result.code, result.verdict) == ("J1100", "J1100", INVALID)
    assert result.issues[0].rule == "ENGINE.INVALID_FORMAT"
    assert result.issues[0].message.startswith("'J1100' is not a CPT code")
    assert list(result.modifiers) == ["25"]


@pytest.mark.parametrize(
    "id_field",
    [
        b"\x32\x80\x00",  # an empty id, its length written in two bytes (0x80 0x00)
        b"\x32\x81\x00x",  # the id "x", its length written in two bytes (0x81 0x00)
    ],
)
def test_an_id_whose_length_is_spelled_in_more_bytes_never_takes_another_lines_answer(
    client, id_field
):
    """Protobuf accepts a varint spelled with needless continuation bytes. A line answered
    before (J1100 as HCPCS), then such an id, then more fields (system "cpt" and a field
    this version does not know) is another line: it gets its own answer."""
    known = pb.Line(code="J1100", date_of_service="2025-10-11")
    client.stub.ValidateBatch(pb.ValidateBatchRequest(lines=[known]))  # answered and cached
    more = pb.Line(system="cpt").SerializeToString() + b"\x7a\x78" + b"p" * 120  # field 15
    encoded = known.SerializeToString() + id_field + more
    request = b"\x0a" + varint(len(encoded)) + encoded
    (result,) = _raw_call(client, "ValidateBatch")(request, timeout=10).results
    assert result.correlation_id == id_field[3:].decode()
    assert (result.input, result.verdict) == ("J1100", INVALID)
    assert result.issues[0].rule == "ENGINE.INVALID_FORMAT"
    assert result.issues[0].message.startswith("'J1100' is not a CPT code")
