"""The server's fast path: answers as ready-made protobuf bytes, cached per distinct line.

Building one protobuf message object per line costs more than validating it. Every
response of the service (`ValidateResponse`, `ValidateBatchResponse`,
`ValidateStreamResponse`) is field 1 repeated over `LineResult`s, so a response is the
concatenation of framed results, and a result is its cached encoding with the caller's
correlation id (field 1, which canonical serialization writes first) in front. The bytes
are exactly what serializing the message objects would produce; a test holds it to that.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from engine.api.codeset.v1 import codeset_pb2 as pb
from engine.core import Engine
from engine.messages import result_message
from engine.model import Line

DEFAULT_CACHE_SIZE = 200_000
_FIELD_ONE_LEN = b"\x0a"  # field 1, wire type 2 (length-delimited)


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


class ResultEncoder:
    def __init__(self, engine: Engine, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        self._engine = engine
        self._encoded = lru_cache(maxsize=cache_size)(self._encode)

    def results(self, lines: Sequence[pb.Line], today: date | None = None) -> bytes:
        """Field 1 repeated over the lines' `LineResult`s, in order: a whole response."""
        today_text = (today or date.today()).isoformat()
        encoded = self._encoded
        parts: list[bytes] = []
        add = parts.extend
        for line in lines:
            modifiers = line.modifiers
            body = encoded(
                line.code,
                line.system,
                tuple(modifiers) if modifiers else (),
                line.date_of_service or today_text,
                line.units if line.HasField("units") else None,
            )
            correlation_id = line.correlation_id
            if correlation_id:
                tag = correlation_id.encode()
                tag_length = varint(len(tag))
                size = 1 + len(tag_length) + len(tag) + len(body)
                add((_FIELD_ONE_LEN, varint(size), _FIELD_ONE_LEN, tag_length, tag, body))
            else:
                add((_FIELD_ONE_LEN, varint(len(body)), body))
        return b"".join(parts)

    def _encode(
        self, code: str, system: str, modifiers: tuple, day: str, units: int | None
    ) -> bytes:
        result = self._engine.validate(Line(code, system, modifiers, day, units))
        return result_message(result).SerializeToString()
