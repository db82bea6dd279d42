"""The load generator's raw-bytes gRPC client: channels with the load tester's options,
unary and stream calls on pre-encoded requests, response checking by correlation ids, and
status names of failures.

`engine.tools.loadtest` plans the load and keeps the figures; everything it says to the
wire is here. Requests are encoded before the clock starts (`encode_request`, into
`Payload`s), and a worker asks `Channels.calls` once for the callables it drives: they are
gRPC's own multi-callables on raw bytes, so the load generator's hot loop pays for no layer
of Python calls of ours, only for `check` on every response (which decodes the correlation
ids and nothing else).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.message import DecodeError

from engine.domain.model import Line
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import line_message
from engine.transport.wire_views import item_ids

_SERVICE = "/codeset.v1.CodesetService/"
# The load tester's modes and the method each one calls.
PATHS = {
    "unary": _SERVICE + "Validate",
    "batch": _SERVICE + "ValidateBatch",
    "stream": _SERVICE + "ValidateStream",
}
MODES = tuple(PATHS)
_BATCH_REQUESTS: dict[str, type[pb.ValidateBatchRequest] | type[pb.ValidateStreamRequest]] = {
    "batch": pb.ValidateBatchRequest,
    "stream": pb.ValidateStreamRequest,
}
# `--view` names and their `ResultView` numbers; DEFAULT_VIEW sends none (the server
# answers it as basic).
VIEWS = {"basic": pb.RESULT_VIEW_BASIC, "full": pb.RESULT_VIEW_FULL}
DEFAULT_VIEW = pb.RESULT_VIEW_UNSPECIFIED
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# What a stream call's `read()` returns once the server has sent its last response.
STREAM_END = grpc.aio.EOF


@dataclass(frozen=True)
class Payload:
    data: bytes  # the serialized request message
    lines: int
    first_id: str  # correlation ids of its first and last lines, checked in the response
    last_id: str


def encode_request(
    mode: str, lines: Sequence[Line | str], ids: Sequence[str], view: int = DEFAULT_VIEW
) -> bytes:
    """The serialized request of `mode`'s method, line `i` carrying correlation id `ids[i]`
    (unary: exactly one line)."""
    # The generated .pyi takes only `ResultView` members for `view` (arg-type ignores
    # below); protobuf takes any enum number, which is what the load tester passes.
    request: pb.ValidateRequest | pb.ValidateBatchRequest | pb.ValidateStreamRequest
    if mode == "unary":
        (line,), (cid,) = lines, ids
        request = pb.ValidateRequest(line=line_message(line, cid), view=view)  # type: ignore[arg-type]
    else:
        request = _BATCH_REQUESTS[mode](
            lines=[line_message(line, cid) for line, cid in zip(lines, ids, strict=True)],
            view=view,  # type: ignore[arg-type]
        )
    encoded: bytes = request.SerializeToString()
    return encoded


# Every Validate response keeps its results in field 1, correlation id first: the load
# generator checks completeness and order by decoding only those ids, not paying to decode
# what it does not look at (the server's results are 25x the baseline's, and the client
# shares the machine with the server).
CorrelationIds = item_ids(1)


def check(raw: bytes, payload: Payload) -> str | None:
    """What is wrong with a response, as an error name; None when it answers every line."""
    try:
        results = CorrelationIds.FromString(raw).items  # unary: one result, same shape
    except DecodeError:
        return "UNDECODABLE"
    if len(results) != payload.lines:
        return "INCOMPLETE"
    if results[0].id != payload.first_id or results[-1].id != payload.last_id:
        return "WRONG_ID"
    return None


def failure_name(error: BaseException) -> str:
    """A failed call's status code name (UNAVAILABLE, DEADLINE_EXCEEDED, ...), or the
    exception's type name when it is no RPC error."""
    if isinstance(error, grpc.aio.AioRpcError):
        name: str = error.code().name  # a grpc.StatusCode
        return name
    return type(error).__name__


class Channels:
    """`count` asyncio channels to `target`, each its own HTTP/2 connection."""

    def __init__(self, target: str, count: int, first_id: int = 0) -> None:
        self.target = target
        self._channels = [
            grpc.aio.insecure_channel(target, options=_options(first_id + index))
            for index in range(count)
        ]

    async def wait_ready(self, timeout: float) -> None:
        """Waits until every channel is connected; ConnectionError after `timeout` s."""
        try:
            await asyncio.wait_for(
                asyncio.gather(*(channel.channel_ready() for channel in self._channels)),
                timeout,
            )
        except TimeoutError:
            raise ConnectionError(f"cannot connect to {self.target}") from None

    def calls(self, mode: str) -> list[Callable[..., Any]]:
        """One raw-bytes callable per channel for `mode`'s method. Unary and batch:
        `await call(data, timeout=...)` is the response's bytes. Stream: `call(timeout=...)`
        is one stream, to `write(data)`, `done_writing()`, `cancel()` and `read()` response
        bytes from, until STREAM_END. Failures raise what `failure_name` names."""
        path = PATHS[mode]
        if mode == "stream":
            return [channel.stream_stream(path, None, None) for channel in self._channels]
        return [channel.unary_unary(path, None, None) for channel in self._channels]

    async def close(self) -> None:
        for channel in self._channels:
            await channel.close()


def _options(channel_id: int) -> list[tuple[str, int]]:
    return [
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ("grpc.use_local_subchannel_pool", 1),
        # A distinct channel argument keeps grpc from sharing one subchannel (connection).
        ("grpc.channel_id", channel_id),
    ]
