"""The server's fast path: answers as ready-made protobuf bytes, cached per distinct line.

Building protobuf message objects per line costs more than validating it. Every
response of the service (`ValidateResponse`, `ValidateBatchResponse`,
`ValidateStreamResponse`) is field 1 repeated over `LineResult`s, so a response is the
concatenation of framed results, and a result is its cached encoding with the caller's
correlation id (field 1, which canonical serialization writes first) in front. The bytes
are exactly what serializing the message objects would produce; a test holds it to that.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from engine.api.codeset.v1 import codeset_pb2 as pb
from engine.core import Engine
from engine.messages import SEVERITIES
from engine.model import Classification, Issue, Line, LineResult
from engine.wire_views import encoded_items, item_ids

DEFAULT_CACHE_SIZE = 200_000
_FIELD_ONE_LEN = b"\x0a"  # field 1, wire type 2 (length-delimited)
_ID_TAG = b"\x32"  # field 6 (Line.correlation_id), wire type 2


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


_SMALL_VARINTS = [_varint(n) for n in range(1 << 14)]


def varint(value: int) -> bytes:
    return _SMALL_VARINTS[value] if value < 16384 else _varint(value)


RawLines = encoded_items()  # each request line's encoding
LineIds = item_ids(6)  # each request line's correlation id (Line field 6)


class ResultEncoder:
    """Encoded results per distinct line, keyed by the line's own encoding.

    The key is the line's encoding with its correlation id, field 6, cut off the end. Only
    canonical keys are stored: on a miss the line is decoded, and its answer is cached
    only if the key is exactly the line re-encoded without its id (fields in number order,
    as every protobuf library writes them). Then a hit is always right: a line whose
    bytes are a stored canonical key followed by a correlation-id field decodes to the
    very fields that key encodes. Lines written otherwise (fields out of order, unknown
    fields) are answered correctly too, just never from the cache. The cache is a plain
    dict, cleared when full: claim traffic refills the few hundred hot codes at once, and a
    dict hit is cheaper than keeping an LRU order.
    """

    def __init__(self, engine: Engine, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        self._engine = engine
        self._cache_size = cache_size
        self._cache: dict[bytes, bytes] = {}
        self._cache_day = date.min
        self._classifications: dict[int, tuple[Classification, bytes]] = {}

    def lines(self, request: bytes) -> list[tuple[bytes, str]]:
        """Each line's bytes and correlation id, from any Validate request's encoding (all
        three put their lines in field 1). Raises DecodeError for bytes that are not one."""
        ids = [line.id for line in LineIds.FromString(request).items]
        return list(zip(RawLines.FromString(request).items, ids, strict=True))

    def results(self, lines: Sequence[tuple[bytes, str]], today: date | None = None) -> bytes:
        """Field 1 repeated over the lines' `LineResult`s, in order: a whole response."""
        today = today or date.today()
        if today != self._cache_day:  # undated lines mean today: yesterday's answers expire
            self._cache.clear()
            self._cache_day = today
        cache = self._cache
        parts: list[bytes] = []
        add = parts.extend
        for line, correlation_id in lines:
            key = line
            if correlation_id:
                tag = correlation_id.encode()
                tag_length = varint(len(tag))
                cut = len(tag) + len(tag_length) + 1
                if line[-cut:] == _ID_TAG + tag_length + tag:
                    key = line[:-cut]
            body = cache.get(key)
            if body is None:
                body = self._miss(line, key, today)
            if correlation_id:
                size = 1 + len(tag_length) + len(tag) + len(body)
                add((_FIELD_ONE_LEN, varint(size), _FIELD_ONE_LEN, tag_length, tag, body))
            else:
                add((_FIELD_ONE_LEN, varint(len(body)), body))
        return b"".join(parts)

    def _miss(self, encoded: bytes, key: bytes, today: date) -> bytes:
        line = pb.Line.FromString(encoded)
        body = self._encode(line, today)
        line.ClearField("correlation_id")
        if line.SerializeToString() == key:  # canonical: safe to answer from the cache
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[key] = body
        return body

    def _encode(self, line: pb.Line, today: date) -> bytes:
        result = self._engine.validate(
            Line(
                line.code,
                line.system,
                tuple(line.modifiers),
                line.date_of_service or today,
                line.units if line.HasField("units") else None,
            )
        )
        return self._result_bytes(result)

    def _result_bytes(self, result: LineResult) -> bytes:
        """`LineResult` (without correlation id) encoded by hand: building the message
        objects cost more than validating the line."""
        day = result.date_of_service
        return b"".join(
            (
                _text(b"\x12", result.input),
                _text(b"\x1a", result.code),
                _text(b"\x22", result.system),
                b"\x28\x01" if result.valid else b"",
                *(_nested(b"\x32", _issue(issue)) for issue in result.issues),
                self._classification(result.classification),
                *(_each(b"\x42", modifier) for modifier in result.modifiers),
                _text(b"\x4a", day.isoformat() if day else ""),
                _text(b"\x52", result.display),
            )
        )

    def _classification(self, classification: Classification | None) -> bytes:
        """Field 7, encoded once per classification object (systems reuse them per code)."""
        if classification is None:
            return b""
        held = self._classifications.get(id(classification))
        if held is None or held[0] is not classification:
            if len(self._classifications) >= self._cache_size:
                self._classifications.clear()
            encoded = _nested(b"\x3a", _classification_body(classification))
            held = self._classifications[id(classification)] = (classification, encoded)
        return held[1]


def _text(tag: bytes, text: str) -> bytes:
    """A singular string field: proto3 leaves an empty one out."""
    return _each(tag, text) if text else b""


def _each(tag: bytes, text: str) -> bytes:
    """One element of a repeated string field: written even when empty."""
    data = text.encode()
    return tag + varint(len(data)) + data


def _nested(tag: bytes, body: bytes) -> bytes:
    return tag + varint(len(body)) + body


def _issue(issue: Issue) -> bytes:
    return b"".join(
        (
            _text(b"\x0a", issue.rule),
            b"\x10" + varint(SEVERITIES[issue.severity]),
            _text(b"\x1a", issue.message),
            _text(b"\x22", issue.field),
            *(_each(b"\x2a", code) for code in issue.suggestions),
        )
    )


def _classification_body(classification: Classification) -> bytes:
    return b"".join(
        (
            _text(b"\x0a", classification.category),
            _text(b"\x12", classification.section),
            _text(b"\x1a", classification.subsection),
            *(
                _nested(
                    b"\x22",
                    _text(b"\x0a", item.name)
                    + _text(b"\x12", item.value)
                    + _text(b"\x1a", item.meaning),
                )
                for item in classification.properties
            ),
        )
    )
