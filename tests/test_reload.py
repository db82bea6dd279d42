"""SIGHUP reloads the configured data; a malformed file leaves the tables in service."""

from __future__ import annotations

import shutil
import time

from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.client import CodesetClient
from tests.conftest import DATA
from tests.server_process import ServerProcess

DAY = "2025-10-15"


def rules(client: CodesetClient, *codes: str) -> set[str]:
    lines = [
        pb.ClaimLine(line_number=n, code=c, date_of_service=DAY) for n, c in enumerate(codes, 1)
    ]
    return {issue.rule for issue in client.validate_claim(pb.Claim(lines=lines)).issues}


def wait_for_log(server: ServerProcess, text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        logs = server.logs()
        if text in logs:
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
        with CodesetClient(server.address) as client:
            assert "NCCI.PTP_COLUMN_TWO_DENIED" in rules(client, "G0008", "J1100")
            good = ptp.read_text(encoding="latin-1")

            ptp.write_text(good.replace("20240101", "2024-01-01", 1), encoding="latin-1")
            server.process.send_signal(1)  # SIGHUP
            logs = wait_for_log(server, "reload failed")
            assert str(ptp) in logs and "line 7" in logs
            assert "NCCI.PTP_COLUMN_TWO_DENIED" in rules(client, "G0008", "J1100")

            added = "J1100\tG0010\t\t20240101\t*\t0\tFIXTURE: edit added by a reload\r\n"
            ptp.write_text(good + added, encoding="latin-1")
            server.process.send_signal(1)
            wait_for_log(server, '"reloaded"')
            assert "NCCI.PTP_COLUMN_TWO_DENIED" in rules(client, "J1100", "G0010")
            assert client.serving()
    finally:
        assert server.stop() == 0
