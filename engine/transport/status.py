"""Request-level failures and how they travel: a gRPC status with google.rpc details.

Every status the service sends carries a google.rpc.ErrorInfo (domain `codeset-engine`,
a stable UPPER_SNAKE reason, AIP-193); an INVALID_ARGUMENT also carries a
google.rpc.BadRequest naming each offending field. The details travel in the
`grpc-status-details-bin` trailer, and gRPC's metadata limit (8 KiB by default) bounds
the whole status: caller input echoed in it is cut to a short prefix
(`engine.domain.parsing.shown_input`), at most `MAX_VIOLATIONS` violations are listed, and
every text is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import grpc
from google.protobuf import any_pb2
from google.protobuf.message import DecodeError, Message
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from engine.transport.api.codeset.v1 import codeset_pb2 as pb

DOMAIN = "codeset-engine"
MAX_VIOLATIONS = 10
MAX_TEXT = 300  # characters of any message or description
_REASON = re.compile(r"[A-Z][A-Z0-9_]*[A-Z0-9]")

# The stable ErrorInfo reasons (the proto lists them; clients match on them).
EMPTY_BATCH = "EMPTY_BATCH"
BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
UNKNOWN_RESULT_VIEW = "UNKNOWN_RESULT_VIEW"
UNKNOWN_SYSTEM = "UNKNOWN_SYSTEM"
UNKNOWN_EDITION = "UNKNOWN_EDITION"
UNKNOWN_PROFILE = "UNKNOWN_PROFILE"
UNKNOWN_RULE_FAMILY = "UNKNOWN_RULE_FAMILY"
UNKNOWN_RULE = "UNKNOWN_RULE"
INVALID_SEVERITY = "INVALID_SEVERITY"
INVALID_DATE = "INVALID_DATE"
EMPTY_CODE = "EMPTY_CODE"
INVALID_PAGE_SIZE = "INVALID_PAGE_SIZE"
INVALID_PAGE_TOKEN = "INVALID_PAGE_TOKEN"
MALFORMED_REQUEST = "MALFORMED_REQUEST"
CODE_NOT_FOUND = "CODE_NOT_FOUND"
CODE_NOT_RECOGNISED = "CODE_NOT_RECOGNISED"
DATA_LOADING = "DATA_LOADING"
SHUTTING_DOWN = "SHUTTING_DOWN"
DEADLINE_PASSED = "DEADLINE_PASSED"
# Not in the proto's list (yet): a plugin or the server itself failed (INTERNAL).
PLUGIN_FAILED = "PLUGIN_FAILED"
INTERNAL_ERROR = "INTERNAL_ERROR"

REASONS = frozenset(
    {
        EMPTY_BATCH,
        BATCH_TOO_LARGE,
        UNKNOWN_RESULT_VIEW,
        UNKNOWN_SYSTEM,
        UNKNOWN_EDITION,
        UNKNOWN_PROFILE,
        UNKNOWN_RULE_FAMILY,
        UNKNOWN_RULE,
        INVALID_SEVERITY,
        INVALID_DATE,
        EMPTY_CODE,
        INVALID_PAGE_SIZE,
        INVALID_PAGE_TOKEN,
        MALFORMED_REQUEST,
        CODE_NOT_FOUND,
        CODE_NOT_RECOGNISED,
        DATA_LOADING,
        SHUTTING_DOWN,
        DEADLINE_PASSED,
        PLUGIN_FAILED,
        INTERNAL_ERROR,
    }
)


@dataclass
class RpcFailure(Exception):
    """Raised by a handler to end its call (or, in a stream, to answer one message) with
    `code`; `reason` goes in a google.rpc.ErrorInfo (with `metadata`), `violations`
    ((field, why) pairs) in a google.rpc.BadRequest."""

    code: grpc.StatusCode
    message: str
    reason: str
    violations: list[tuple[str, str]] = field(default_factory=list)
    metadata: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not _REASON.fullmatch(self.reason):
            raise ValueError(f"ErrorInfo reason {self.reason!r} is not UPPER_SNAKE_CASE")

    def __str__(self) -> str:
        return f"{self.code.name} {self.reason}: {self.message}"

    def proto(self) -> status_pb2.Status:
        """The google.rpc.Status: what a stream response's `status` carries, and what the
        call's trailers carry when it fails."""
        details = [
            _packed(
                error_details_pb2.ErrorInfo(
                    reason=self.reason,
                    domain=DOMAIN,
                    metadata={key: _bounded(value) for key, value in self.metadata.items()},
                )
            )
        ]
        if self.violations:
            listed = self.violations[:MAX_VIOLATIONS]
            violations = [
                error_details_pb2.BadRequest.FieldViolation(
                    field=_bounded(name), description=_bounded(why)
                )
                for name, why in listed
            ]
            if len(self.violations) > len(listed):
                violations[-1].description = _bounded(
                    f"{violations[-1].description} (and {len(self.violations) - len(listed)} "
                    "more problems not listed)"
                )
            details.append(_packed(error_details_pb2.BadRequest(field_violations=violations)))
        return status_pb2.Status(
            code=getattr(code_pb2, self.code.name), message=_bounded(self.message), details=details
        )

    def status(self) -> grpc.Status:
        return rpc_status.to_status(self.proto())


def invalid_argument(
    reason: str, message: str, *violations: tuple[str, str], **metadata: str
) -> RpcFailure:
    return RpcFailure(
        grpc.StatusCode.INVALID_ARGUMENT, message, reason, list(violations), dict(metadata)
    )


MessageT = TypeVar("MessageT", bound=Message)

# The field a request's bytes could not be read as (its payload).
_PAYLOAD: dict[type[Message], str] = {
    pb.ValidateRequest: "line",
    pb.ValidateBatchRequest: "lines",
    pb.ValidateStreamRequest: "lines",
    pb.Line: "lines",
    pb.ValidateClaimRequest: "claim",
    pb.ValidateClaimStreamRequest: "claims",
    pb.LookupRequest: "code",
    pb.BatchLookupRequest: "requests",
    pb.ListCodeSystemsRequest: "page_token",
    pb.ListRulesRequest: "page_token",
}


def decode(message_type: type[MessageT], raw: bytes) -> MessageT:
    try:
        decoded: MessageT = message_type.FromString(raw)
    except DecodeError as error:
        raise undecodable(message_type, error) from None
    return decoded


def undecodable(message_type: type[Message], error: DecodeError) -> RpcFailure:
    name: str = message_type.DESCRIPTOR.full_name
    return invalid_argument(
        MALFORMED_REQUEST,
        f"request is not a valid {name}: {error}",
        (_PAYLOAD.get(message_type, ""), f"not readable as {name} (malformed protobuf)"),
    )


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_TEXT else f"{text[: MAX_TEXT - 1]}…"


def _packed(message: Message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed
