"""The baseline the load tests measure against: the same service answering without validating.

Each line gets the smallest correct `LineResult` (its correlation id, its input echoed,
valid), built the ordinary way. Everything else — the server, its limits, its access log,
request decoding and checks — is the real one, so the ratio between the two servers is
what validation costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from engine.transport.api.codeset.v1 import codeset_pb2 as pb


class BaselineEncoder:
    def lines(self, request: bytes) -> tuple[Sequence[pb.Line], int]:
        decoded: pb.ValidateBatchRequest = pb.ValidateBatchRequest.FromString(request)
        # all three Validate requests share fields 1 (lines) and 2 (view)
        return decoded.lines, decoded.view

    def results(self, lines: Sequence[pb.Line], full: bool, today: date | None = None) -> bytes:
        """The same minimal answer in every view: nothing in it differs between views."""
        encoded: bytes = pb.ValidateBatchResponse(
            results=[
                pb.LineResult(
                    correlation_id=line.correlation_id, input=line.code, verdict=pb.VERDICT_VALID
                )
                for line in lines
            ]
        ).SerializeToString()
        return encoded
