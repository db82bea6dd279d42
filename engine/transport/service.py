"""The `codeset.v1.CodesetService` handlers, over the engine.

Handlers take and return raw bytes: decoding here (not in gRPC's deserializer) lets
undecodable bytes get INVALID_ARGUMENT (MALFORMED_REQUEST) instead of a generic INTERNAL,
and lets the Validate RPCs answer from ready-made bytes (engine.transport.fast_path)
without decoding lines they have answered before. Every call goes through `_observed`,
the one place that turns failures into statuses and writes the access log.

Every call answers from one snapshot of the loaded data, from the editions its request
pins (engine.transport.snapshots).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.metadata import version

import grpc
from google.protobuf.message import DecodeError, Message

from engine.host.engine import Engine
from engine.transport import discovery, status
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import claim_from_message, claim_result_message
from engine.transport.discovery import Limits, full_view
from engine.transport.snapshots import (
    AnyEncoder,
    Encoder,
    LineT,
    Snapshot,
    Snapshots,
    result_encoder,
)
from engine.transport.status import RpcFailure, decode, invalid_argument, undecodable
from engine.transport.wire_views import string_map

__all__ = ["SERVICE_NAME", "VERSION", "CodesetService", "Encoder", "Limits"]

SERVICE_NAME = "codeset.v1.CodesetService"
VERSION = version("codeset-engine")
CHUNK = 1000  # lines validated between deadline checks and yields to other calls
LOOKUP_CHUNK = 100  # lookups between deadline checks and yields

access_log = logging.getLogger("codeset.access")
log = logging.getLogger("codeset.server")

# The `editions` pins of a Validate, ValidateBatch or ValidateStream request (field 3 of
# all three), read without decoding the request's lines.
_PINS_FIELD = pb.ValidateBatchRequest.DESCRIPTOR.fields_by_name["editions"].number
assert all(
    request.DESCRIPTOR.fields_by_name["editions"].number == _PINS_FIELD
    for request in (pb.ValidateRequest, pb.ValidateStreamRequest)
)
Pins = string_map(_PINS_FIELD)


@dataclass
class Call:
    """What the access log records about one call."""

    method: str
    items: int = 0
    refused: int = 0  # stream messages answered with a status


Handler = Callable[[bytes, grpc.aio.ServicerContext, Call], Awaitable[bytes]]
StreamHandler = Callable[
    [AsyncIterator[bytes], grpc.aio.ServicerContext, Call], AsyncIterator[bytes]
]
# The same, as gRPC calls them (the access log's Call is `_observed`'s own).
UnaryBehavior = Callable[[bytes, grpc.aio.ServicerContext], Awaitable[bytes]]
StreamBehavior = Callable[[AsyncIterator[bytes], grpc.aio.ServicerContext], AsyncIterator[bytes]]


class CodesetService:
    def __init__(
        self, limits: Limits, encoder_for: Callable[[Engine], AnyEncoder] = result_encoder
    ) -> None:
        """`encoder_for` builds the encoder of an engine pinned to editions (the loaded
        engine's comes with it, through `ready`)."""
        self.limits = limits
        self._snapshots = Snapshots(encoder_for)
        self.draining = False
        self._in_flight = 0
        self._last_started = time.monotonic()

    @property
    def engine(self) -> Engine | None:
        return self._snapshots.engine

    def ready(self, engine: Engine, encoder: AnyEncoder) -> None:
        """Answer new calls from `engine` (loaded, or reloaded) and `encoder`; calls under
        way keep answering from the data they started with."""
        self._snapshots.ready(engine, encoder)

    async def drain(self, quiet: float, timeout: float) -> None:
        """Refuse new calls (UNAVAILABLE, retryable) and wait, at most `timeout` seconds,
        until the calls already started have finished and none arrived for `quiet` seconds.

        gRPC's own stop cancels calls that reached the socket but not yet a handler;
        draining first lets each of them get a clean, retryable answer instead.
        """
        self.draining = True
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._in_flight and time.monotonic() - self._last_started >= quiet:
                return
            await asyncio.sleep(quiet / 5)

    def handler(self) -> grpc.GenericRpcHandler:
        unary = {
            "Validate": self.validate,
            "ValidateBatch": self.validate_batch,
            "ValidateClaim": self.validate_claim,
            "Lookup": self.lookup,
            "BatchLookup": self.batch_lookup,
            "ListCodeSystems": self.list_code_systems,
            "ListRules": self.list_rules,
            "GetServerInfo": self.get_server_info,
        }
        handlers = {
            name: grpc.unary_unary_rpc_method_handler(self._observed(name, method))
            for name, method in unary.items()
        }
        streams = {
            "ValidateStream": self.validate_stream,
            "ValidateClaimStream": self.validate_claim_stream,
        }
        handlers.update(
            (name, grpc.stream_stream_rpc_method_handler(self._observed_stream(name, method)))
            for name, method in streams.items()
        )
        return grpc.method_handlers_generic_handler(SERVICE_NAME, handlers)

    def _observed(self, name: str, method: Handler) -> UnaryBehavior:
        async def handle(raw: bytes, context: grpc.aio.ServicerContext) -> bytes:
            async with self._observing(name, context) as call:
                return await method(raw, context, call)

        return handle

    def _observed_stream(self, name: str, method: StreamHandler) -> StreamBehavior:
        async def handle(
            requests: AsyncIterator[bytes], context: grpc.aio.ServicerContext
        ) -> AsyncIterator[bytes]:
            async with self._observing(name, context) as call:
                async for response in method(requests, context, call):
                    yield response

        return handle

    @asynccontextmanager
    async def _observing(self, name: str, context: grpc.aio.ServicerContext) -> AsyncIterator[Call]:
        """Turns failures into statuses (never a crash) and logs the call however it ends."""
        call, started, code = Call(name), time.perf_counter(), grpc.StatusCode.OK
        self._in_flight += 1
        self._last_started = time.monotonic()
        try:
            if self.draining:
                raise RpcFailure(
                    grpc.StatusCode.UNAVAILABLE,
                    "the server is shutting down; retry",
                    status.SHUTTING_DOWN,
                )
            yield call
        except RpcFailure as failure:
            code = failure.code
            await _abort(context, failure)
        except asyncio.CancelledError:
            code = grpc.StatusCode.CANCELLED
            raise
        except Exception:
            code = grpc.StatusCode.INTERNAL
            log.exception("unexpected failure in %s", name)
            await _abort(
                context,
                RpcFailure(code, "internal error; the server logged it", status.INTERNAL_ERROR),
            )
        finally:
            self._in_flight -= 1
            _log_access(call, code, started, context)

    # --- Validate, ValidateBatch, ValidateStream -----------------------------------------

    async def validate(self, raw: bytes, context: grpc.aio.ServicerContext, call: Call) -> bytes:
        """A batch of one: the same answer, through the same encoder."""
        return await self._lines_response(
            self._snapshots.current(), raw, pb.ValidateRequest, call, context
        )

    async def validate_batch(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        return await self._lines_response(
            self._snapshots.current(), raw, pb.ValidateBatchRequest, call, context
        )

    async def validate_stream(
        self, requests: AsyncIterator[bytes], context: grpc.aio.ServicerContext, call: Call
    ) -> AsyncIterator[bytes]:
        base: Snapshot | None = None
        async for raw in requests:
            base = base or self._snapshots.current()  # the whole stream answers from this data
            try:
                yield await self._lines_response(base, raw, pb.ValidateStreamRequest, call, context)
            except RpcFailure as failure:
                yield _refused(pb.ValidateStreamResponse, failure, call)
            await asyncio.sleep(0)  # let other calls run between messages

    async def _lines_response(
        self,
        base: Snapshot,
        raw: bytes,
        request_type: type[Message],
        call: Call,
        context: grpc.aio.ServicerContext,
    ) -> bytes:
        """The response bytes for any of the three Validate requests (each is field 1
        repeated over `LineResult`s, or singular in ValidateResponse)."""
        try:
            pins = Pins.FromString(raw).entries
        except DecodeError as error:
            raise undecodable(request_type, error) from None
        snapshot = await self._snapshots.pinned(base, pins)
        encoder = snapshot.encoder
        lines, view = _lines(encoder, raw, request_type)
        full = full_view(view)
        if request_type is pb.ValidateRequest:
            if len(lines) != 1:
                lines = _one_line(encoder, raw, lines)
        else:
            self._check_batch(len(lines), "lines")
        call.items += len(lines)
        return await _results(encoder, lines, full, context)

    # --- ValidateClaim, ValidateClaimStream -------------------------------------------

    async def validate_claim(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        base = self._snapshots.current()
        request = decode(pb.ValidateClaimRequest, raw)
        full = full_view(request.view)
        self._check_batch(len(request.claim.lines), "claim.lines", allow_empty=True)
        engine = (await self._snapshots.pinned(base, request.editions)).engine
        profile = discovery.profile_from_message(engine, request.profile)
        call.items = len(request.claim.lines)
        result = engine.validate_claim(claim_from_message(request.claim), profile)
        message = claim_result_message(result, full=full)
        encoded: bytes = pb.ValidateClaimResponse(result=message).SerializeToString()
        return encoded

    async def validate_claim_stream(
        self, requests: AsyncIterator[bytes], context: grpc.aio.ServicerContext, call: Call
    ) -> AsyncIterator[bytes]:
        base: Snapshot | None = None
        async for raw in requests:
            base = base or self._snapshots.current()  # the whole stream answers from this data
            try:
                yield await self._claims_response(base, raw, call, context)
            except RpcFailure as failure:
                yield _refused(pb.ValidateClaimStreamResponse, failure, call)
            await asyncio.sleep(0)  # let other calls run between messages

    async def _claims_response(
        self, base: Snapshot, raw: bytes, call: Call, context: grpc.aio.ServicerContext
    ) -> bytes:
        request = decode(pb.ValidateClaimStreamRequest, raw)
        full = full_view(request.view)
        if not request.claims:
            raise invalid_argument(
                status.EMPTY_BATCH, "no claims to validate", ("claims", "at least one claim")
            )
        self._check_batch(sum(len(claim.lines) for claim in request.claims), "claims")
        engine = (await self._snapshots.pinned(base, request.editions)).engine
        profile = discovery.profile_from_message(engine, request.profile)
        results, lines = [], 0
        for claim in request.claims:
            if lines >= CHUNK:
                await _checkpoint(context)
                lines = 0
            lines += len(claim.lines)
            result = engine.validate_claim(claim_from_message(claim), profile)
            results.append(claim_result_message(result, full=full))
        call.items += len(request.claims)
        encoded: bytes = pb.ValidateClaimStreamResponse(results=results).SerializeToString()
        return encoded

    # --- Lookup, BatchLookup -----------------------------------------------------------

    async def lookup(self, raw: bytes, context: grpc.aio.ServicerContext, call: Call) -> bytes:
        base = self._snapshots.current()
        request = decode(pb.LookupRequest, raw)
        call.items = 1
        encoded: bytes = (await self._lookup(base, request)).SerializeToString()
        return encoded

    async def _lookup(self, base: Snapshot, request: pb.LookupRequest) -> pb.LookupResponse:
        engine = (await self._snapshots.pinned(base, request.editions)).engine
        return discovery.lookup(engine, request)

    async def batch_lookup(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        """Each lookup's own answer or status (the one Lookup would have failed with);
        only a bad batch fails the call."""
        base = self._snapshots.current()
        request = decode(pb.BatchLookupRequest, raw)
        count = len(request.requests)
        if not count:
            raise invalid_argument(
                status.EMPTY_BATCH, "no lookups", ("requests", "at least one lookup")
            )
        if count > self.limits.max_lookup_batch:
            raise invalid_argument(
                status.BATCH_TOO_LARGE,
                f"{count} lookups; at most {self.limits.max_lookup_batch} per batch",
                ("requests", f"at most {self.limits.max_lookup_batch} lookups"),
                maxLookupBatch=str(self.limits.max_lookup_batch),
            )
        call.items = count
        results = []
        for position, item in enumerate(request.requests):
            if position and not position % LOOKUP_CHUNK:
                await _checkpoint(context)
            try:
                results.append(pb.LookupResult(lookup=await self._lookup(base, item)))
            except RpcFailure as failure:
                results.append(pb.LookupResult(status=failure.proto()))
        encoded: bytes = pb.BatchLookupResponse(results=results).SerializeToString()
        return encoded

    # --- ListCodeSystems, ListRules, GetServerInfo --------------------------------------

    async def list_code_systems(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        engine = self._snapshots.current().engine
        return discovery.list_code_systems(engine, decode(pb.ListCodeSystemsRequest, raw))

    async def list_rules(self, raw: bytes, context: grpc.aio.ServicerContext, call: Call) -> bytes:
        engine = self._snapshots.current().engine
        return discovery.list_rules(engine, decode(pb.ListRulesRequest, raw))

    async def get_server_info(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        engine = self._snapshots.current().engine
        decode(pb.GetServerInfoRequest, raw)
        encoded: bytes = discovery.server_info(engine, self.limits, VERSION).SerializeToString()
        return encoded

    def _check_batch(self, count: int, field: str, allow_empty: bool = False) -> None:
        if not count and not allow_empty:
            raise invalid_argument(
                status.EMPTY_BATCH, "empty batch", (field, "at least one line is required")
            )
        limit = self.limits.max_batch_lines
        if count > limit:
            raise invalid_argument(
                status.BATCH_TOO_LARGE,
                f"batch too large: {count} lines; at most {limit}",
                (field, f"{count} lines; at most {limit} per batch"),
                maxBatchLines=str(limit),
            )


# --- Requests ----------------------------------------------------------------------------


def _lines(
    encoder: Encoder[LineT], raw: bytes, request_type: type[Message]
) -> tuple[Sequence[LineT], int]:
    try:
        return encoder.lines(raw)
    except DecodeError as error:
        raise undecodable(request_type, error) from None


def _one_line(encoder: Encoder[LineT], raw: bytes, lines: Sequence[LineT]) -> Sequence[LineT]:
    """The one line of a ValidateRequest whose line is absent (a line without a code:
    ENGINE.EMPTY_CODE) or was written in pieces, which protobuf merges into one (rare:
    decoded, and the merged line encoded again)."""
    line = decode(pb.ValidateRequest, raw).line if lines else pb.Line()
    merged, _ = _lines(
        encoder, pb.ValidateRequest(line=line).SerializeToString(), pb.ValidateRequest
    )
    return merged


async def _results(
    encoder: Encoder[LineT],
    lines: Sequence[LineT],
    full: bool,
    context: grpc.aio.ServicerContext,
) -> bytes:
    """The encoded response for `lines`: any of the three Validate responses."""
    parts = []
    for start in range(0, len(lines), CHUNK):
        if start:
            await _checkpoint(context)
        try:
            parts.append(encoder.results(lines[start : start + CHUNK], full))
        except DecodeError as error:  # a line the request view could not vouch for
            raise undecodable(pb.Line, error) from None
    return b"".join(parts)


async def _checkpoint(context: grpc.aio.ServicerContext) -> None:
    """Between chunks of work: fail once the call's deadline has passed, and let other
    calls run."""
    remaining = context.time_remaining()
    if remaining is not None and remaining <= 0:
        raise RpcFailure(
            grpc.StatusCode.DEADLINE_EXCEEDED,
            "the call's deadline passed before its work was done",
            status.DEADLINE_PASSED,
        )
    await asyncio.sleep(0)


def _refused(response_type: type[Message], failure: RpcFailure, call: Call) -> bytes:
    """A stream message the server could not use: its response carries the status a
    unary call would have failed with (and no results); the stream goes on. Failures of
    the call itself (deadline, shutdown) end the stream instead."""
    if failure.code is not grpc.StatusCode.INVALID_ARGUMENT:
        raise failure
    call.refused += 1
    encoded: bytes = response_type(status=failure.proto()).SerializeToString()
    return encoded


async def _abort(context: grpc.aio.ServicerContext, failure: RpcFailure) -> None:
    status_ = failure.status()
    await context.abort(status_.code, status_.details, status_.trailing_metadata)


def _log_access(
    call: Call, code: grpc.StatusCode, started: float, context: grpc.aio.ServicerContext
) -> None:
    if access_log.isEnabledFor(logging.INFO):
        access_log.info(
            "rpc",
            extra={
                "method": call.method,
                "status": code.name,
                "items": call.items,
                "refused": call.refused,
                "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                "peer": context.peer(),
            },
        )
