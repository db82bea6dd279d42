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
from typing import cast

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from engine.domain.model import Classification, Issue, LineResult, Property, PropertyType
from engine.host.engine import Engine
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import (
    SEVERITIES,
    VALUE_FIELDS,
    VERDICTS,
    line_from_message,
    text_of,
)
from engine.transport.wire_views import encoded_items, item_ids

DEFAULT_CACHE_SIZE = 200_000


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


_LENGTH_DELIMITED = {
    FieldDescriptor.TYPE_STRING,
    FieldDescriptor.TYPE_BYTES,
    FieldDescriptor.TYPE_MESSAGE,
}


def tag(message: type[Message], field: str) -> bytes:
    """The key that precedes `field` of `message` on the wire (its number and wire type),
    read from the message's descriptor so the hand encoding cannot drift from the proto."""
    descriptor = message.DESCRIPTOR.fields_by_name[field]
    wire_type = 2 if descriptor.type in _LENGTH_DELIMITED else 0
    return _varint(descriptor.number << 3 | wire_type)


# Every Validate response is field 1 repeated over `LineResult`s, and a `LineResult`'s
# correlation id is its field 1 too: both are this key.
_FIELD_ONE_LEN = tag(pb.ValidateBatchResponse, "results")
_ID_TAG = tag(pb.Line, "correlation_id")
_RESULT = {name: tag(pb.LineResult, name) for name in pb.LineResult.DESCRIPTOR.fields_by_name}
_ISSUE = {name: tag(pb.Issue, name) for name in pb.Issue.DESCRIPTOR.fields_by_name}
_CLASSIFICATION = {
    name: tag(pb.Classification, name) for name in pb.Classification.DESCRIPTOR.fields_by_name
}
_PROPERTY = {name: tag(pb.Property, name) for name in pb.Property.DESCRIPTOR.fields_by_name}


RawLines = encoded_items()  # each request line's encoding
# Parsing a request through this view checks, in C, that every line is well framed and
# its correlation id (field 6) is UTF-8, and reads the request's view (field 2); the ids
# it decodes are never read.
CheckedRequest = item_ids(
    pb.Line.DESCRIPTOR.fields_by_name["correlation_id"].number,
    view_field=pb.ValidateBatchRequest.DESCRIPTOR.fields_by_name["view"].number,
)
# Candidate id fields tried per line before answering it the slow way: each is a byte
# that could be field 6's tag, so an id made of many "2"s (0x32) can exhaust them.
MAX_ID_CANDIDATES = 32


class ResultEncoder:
    """Encoded results per distinct line, keyed by the line's encoding without its id.

    Only canonical keys are stored: on a miss the line is decoded, and its answer is
    cached under the line re-encoded without its correlation id, and only if the line's
    bytes are exactly that key followed by the id field (fields in number order, as every
    protobuf library writes them). That makes any hit right: if a line's bytes are a
    stored key followed by one well-formed field 6, protobuf decodes the line to the key's
    fields plus that id, whatever else those bytes might look like. So the hot path need
    not decode the line to find its id: it tries the tail after each byte that could be
    field 6's tag, from the end, and the first tail whose length prefix spans the rest of
    the line and whose prefix is a stored key is the id (never an empty one: proto3 leaves
    an empty id out of the answer, so a line that spells one out takes the slow path, as
    do ids of 16 KiB or more and ids with more than MAX_ID_CANDIDATES tag bytes).
    Lines written otherwise (fields out of order) are answered correctly too, just never
    from the cache. The cache is a plain dict, cleared when full: claim traffic refills
    the few hundred hot codes at once, and a dict hit is cheaper than keeping an LRU order.
    """

    def __init__(self, engine: Engine, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        self._engine = engine
        self._cache_size = cache_size
        self._caches: dict[bool, dict[bytes, bytes]] = {False: {}, True: {}}  # by view
        self._cache_day = date.min
        self._classifications: dict[tuple[int, bool], tuple[Classification, bytes]] = {}

    def lines(self, request: bytes) -> tuple[Sequence[bytes], int]:
        """Each line's encoding and the `ResultView` number, from any Validate request
        (all three put their lines in field 1 and the view in field 2). Raises DecodeError
        for bytes that are not one."""
        view = CheckedRequest.FromString(request).view
        return RawLines.FromString(request).items, view

    def results(self, lines: Sequence[bytes], full: bool, today: date | None = None) -> bytes:
        """Field 1 repeated over the lines' `LineResult`s, in order: a whole response.
        `full` sends the descriptor and property meanings (RESULT_VIEW_FULL). `today`
        (the engine's, in its timezone, by default) is what undated lines are for."""
        today = today or self._engine.today()
        if today != self._cache_day:  # undated lines mean today: yesterday's answers expire
            for cache in self._caches.values():
                cache.clear()
            self._cache_day = today
        get = self._caches[full].get
        parts: list[bytes] = []
        add = parts.extend
        for line in lines:
            end = len(line)
            body = None
            cut = line.rfind(_ID_TAG)
            tries = MAX_ID_CANDIDATES
            while cut >= 0 and tries:
                length = end - cut - 2  # the id's length if its length prefix is one byte
                if (0 < length < 0x80 and line[cut + 1] == length) or (
                    0x80 <= length - 1 < 0x4000 and line[cut + 1 : cut + 3] == varint(length - 1)
                ):
                    body = get(line[:cut])
                    if body is not None:
                        break
                cut = line.rfind(_ID_TAG, 0, cut)
                tries -= 1
            if body is not None:  # LineResult: field 1 = the line's id field, retagged
                size = end - cut + len(body)
                add((_FIELD_ONE_LEN, varint(size), _FIELD_ONE_LEN, line[cut + 1 :], body))
                continue
            body = get(line)  # a line without an id (or whose id no candidate found)
            if body is not None:
                add((_FIELD_ONE_LEN, varint(len(body)), body))
            else:
                parts.append(self._miss(line, full))
        return b"".join(parts)

    def _miss(self, encoded: bytes, full: bool) -> bytes:
        """The framed `LineResult` for a line not in the cache, cached if canonical."""
        line = pb.Line.FromString(encoded)
        body = self._result_bytes(self._validate(line), full)
        id_field = _each(b"", line.correlation_id) if line.correlation_id else b""
        line.ClearField("correlation_id")
        key = line.SerializeToString()
        if encoded == key + (_ID_TAG + id_field if id_field else b""):  # canonical
            cache = self._caches[full]
            if len(cache) >= self._cache_size:
                cache.clear()
            cache[key] = body
        if id_field:
            body = _FIELD_ONE_LEN + id_field + body
        return _FIELD_ONE_LEN + varint(len(body)) + body

    def _validate(self, line: pb.Line) -> LineResult:
        return self._engine.validate(
            line_from_message(line),
            cached=False,  # this encoder caches the encoded answer itself
        )

    def _result_bytes(self, result: LineResult, full: bool) -> bytes:
        """`LineResult` (without correlation id) encoded by hand: building the message
        objects cost more than validating the line."""
        day = result.date_of_service
        return b"".join(
            (
                _text(_RESULT["input"], result.input),
                _text(_RESULT["code"], result.code),
                _text(_RESULT["system"], result.system),
                _RESULT["verdict"] + varint(VERDICTS[result.verdict]),
                *(_nested(_RESULT["issues"], _issue(issue)) for issue in result.issues),
                self._classification(result.classification, full),
                *(_each(_RESULT["modifiers"], modifier) for modifier in result.modifiers),
                _text(_RESULT["date_of_service"], day.isoformat() if day else ""),
                _text(_RESULT["display"], result.display) if full else b"",
                _text(_RESULT["edition"], result.edition),
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
            encoded = _nested(_RESULT["classification"], _classification_body(classification, full))
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
            _text(_ISSUE["rule"], issue.rule),
            _ISSUE["severity"] + varint(SEVERITIES[issue.severity]),
            _text(_ISSUE["message"], issue.message),
            _text(_ISSUE["field"], issue.field),
            *(_each(_ISSUE["suggestions"], code) for code in issue.suggestions),
        )
    )


def _classification_body(classification: Classification, full: bool) -> bytes:
    return b"".join(
        (
            _text(_CLASSIFICATION["category"], classification.category),
            _text(_CLASSIFICATION["section"], classification.section),
            _text(_CLASSIFICATION["subsection"], classification.subsection),
            *(
                _nested(_CLASSIFICATION["properties"], _property(item, full))
                for item in classification.properties
            ),
        )
    )


def _property(item: Property, full: bool) -> bytes:
    """The code, the value in the oneof member of its type (written even when it is the
    default: a set oneof member always is), and the meaning in the full view."""
    kind = item.value_type
    value = item.value
    tag = _PROPERTY[VALUE_FIELDS[kind]]
    if kind is PropertyType.BOOLEAN:
        encoded = tag + (b"\x01" if value else b"\x00")
    elif kind is PropertyType.INTEGER:
        number = int(cast("int | str", value))  # an integer property's value: int (or digits)
        encoded = tag + _varint(number & 0xFFFF_FFFF_FFFF_FFFF)  # int32: two's complement
    else:
        encoded = _each(tag, text_of(value) if isinstance(value, date) else str(value))
    meaning = _text(_PROPERTY["meaning"], item.meaning) if full else b""
    return _text(_PROPERTY["code"], item.code) + encoded + meaning
