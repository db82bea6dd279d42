"""The `codeset.v1.CodesetService` handlers, over the engine.

Handlers take and return raw bytes: decoding here (not in gRPC's deserializer) lets
undecodable bytes get INVALID_ARGUMENT instead of a generic INTERNAL. Every call goes
through `_observed`, the one place that turns failures into statuses and writes the
access log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any, Protocol

import grpc
from google.protobuf.message import DecodeError

from engine.domain.claims import Profile, in_family
from engine.domain.model import Issue
from engine.domain.parsing import parse_date
from engine.host.engine import Engine
from engine.host.routing import PluginError
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import (
    FULL_VIEWS,
    claim_from_message,
    claim_result_message,
    code_system_message,
    lookup_message,
    profile_from_message,
)
from engine.transport.status import RpcFailure, invalid_argument

SERVICE_NAME = "codeset.v1.CodesetService"
VERSION = version("codeset-engine")
CHUNK = 1000  # lines validated between deadline checks and yields to other calls

access_log = logging.getLogger("codeset.access")
log = logging.getLogger("codeset.server")


@dataclass
class Limits:
    max_batch_lines: int = 10_000


@dataclass
class Call:
    """What the access log records about one call."""

    method: str
    items: int = 0


class Encoder(Protocol):
    """Turns a Validate request into the bytes of its response (see engine.transport.fast_path):
    `lines` decodes the request into per-line items and its `ResultView` number (raising
    DecodeError), `results` answers a run of them, in the full view or the basic one."""

    def lines(self, request: bytes) -> tuple[Sequence, int]: ...

    def results(self, lines: Sequence, full: bool) -> bytes: ...


Handler = Callable[[bytes, grpc.aio.ServicerContext, Call], Awaitable[bytes]]
StreamHandler = Callable[
    [AsyncIterator[bytes], grpc.aio.ServicerContext, Call], AsyncIterator[bytes]
]


class CodesetService:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.engine: Engine | None = None  # set by ready(), once data is loaded
        self._encoder: Encoder | None = None
        self.draining = False
        self._in_flight = 0
        self._last_started = time.monotonic()

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
            "Lookup": self.lookup,
            "ListCodeSystems": self.list_code_systems,
            "ValidateClaim": self.validate_claim,
        }
        handlers = {
            name: grpc.unary_unary_rpc_method_handler(self._observed(name, method))
            for name, method in unary.items()
        }
        streams = {
            "ValidateStream": self.validate_stream,
            "ValidateClaimStream": self.validate_claims,
        }
        handlers.update(
            (name, grpc.stream_stream_rpc_method_handler(self._observed_stream(name, method)))
            for name, method in streams.items()
        )
        return grpc.method_handlers_generic_handler(SERVICE_NAME, handlers)

    def _observed(self, name: str, method: Handler):
        async def handle(raw: bytes, context: grpc.aio.ServicerContext) -> bytes:
            async with self._observing(name, context) as call:
                return await method(raw, context, call)

        return handle

    def _observed_stream(self, name: str, method: StreamHandler):
        async def handle(requests: AsyncIterator[bytes], context: grpc.aio.ServicerContext):
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
                raise RpcFailure(grpc.StatusCode.UNAVAILABLE, "server is shutting down; retry")
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
            await _abort(context, RpcFailure(code, "internal error; the server logged it"))
        finally:
            self._in_flight -= 1
            _log_access(call, code, started, context)

    def ready(self, engine: Engine, encoder: Encoder) -> None:
        self.engine = engine
        self._encoder = encoder

    def _engine(self) -> Engine:
        if self.engine is None:
            raise RpcFailure(grpc.StatusCode.UNAVAILABLE, "data is still loading; retry shortly")
        return self.engine

    def _results_encoder(self) -> Encoder:
        self._engine()
        return self._encoder

    async def validate(self, raw: bytes, context: grpc.aio.ServicerContext, call: Call) -> bytes:
        request = _decode(pb.ValidateRequest, raw)
        line = request.line
        violations = []
        if not line.code.strip():
            violations.append(("line.code", "required: the code to validate"))
        if line.date_of_service:
            parsed = parse_date(line.date_of_service)
            if isinstance(parsed, Issue):
                violations.append(("line.date_of_service", parsed.message))
        if violations:
            raise invalid_argument("the line cannot be validated", *violations)
        call.items = 1
        encoder = self._results_encoder()
        # Encoded again from the decoded line, not taken from `raw`: a sender may write the
        # line in pieces that decoding merges, where the encoder would see one line a piece.
        lines, _ = encoder.lines(pb.ValidateRequest(line=line).SerializeToString())
        return encoder.results(lines, _full(request.view, "view"))

    async def validate_batch(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        encoder = self._results_encoder()
        lines, view = self._lines(encoder, raw, pb.ValidateBatchRequest)
        full = _full(view, "view")
        self._check_batch(lines, "lines")
        call.items = len(lines)
        return await self._results(encoder, lines, full, context)

    async def validate_stream(
        self, requests: AsyncIterator[bytes], context: grpc.aio.ServicerContext, call: Call
    ) -> AsyncIterator[bytes]:
        index = 0
        async for raw in requests:
            encoder = self._results_encoder()  # per message: a reload reaches open streams
            lines, view = self._lines(encoder, raw, pb.ValidateStreamRequest)
            full = _full(view, f"message[{index}].view")
            self._check_batch(lines, f"message[{index}].lines")
            call.items += len(lines)
            yield await self._results(encoder, lines, full, context)
            index += 1

    async def validate_claim(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        request = _decode(pb.ValidateClaimRequest, raw)
        full = _full(request.view, "view")
        profile = self._profile(request.profile)
        self._check_batch(request.claim.lines, "claim.lines", allow_empty=True)
        call.items = len(request.claim.lines)
        result = self._engine().validate_claim(claim_from_message(request.claim), profile)
        message = claim_result_message(result, full=full)
        return pb.ValidateClaimResponse(result=message).SerializeToString()

    async def validate_claims(
        self, requests: AsyncIterator[bytes], context: grpc.aio.ServicerContext, call: Call
    ) -> AsyncIterator[bytes]:
        index = 0
        async for raw in requests:
            request = _decode(pb.ValidateClaimStreamRequest, raw)
            full = _full(request.view, f"message[{index}].view")
            profile = self._profile(request.profile)
            lines = [line for claim in request.claims for line in claim.lines]
            self._check_batch(lines, f"message[{index}].claims", allow_empty=True)
            call.items += len(request.claims)
            engine = self._engine()
            results = [
                claim_result_message(
                    engine.validate_claim(claim_from_message(claim), profile), full=full
                )
                for claim in request.claims
            ]
            yield pb.ValidateClaimStreamResponse(results=results).SerializeToString()
            index += 1
            await asyncio.sleep(0)  # let other calls run between messages

    def _profile(self, message: pb.RuleProfile) -> Profile:
        try:
            base = self._engine().profile(message.name)
        except KeyError as error:
            raise invalid_argument(
                "unknown rule profile", ("profile.name", error.args[0])
            ) from None
        unknown = [name for name in message.families if not self._is_family(name)]
        if unknown:
            families = ", ".join(self._engine().claim_rule_families)
            raise invalid_argument(
                "unknown claim-rule family",
                ("profile.families", f"{', '.join(unknown)}: not one of {families}"),
            )
        return profile_from_message(message, base)

    def _is_family(self, name: str) -> bool:
        return any(in_family(family, name) for family in self._engine().claim_rule_families)

    async def lookup(self, raw: bytes, context: grpc.aio.ServicerContext, call: Call) -> bytes:
        request = _decode(pb.LookupRequest, raw)
        if not request.code.strip():
            raise invalid_argument("no code to look up", ("code", "required"))
        call.items = 1
        try:
            found = self._engine().lookup(request.code, request.system)
        except PluginError as error:
            raise RpcFailure(grpc.StatusCode.INTERNAL, str(error)) from None
        if found is None:
            raise RpcFailure(
                grpc.StatusCode.NOT_FOUND, f"{request.code!r} is not in any loaded code system"
            )
        return lookup_message(found).SerializeToString()

    async def list_code_systems(
        self, raw: bytes, context: grpc.aio.ServicerContext, call: Call
    ) -> bytes:
        _decode(pb.ListCodeSystemsRequest, raw)
        return pb.ListCodeSystemsResponse(
            code_systems=[code_system_message(s) for s in self._engine().systems],
            max_batch_lines=self.limits.max_batch_lines,
            version=VERSION,
        ).SerializeToString()

    def _check_batch(self, lines: Sequence, field: str, allow_empty: bool = False) -> None:
        if not lines and not allow_empty:
            raise invalid_argument("empty batch", (field, "at least one line is required"))
        if len(lines) > self.limits.max_batch_lines:
            raise invalid_argument(
                "batch too large",
                (field, f"{len(lines)} lines; at most {self.limits.max_batch_lines} per batch"),
            )

    @staticmethod
    def _lines(encoder: Encoder, raw: bytes, request_type: type) -> tuple[Sequence, int]:
        try:
            return encoder.lines(raw)
        except DecodeError as error:
            raise _undecodable(request_type, error) from None

    async def _results(
        self, encoder: Encoder, lines: Sequence, full: bool, context: grpc.aio.ServicerContext
    ) -> bytes:
        """The encoded response for `lines`: any of the three Validate responses."""
        parts = []
        for start in range(0, len(lines), CHUNK):
            if start:
                remaining = context.time_remaining()
                if remaining is not None and remaining <= 0:
                    raise RpcFailure(grpc.StatusCode.DEADLINE_EXCEEDED, "deadline passed")
                await asyncio.sleep(0)  # let other calls run between chunks
            try:
                parts.append(encoder.results(lines[start : start + CHUNK], full))
            except DecodeError as error:  # a line the request view could not vouch for
                raise _undecodable(pb.Line, error) from None
        return b"".join(parts)


def _full(view: int, field: str) -> bool:
    """Whether a request's `ResultView` is FULL; INVALID_ARGUMENT for a view this server
    does not know (a newer client's), rather than guessing what it wanted."""
    try:
        return FULL_VIEWS[view]
    except KeyError:
        known = ", ".join(pb.ResultView.Name(number) for number in FULL_VIEWS)
        raise invalid_argument(
            "unknown result view", (field, f"{view}: not one of {known}")
        ) from None


def _decode(message_type: type, raw: bytes) -> Any:
    try:
        return message_type.FromString(raw)
    except DecodeError as error:
        raise _undecodable(message_type, error) from None


def _undecodable(message_type: type, error: DecodeError) -> RpcFailure:
    return invalid_argument(f"request is not a valid {message_type.DESCRIPTOR.full_name}: {error}")


async def _abort(context: grpc.aio.ServicerContext, failure: RpcFailure) -> None:
    status = failure.status()
    await context.abort(status.code, status.details, status.trailing_metadata)


def _log_access(call: Call, code: grpc.StatusCode, started: float, context) -> None:
    if access_log.isEnabledFor(logging.INFO):
        access_log.info(
            "rpc",
            extra={
                "method": call.method,
                "status": code.name,
                "items": call.items,
                "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                "peer": context.peer(),
            },
        )
