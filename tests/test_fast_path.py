"""The server's fast path answers byte for byte what the plain message-building path does."""

from __future__ import annotations

import random
from datetime import date

from engine import Line
from engine.api.codeset.v1 import codeset_pb2 as pb
from engine.encoding import ResultEncoder, varint
from engine.messages import result_message
from engine.workload import mixed_lines
from plugins.hcpcs.dataset import load_data

TODAY = date(2025, 11, 3)


def wire_lines(count: int) -> list[pb.Line]:
    """A large mixed input with every optional field exercised, ids included."""
    rng = random.Random(11)
    lines = []
    for n, line in enumerate(mixed_lines(count, sorted(load_data(()).codes), seed=5)):
        message = pb.Line(
            code=line.code,
            modifiers=line.modifiers,
            date_of_service=line.date_of_service if rng.random() < 0.9 else "",
            system=rng.choice(["", "", "", "hcpcs", "cpt", "nope"]),
            correlation_id=rng.choice(["", f"line-{n}", "é-ünïcode-" + str(n), "x" * 300]),
        )
        if rng.random() < 0.3:
            message.units = rng.choice([1, 2, 0, -1, 10**9])
        lines.append(message)
    return lines


def plain_response(engine, lines: list[pb.Line]) -> bytes:
    results = []
    for message in lines:
        line = Line(
            message.code,
            message.system,
            tuple(message.modifiers),
            message.date_of_service or TODAY.isoformat(),
            message.units if message.HasField("units") else None,
        )
        results.append(result_message(engine.validate(line), message.correlation_id))
    return pb.ValidateBatchResponse(results=results).SerializeToString()


def test_fast_path_is_byte_identical_on_a_large_mixed_input(engine):
    lines = wire_lines(20_000)
    encoder = ResultEncoder(engine, cache_size=5_000)  # small: hits and misses both
    fast = encoder.results(lines, TODAY)
    assert fast == plain_response(engine, lines)
    assert encoder.results(lines, TODAY) == fast  # from a warm cache too
    decoded = pb.ValidateBatchResponse.FromString(fast).results
    assert [r.correlation_id for r in decoded] == [line.correlation_id for line in lines]


def test_varint_matches_protobuf():
    for value in (0, 1, 127, 128, 300, 16383, 16384, 2**21, 2**28 + 5):
        message = pb.Line(units=value)
        assert message.SerializeToString() == b"\x28" + varint(value)
