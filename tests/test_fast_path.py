"""The server's fast path answers byte for byte what the plain message-building path does."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine import Line
from engine.tools.workload import mixed_lines
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import FULL_VIEWS, line_from_message, result_message
from engine.transport.fast_path import ResultEncoder, varint
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
            correlation_id=rng.choice(
                ["", f"line-{n}", "é-ünïcode-" + str(n), "x" * 300, "2" * 40, f"2-22-{n}"]
            ),
        )
        if rng.random() < 0.3:
            message.units = rng.choice(["1", "2", "0", "-1", "2.5", "1e3", "x" * 70])
        lines.append(message)
    return lines


def plain_response(engine, lines: list[pb.Line], full: bool = False) -> bytes:
    results = []
    for message in lines:
        line = line_from_message(message)
        results.append(result_message(engine.validate(line), message.correlation_id, full=full))
    return pb.ValidateBatchResponse(results=results).SerializeToString()


def fast_response(
    encoder: ResultEncoder, lines: list[pb.Line], view: int = pb.RESULT_VIEW_UNSPECIFIED
) -> bytes:
    request = pb.ValidateBatchRequest(lines=lines, view=view).SerializeToString()
    items, sent_view = encoder.lines(request)
    assert sent_view == view
    return encoder.results(items, FULL_VIEWS[view], TODAY)


@pytest.mark.parametrize("view", [pb.RESULT_VIEW_UNSPECIFIED, pb.RESULT_VIEW_FULL])
def test_fast_path_is_byte_identical_on_a_large_mixed_input(engine, view):
    lines = wire_lines(20_000)
    encoder = ResultEncoder(engine, cache_size=5_000)  # small: hits and misses both
    fast = fast_response(encoder, lines, view)
    assert fast == plain_response(engine, lines, full=FULL_VIEWS[view])
    assert fast_response(encoder, lines, view) == fast  # from a warm cache too
    decoded = pb.ValidateBatchResponse.FromString(fast).results
    assert [r.correlation_id for r in decoded] == [line.correlation_id for line in lines]


def test_lines_written_out_of_field_order_get_right_answers_never_cached_ones(engine):
    """A client that writes the correlation id first, with a date whose text ends like
    an id field, must not be served another line's cached answer."""
    encoder = ResultEncoder(engine)
    canonical = pb.Line(code="J0135", date_of_service="2024-06-01")
    assert fast_response(encoder, [canonical]) == plain_response(engine, [canonical])
    tricky = pb.Line(code="J0135", date_of_service="2024-06-01\x32\x0215")
    out_of_order = (
        pb.Line(correlation_id="15").SerializeToString()
        + pb.Line(code=tricky.code, date_of_service=tricky.date_of_service).SerializeToString()
    )
    request = b"\x0a" + varint(len(out_of_order)) + out_of_order
    items, _ = encoder.lines(request)
    answer = pb.ValidateBatchResponse.FromString(encoder.results(items, False, TODAY))
    (result,) = answer.results
    assert result.correlation_id == "15"
    assert result.issues[0].rule == "ENGINE.INVALID_DATE"  # not J0135's cached valid answer
    assert sum(map(len, encoder._caches.values())) == 1  # only the canonical line was cached


def test_one_encoder_answers_both_views_from_separate_caches(engine):
    """The basic view leaves out the descriptor and property meanings, even for a line
    the full view has already answered (and cached), and the other way round."""
    encoder = ResultEncoder(engine)
    line = pb.Line(code="E0100", date_of_service="2025-10-02", correlation_id="c")
    for _ in range(2):
        (full,) = pb.ValidateBatchResponse.FromString(
            fast_response(encoder, [line], pb.RESULT_VIEW_FULL)
        ).results
        (basic,) = pb.ValidateBatchResponse.FromString(
            fast_response(encoder, [line], pb.RESULT_VIEW_BASIC)
        ).results
        assert full.display.startswith("Cane") and basic.display == ""
        assert all(p.meaning for p in full.classification.properties)
        assert [(p.code, p.value_code, p.meaning) for p in basic.classification.properties] == [
            (p.code, p.value_code, "") for p in full.classification.properties
        ]
        assert basic.classification.section == full.classification.section != ""


def test_varint_matches_protobuf():
    for value in (0, 1, 127, 128, 300, 16383, 16384, 2**21, 2**28 + 5):
        message = pb.Property(value_integer=value) if value < 2**31 else None
        assert message.SerializeToString() == b"\x20" + varint(value)


def test_a_warm_line_is_answered_from_the_cache_whatever_its_id(engine, monkeypatch):
    """Ids full of 0x32 bytes ("2", field 6's tag), 300-byte ids (two-byte length) and no
    id at all: once a line has been seen, the same line with any id is a cache hit."""
    encoder = ResultEncoder(engine)
    line = pb.Line(code="E0100", modifiers=["RT"], date_of_service="2025-10-02")
    ids = ["", "a", "2", "22", "2" * 20, "x" * 300, "é2ü", "line-2\x32"]
    lines = [
        pb.Line(code=line.code, modifiers=line.modifiers, date_of_service=line.date_of_service)
        for _ in ids
    ]
    for message, correlation_id in zip(lines, ids, strict=True):
        message.correlation_id = correlation_id
    fast_response(encoder, [line])
    misses = []
    monkeypatch.setattr(encoder, "_miss", lambda *args: misses.append(args))
    answer = pb.ValidateBatchResponse.FromString(fast_response(encoder, lines)).results
    assert not misses
    assert [result.correlation_id for result in answer] == ids


def test_the_encoder_keeps_one_copy_of_each_answer_not_two(licensed_engine):
    """The encoder caches encoded answers, so it asks the engine not to cache its own
    (a second copy would be long-lived objects for the garbage collector to scan)."""
    before = licensed_engine._evaluate_cached.cache_info().currsize
    fast_response(ResultEncoder(licensed_engine), wire_lines(200))
    assert licensed_engine._evaluate_cached.cache_info().currsize == before
    line = Line("E0100", date_of_service="2025-10-02")
    assert licensed_engine.validate(line, cached=False) == licensed_engine.validate(line)


def _field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):
        return varint(number << 3) + varint(payload)
    return varint(number << 3 | 2) + varint(len(payload)) + payload


_TRICKY_TEXT = st.text(alphabet="2x\x32\x02\x0a-é", max_size=6)
_LINE_FIELDS = st.one_of(
    st.builds(
        lambda code: _field(1, code.encode()), st.sampled_from(["J1100", "E0100", "99213", "2"])
    ),
    st.builds(lambda system: _field(2, system.encode()), st.sampled_from(["hcpcs", "cpt", "2"])),
    st.builds(lambda modifier: _field(3, modifier.encode()), st.sampled_from(["RT", "25", "22"])),
    st.builds(
        lambda day: _field(4, day.encode()),
        st.sampled_from(["2025-10-02", "2025-12-22", "2024-06-01\x32\x0215", ""]),
    ),
    st.builds(lambda units: _field(5, units.encode()), st.sampled_from(["0", "1", "2.5", "-1"])),
    st.builds(lambda text: _field(6, text.encode()), _TRICKY_TEXT | st.just("x" * 130)),
    st.builds(lambda value: _field(15, value), st.integers(0, 300)),  # a field from the future
)


@settings(max_examples=300, deadline=None)
@example(lines=[b"", b"\x32\x00"], view=0)  # an empty id spelled out: proto3 leaves it out
@given(
    lines=st.lists(st.lists(_LINE_FIELDS, max_size=7).map(b"".join), min_size=1, max_size=8),
    view=st.sampled_from([pb.RESULT_VIEW_UNSPECIFIED, pb.RESULT_VIEW_FULL]),
)
def test_any_line_bytes_get_the_plain_answer_cold_and_warm(engine, lines, view):
    """Lines written in any field order, with repeated and unknown fields and ids made of
    the tag byte: the fast path's answer is the plain path's, before and after caching."""
    decoded = [pb.Line.FromString(line) for line in lines]
    expected = plain_response(engine, decoded, full=FULL_VIEWS[view])
    request = b"".join(_field(1, line) for line in lines) + (_field(2, view) if view else b"")
    encoder = ResultEncoder(engine)
    for _ in range(2):
        items, view = encoder.lines(request)
        assert encoder.results(items, FULL_VIEWS[view], TODAY) == expected


def test_every_property_type_is_encoded_as_protobuf_encodes_it(engine):
    """Codes, free text, integers (negative too), flags (false too) and dates: the hand
    encoding of each oneof member equals protobuf's."""
    from engine.domain.model import Classification, LineResult, Property, PropertyType
    from engine.transport.fast_path import ResultEncoder as Encoder

    properties = (
        Property("fixture_code", "D1E", "made-up meaning"),
        Property("fixture_text", "", type=PropertyType.STRING),
        Property("fixture_count", 3),
        Property("fixture_negative", -7),
        Property("fixture_flag", True),
        Property("fixture_off", False),
        Property("fixture_day", date(2024, 2, 29)),
    )
    result = LineResult(
        "ZZ001", "ZZ001", "fixture", True, (), Classification("Fixture", properties=properties)
    )
    encoder = Encoder(engine)
    for full in (False, True):
        expected = result_message(result, full=full).SerializeToString()
        assert encoder._result_bytes(result, full) == expected
