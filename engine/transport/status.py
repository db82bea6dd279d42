"""Request-level failures and how they travel: a gRPC status with google.rpc details."""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status


@dataclass
class RpcFailure(Exception):
    """Raised by a handler to end its call with `code`; `violations` are (field, why) pairs
    sent as a google.rpc.BadRequest, `reason` (a rule id) as a google.rpc.ErrorInfo."""

    code: grpc.StatusCode
    message: str
    violations: list[tuple[str, str]] = field(default_factory=list)
    reason: str = ""

    def status(self) -> grpc.Status:
        details = []
        if self.violations:
            bad_request = error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(field=name, description=why)
                    for name, why in self.violations
                ]
            )
            details.append(_packed(bad_request))
        if self.reason:
            info = error_details_pb2.ErrorInfo(reason=self.reason, domain="codeset-engine")
            details.append(_packed(info))
        return rpc_status.to_status(
            status_pb2.Status(
                code=getattr(code_pb2, self.code.name), message=self.message, details=details
            )
        )


def invalid_argument(message: str, *violations: tuple[str, str], reason: str = "") -> RpcFailure:
    return RpcFailure(grpc.StatusCode.INVALID_ARGUMENT, message, list(violations), reason)


def _packed(message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed
