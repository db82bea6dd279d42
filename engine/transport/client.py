"""A small typed client for Python callers of the gRPC service.

    with CodesetClient("127.0.0.1:50051") as client:
        result = client.validate(Line("J1100", date_of_service="2025-03-01"))
        results = client.validate_batch(lines)      # any length: sent in server-sized batches
        claim = client.validate_claim(Claim(lines=(ClaimLine(1, "J1100", date_of_service=...),)))

Results are the `codeset.v1` protobuf messages (typed by the generated .pyi stubs).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Protocol, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from engine.domain.claims import Claim
from engine.domain.model import Line
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc
from engine.transport.conversions import claim_message, iso, line_message

DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024

_Request = TypeVar("_Request", contravariant=True)
_Response = TypeVar("_Response", covariant=True)
_PageRequest = TypeVar("_PageRequest")
_Item = TypeVar("_Item")


class _Call(Protocol[_Request, _Response]):
    """One method of a gRPC stub: a request (or an iterator of them) in, the response out."""

    def __call__(self, request: _Request, /, *, timeout: float | None = ...) -> _Response: ...


class _Page(Protocol):
    @property
    def next_page_token(self) -> str: ...


_PageResponse = TypeVar("_PageResponse", bound=_Page)


class CodesetStub(Protocol):
    """The calls of the generated `CodesetServiceStub` this client makes, typed (grpcio-tools
    generates the stub without annotations)."""

    Validate: _Call[pb.ValidateRequest, pb.ValidateResponse]
    ValidateBatch: _Call[pb.ValidateBatchRequest, pb.ValidateBatchResponse]
    ValidateStream: _Call[Iterable[pb.ValidateStreamRequest], Iterator[pb.ValidateStreamResponse]]
    ValidateClaim: _Call[pb.ValidateClaimRequest, pb.ValidateClaimResponse]
    Lookup: _Call[pb.LookupRequest, pb.LookupResponse]
    BatchLookup: _Call[pb.BatchLookupRequest, pb.BatchLookupResponse]
    ListCodeSystems: _Call[pb.ListCodeSystemsRequest, pb.ListCodeSystemsResponse]
    ListRules: _Call[pb.ListRulesRequest, pb.ListRulesResponse]
    GetServerInfo: _Call[pb.GetServerInfoRequest, pb.GetServerInfoResponse]


class CodesetClient:
    def __init__(
        self,
        target: str,
        *,
        timeout: float | None = 30.0,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
        view: pb.ResultView = pb.RESULT_VIEW_UNSPECIFIED,
        editions: Mapping[str, str] | None = None,
    ) -> None:
        """`view` applies to every result: RESULT_VIEW_FULL adds descriptors and meanings.
        `editions` pins data editions by system id ({"hcpcs": "hcpcs-2025-10"})."""
        self.timeout = timeout
        self.view = view
        self.editions = dict(editions or {})
        self.channel = grpc.insecure_channel(
            target,
            options=[
                ("grpc.max_receive_message_length", max_message_bytes),
                ("grpc.max_send_message_length", max_message_bytes),
            ],
        )
        # grpcio-tools generates the stub unannotated: CodesetStub types the calls made on it
        stub = codeset_pb2_grpc.CodesetServiceStub(self.channel)  # type: ignore[no-untyped-call]
        self.stub: CodesetStub = stub
        self._health = health_pb2_grpc.HealthStub(self.channel)
        self._max_batch_lines: int | None = None

    def __enter__(self) -> CodesetClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.channel.close()

    def validate(self, line: Line | str, correlation_id: str = "") -> pb.LineResult:
        request = pb.ValidateRequest(
            line=line_message(line, correlation_id), view=self.view, editions=self.editions
        )
        return self.stub.Validate(request, timeout=self.timeout).result

    def validate_batch(self, lines: Sequence[Line | str]) -> list[pb.LineResult]:
        """Results in input order; the lines travel in batches the server accepts."""
        size = self.max_batch_lines()
        results: list[pb.LineResult] = []
        for start in range(0, len(lines), size):
            request = pb.ValidateBatchRequest(
                lines=[line_message(line) for line in lines[start : start + size]],
                view=self.view,
                editions=self.editions,
            )
            results.extend(self.stub.ValidateBatch(request, timeout=self.timeout).results)
        return results

    def validate_stream(
        self, batches: Iterable[Sequence[Line | str]]
    ) -> Iterator[pb.ValidateStreamResponse]:
        """One response per batch, in order, over one bidirectional stream: its `results`,
        or its `status` when the server could not use that batch (the stream goes on)."""
        requests = (
            pb.ValidateStreamRequest(
                lines=[line_message(line) for line in batch],
                view=self.view,
                editions=self.editions,
            )
            for batch in batches
        )
        yield from self.stub.ValidateStream(requests, timeout=self.timeout)

    def validate_claim(self, claim: Claim, profile: pb.RuleProfile | None = None) -> pb.ClaimResult:
        """`claim` is the engine's own `engine.Claim`, as `Engine.validate_claim` takes."""
        request = pb.ValidateClaimRequest(
            claim=claim_message(claim), profile=profile, view=self.view, editions=self.editions
        )
        return self.stub.ValidateClaim(request, timeout=self.timeout).result

    def lookup(self, code: str, system: str = "", on: date | None = None) -> pb.LookupResponse:
        request = pb.LookupRequest(code=code, system=system, date=iso(on), editions=self.editions)
        return self.stub.Lookup(request, timeout=self.timeout)

    def batch_lookup(self, codes: Sequence[str], on: date | None = None) -> list[pb.LookupResult]:
        """One result per code, in order: its lookup, or the status a Lookup would fail with."""
        requests = [
            pb.LookupRequest(code=code, date=iso(on), editions=self.editions) for code in codes
        ]
        return list(
            self.stub.BatchLookup(
                pb.BatchLookupRequest(requests=requests), timeout=self.timeout
            ).results
        )

    def list_code_systems(self) -> list[pb.CodeSystem]:
        """Every loaded code system, across all pages."""
        return self._every_page(
            self.stub.ListCodeSystems, pb.ListCodeSystemsRequest, lambda page: page.code_systems
        )

    def list_rules(self) -> list[pb.RuleDescription]:
        """Every rule id a result can carry, across all pages."""
        return self._every_page(self.stub.ListRules, pb.ListRulesRequest, lambda page: page.rules)

    def server_info(self) -> pb.GetServerInfoResponse:
        return self.stub.GetServerInfo(pb.GetServerInfoRequest(), timeout=self.timeout)

    def max_batch_lines(self) -> int:
        if self._max_batch_lines is None:
            self._max_batch_lines = self.server_info().limits.max_batch_lines
        return self._max_batch_lines

    def _every_page(
        self,
        method: _Call[_PageRequest, _PageResponse],
        request_type: Callable[..., _PageRequest],
        items: Callable[[_PageResponse], Iterable[_Item]],
    ) -> list[_Item]:
        found: list[_Item] = []
        token = ""
        while True:
            response = method(request_type(page_token=token), timeout=self.timeout)
            found.extend(items(response))
            token = response.next_page_token
            if not token:
                return found

    def serving(self) -> bool:
        """True when the server's health service says SERVING."""
        response = self._health.Check(health_pb2.HealthCheckRequest(), timeout=self.timeout)
        serving: bool = response.status == health_pb2.HealthCheckResponse.SERVING
        return serving


def wait_serving(
    target: str, keep_waiting: Callable[[], bool], *, timeout: float = 2.0, every: float = 0.05
) -> bool:
    """Asks `target`'s health service every `every` s until it says SERVING (True) or
    `keep_waiting()` turns false (False); a failed check (not listening yet) is a no."""
    with CodesetClient(target, timeout=timeout) as client:
        while True:
            with contextlib.suppress(grpc.RpcError):
                if client.serving():
                    return True
            if not keep_waiting():
                return False
            time.sleep(every)
