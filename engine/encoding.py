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
RequestIds = item_ids(6, view_field=2)  # each line's correlation id (field 6), the view


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
        self._caches: dict[bool, dict[bytes, bytes]] = {False: {}, True: {}}  # by view
        self._cache_day = date.min
        self._classifications: dict[tuple[int, bool], tuple[Classification, bytes]] = {}

    def lines(self, request: bytes) -> tuple[list[tuple[bytes, str]], int]:
        """Each line's bytes and correlation id, and the `ResultView` number, from any
        Validate request's encoding (all three put their lines in field 1 and the view in
        field 2). Raises DecodeError for bytes that are not one."""
        head = RequestIds.FromString(request)
        ids = [line.id for line in head.items]
        return list(zip(RawLines.FromString(request).items, ids, strict=True)), head.view

    def results(
        self, lines: Sequence[tuple[bytes, str]], full: bool, today: date | None = None
    ) -> bytes:
        """Field 1 repeated over the lines' `LineResult`s, in order: a whole response.
        `full` sends the descriptor and property meanings (RESULT_VIEW_FULL)."""
        today = today or date.today()
        if today != self._cache_day:  # undated lines mean today: yesterday's answers expire
            for cache in self._caches.values():
                cache.clear()
            self._cache_day = today
        cache = self._caches[full]
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
                body = self._miss(line, key, full, today)
            if correlation_id:
                size = 1 + len(tag_length) + len(tag) + len(body)
                add((_FIELD_ONE_LEN, varint(size), _FIELD_ONE_LEN, tag_length, tag, body))
            else:
                add((_FIELD_ONE_LEN, varint(len(body)), body))
        return b"".join(parts)

    def _miss(self, encoded: bytes, key: bytes, full: bool, today: date) -> bytes:
        line = pb.Line.FromString(encoded)
        body = self._result_bytes(self._validate(line, today), full)
        line.ClearField("correlation_id")
        if line.SerializeToString() == key:  # canonical: safe to answer from the cache
            cache = self._caches[full]
            if len(cache) >= self._cache_size:
                cache.clear()
            cache[key] = body
        return body

    def _validate(self, line: pb.Line, today: date) -> LineResult:
        return self._engine.validate(
            Line(
                line.code,
                line.system,
                tuple(line.modifiers),
                line.date_of_service or today,
                line.units if line.HasField("units") else None,
            )
        )

    def _result_bytes(self, result: LineResult, full: bool) -> bytes:
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
                self._classification(result.classification, full),
                *(_each(b"\x42", modifier) for modifier in result.modifiers),
                _text(b"\x4a", day.isoformat() if day else ""),
                _text(b"\x52", result.display) if full else b"",
            )
        )

    def _classification(self, classification: Classification | None, full: bool) -> bytes:
        """Field 7, encoded once per classification object and view (systems reuse the
        objects per code)."""
        if classification is None:
            return b""
        key = (id(classification), full)
        held = self._classifications.get(key)
        if held is None or held[0] is not classification:
            if len(self._classifications) >= self._cache_size:
                self._classifications.clear()
            encoded = _nested(b"\x3a", _classification_body(classification, full))
            held = self._classifications[key] = (classification, encoded)
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


def _classification_body(classification: Classification, full: bool) -> bytes:
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
                    + (_text(b"\x1a", item.meaning) if full else b""),
                )
                for item in classification.properties
            ),
        )
    )
