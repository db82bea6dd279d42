"""Checks the gRPC service tests share: failures and their google.rpc details (AIP-193)."""

from __future__ import annotations

import re

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc


def failure(call, *args, **kwargs) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call(*args, **kwargs)
    return raised.value


def rpc_status_of(error: grpc.RpcError | status_pb2.Status) -> status_pb2.Status:
    """The google.rpc.Status of a failed call, or a stream response's status as it is."""
    if isinstance(error, status_pb2.Status):
        return error
    found = rpc_status.from_call(error)
    assert found is not None, "no google.rpc.Status details"
    return found


def field_violations(error: grpc.RpcError | status_pb2.Status) -> dict[str, str]:
    violations = {}
    for detail in rpc_status_of(error).details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            violations.update((v.field, v.description) for v in bad_request.field_violations)
    return violations


def error_info(error: grpc.RpcError | status_pb2.Status) -> error_details_pb2.ErrorInfo:
    """The status's one ErrorInfo, held to AIP-193: our domain, an UPPER_SNAKE reason."""
    (packed,) = [
        detail
        for detail in rpc_status_of(error).details
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR)
    ]
    info = error_details_pb2.ErrorInfo()
    packed.Unpack(info)
    assert info.domain == "codeset-engine"
    assert re.fullmatch(r"[A-Z][A-Z0-9_]*[A-Z0-9]", info.reason), info.reason
    return info


def reason(error: grpc.RpcError | status_pb2.Status) -> str:
    return error_info(error).reason


def invalid(error: grpc.RpcError | status_pb2.Status, expected_reason: str) -> dict[str, str]:
    """Holds `error` to INVALID_ARGUMENT with `expected_reason`, naming at least one field;
    returns its field violations."""
    code = error.code if isinstance(error, status_pb2.Status) else error.code().value[0]
    assert code == grpc.StatusCode.INVALID_ARGUMENT.value[0], error
    assert reason(error) == expected_reason
    violations = field_violations(error)
    assert violations, "an INVALID_ARGUMENT must name the fields"
    return violations


def still_serving(stub: codeset_pb2_grpc.CodesetServiceStub) -> None:
    answer = stub.Validate(pb.ValidateRequest(line=pb.Line(code="J1100")), timeout=5)
    assert answer.result.code == "J1100"
