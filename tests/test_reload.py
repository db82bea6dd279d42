"""SIGHUP reloads the configured data; a malformed file leaves the tables in service, and
a call under way keeps answering from the data it started with."""

from __future__ import annotations

import queue
import shutil
import time

import grpc

from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc
from tests.conftest import DATA
from tests.grpc_checks import failure, invalid
from tests.server_process import ServerProcess

DAY = "2025-10-15"
CMS_2019 = DATA / "cms2019" / "HCPC2019_CONTR_ANWEB.txt"


def rules(stub: codeset_pb2_grpc.CodesetServiceStub, *codes: str) -> set[str]:
    lines = [
        pb.ClaimLine(line_number=n, line=pb.Line(code=c, date_of_service=DAY))
        for n, c in enumerate(codes, 1)
    ]
    request = pb.ValidateClaimRequest(claim=pb.Claim(lines=lines))
    return {issue.rule for issue in stub.ValidateClaim(request, timeout=10).result.issues}


def wait_for_log(server: ServerProcess, text: str, timeout: float = 30, after: int = 0) -> str:
    """Waits until `text` is logged (`after` occurrences of it are already there)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        logs = server.logs()
        if logs.count(text) > after:
            return logs
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never logged:\n{server.logs()[-2000:]}")


def test_reload_swaps_in_new_tables_and_survives_a_broken_file(tmp_path):
    quarter = tmp_path / "2025-10-01"
    shutil.copytree(DATA / "ncci" / "2025-10-01", quarter)
    ptp = quarter / "ccipra-FIXTURE-f1.txt"
    server = ServerProcess("--port", "0", "-s", f"ncci.folders={quarter}").wait_listening()
    server.wait_serving()
    try:
        with grpc.insecure_channel(server.address) as channel:
            stub = codeset_pb2_grpc.CodesetServiceStub(channel)
            assert "NCCI.PTP_COLUMN_TWO_DENIED" in rules(stub, "G0008", "J1100")
            good = ptp.read_text(encoding="latin-1")

            ptp.write_text(good.replace("20240101", "2024-01-01", 1), encoding="latin-1")
            server.process.send_signal(1)  # SIGHUP
            logs = wait_for_log(server, "reload failed")
            assert str(ptp) in logs and "line 7" in logs
            assert "NCCI.PTP_COLUMN_TWO_DENIED" in rules(stub, "G0008", "J1100")

            added = "J1100\tG0010\t\t20240101\t*\t0\tFIXTURE: edit added by a reload\r\n"
            ptp.write_text(good + added, encoding="latin-1")
            server.process.send_signal(1)
            wait_for_log(server, '"reloaded"')
            assert "NCCI.PTP_COLUMN_TWO_DENIED" in rules(stub, "J1100", "G0010")
            stub.GetServerInfo(pb.GetServerInfoRequest(), timeout=5)
    finally:
        assert server.stop() == 0


def test_a_stream_answers_from_the_editions_it_started_with_across_a_reload(tmp_path):
    """A second copy of the 2019 release, added and reloaded mid-stream, becomes edition
    hcpcs-2019-2 for new calls; the open stream keeps answering from hcpcs-2019. A page
    token issued before the reload is refused after it."""
    releases = tmp_path / "releases"
    releases.mkdir()
    shutil.copy(CMS_2019, releases / "A_ANWEB.txt")
    server = ServerProcess("--port", "0", "-s", f"hcpcs.releases={releases}").wait_listening()
    server.wait_serving()
    line = pb.Line(code="J0135", date_of_service="2019-06-01")
    try:
        with grpc.insecure_channel(server.address) as channel:
            stub = codeset_pb2_grpc.CodesetServiceStub(channel)
            token = stub.ListCodeSystems(
                pb.ListCodeSystemsRequest(page_size=1), timeout=5
            ).next_page_token
            assert token

            outgoing: queue.Queue = queue.Queue()

            def requests():
                while (request := outgoing.get(timeout=60)) is not None:
                    yield request

            stream = stub.ValidateStream(requests(), timeout=120)
            outgoing.put(pb.ValidateStreamRequest(lines=[line]))
            assert next(stream).results[0].edition == "hcpcs-2019"

            shutil.copy(CMS_2019, releases / "B_ANWEB.txt")
            server.process.send_signal(1)  # SIGHUP
            wait_for_log(server, '"reloaded"')
            fresh = stub.Validate(pb.ValidateRequest(line=line), timeout=10).result
            assert fresh.edition == "hcpcs-2019-2"

            outgoing.put(pb.ValidateStreamRequest(lines=[line]))
            assert next(stream).results[0].edition == "hcpcs-2019"  # the stream's data
            # The new edition is not there for the stream to pin either.
            outgoing.put(pb.ValidateStreamRequest(lines=[line], editions={"hcpcs": "hcpcs-2019-2"}))
            refused = next(stream)
            assert not refused.results
            assert "editions[hcpcs]" in invalid(refused.status, "UNKNOWN_EDITION")
            outgoing.put(None)
            assert list(stream) == []

            pinned = stub.Validate(
                pb.ValidateRequest(line=line, editions={"hcpcs": "hcpcs-2019-2"}), timeout=30
            )
            assert pinned.result.edition == "hcpcs-2019-2"

            error = failure(
                stub.ListCodeSystems, pb.ListCodeSystemsRequest(page_size=1, page_token=token)
            )
            assert "page_token" in invalid(error, "INVALID_PAGE_TOKEN")
    finally:
        assert server.stop() == 0
