"""The load generator against a real server: every mode, the baseline comparison, bounds."""

from __future__ import annotations

import json

import grpc
import pytest

from engine.tools import loadtest
from engine.tools.loadtest.report import table as report_table
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.api.codeset.v1 import codeset_pb2_grpc
from tests.server_process import ServerProcess

QUICK = ["--duration", "1", "--warmup", "0", "--lines", "2000", "--json"]


@pytest.fixture(scope="module")
def address():
    running = ServerProcess("--port", "0", "--log-level", "warning").wait_listening()
    running.wait_serving()
    yield running.address
    assert running.stop() == 0, running.stderr


def run(capsys, *arguments: str) -> dict:
    assert loadtest.main(list(arguments)) == 0
    return json.loads(capsys.readouterr().out)


def assert_sound(figures: dict) -> None:
    assert figures["calls"] > 0
    assert figures["calls_per_second"] > 0
    assert figures["lines_per_second"] > 0
    assert figures["errors"] == 0, figures["errors_by_code"]
    latency = figures["latency_ms"]
    ordered = [latency[name] for name in ("p50", "p90", "p99", "p99_9", "max")]
    assert ordered[0] > 0
    assert ordered == sorted(ordered)
    assert figures["client_cpu_seconds"] > 0


@pytest.mark.parametrize(
    ("mode", "shape"),
    [
        ("unary", ["--concurrency", "4", "--channels", "2"]),
        ("batch", ["--batch-size", "200", "--concurrency", "2", "--channels", "2"]),
        ("stream", ["--batch-size", "200", "--concurrency", "2", "--window", "2"]),
    ],
)
def test_each_mode_reports_sound_figures(capsys, address, mode, shape):
    report = run(
        capsys, "--target", address, "--mode", mode, *shape, "--invalid-share", "0", *QUICK
    )
    figures = report["result"]
    assert_sound(figures)
    lines_per_call = 1 if mode == "unary" else 200
    assert figures["lines"] == figures["calls"] * lines_per_call
    if mode == "stream":
        assert figures["streams"] >= 2


def test_deliberately_invalid_lines_are_answered_not_failed(capsys, address):
    """Invalid lines (empty codes, impossible dates, zero units...) are issues on their
    results in every mode, unary included: the run reports no failed calls for them."""
    report = run(
        capsys, "--target", address, "--mode", "unary", "--concurrency", "4", "--channels", "2",
        "--invalid-share", "0.5", "--calls", "400", "--duration", "30", "--warmup", "0",
        "--lines", "400", "--json",
    )  # fmt: skip
    assert report["settings"]["invalid_share"] == 0.5
    figures = report["result"]
    assert "INVALID_ARGUMENT" not in figures["errors_by_code"]
    assert_sound(figures)
    assert figures["calls"] == figures["lines"] == 400
    table = report_table(report)
    assert "400 distinct, 50% of them deliberately invalid" in table
    assert "errors" in table and "errors (engine)" not in table  # no error codes to list


def test_calls_bound_the_run(capsys, address):
    report = run(
        capsys, "--target", address, "--mode", "unary", "--calls", "5", "--concurrency", "3",
        "--invalid-share", "0", "--duration", "30", "--warmup", "0", "--lines", "100", "--json",
    )  # fmt: skip
    assert report["result"]["calls"] == 5
    assert report["result"]["latency_ms"]["count"] == 5


def test_lines_file_drives_batches(capsys, address, tmp_path):
    inputs = tmp_path / "lines.txt"
    inputs.write_text("J1100\nE0100 RT\n\n99213-25\nW1234\n")
    report = run(
        capsys, "--target", address, "--mode", "batch", "--lines-file", str(inputs),
        "--batch-size", "10", "--calls", "3", "--concurrency", "1", "--warmup", "0", "--json",
    )  # fmt: skip
    assert report["settings"]["distinct_lines"] == 4
    assert report["result"]["calls"] == 3
    assert report["result"]["lines"] == 30
    assert report["result"]["errors"] == 0


def test_compare_baseline_reports_ratios(capsys):
    report = run(
        capsys, "--spawn", "--compare-baseline", "--mode", "batch", "--batch-size", "500",
        "--concurrency", "2", "--channels", "2", "--invalid-share", "0", "--rounds", "2", *QUICK,
    )  # fmt: skip
    assert len(report["round_ratios"]) == len(report["round_p99_ratios"]) == 2
    assert report["ratios"]["lines_per_second"] in report["round_ratios"]
    assert_sound(report["result"])
    assert_sound(report["baseline"])
    ratios = report["ratios"]
    for name in ("calls_per_second", "lines_per_second", "client_cpu_seconds"):
        assert ratios[name] > 0
    assert all(value > 0 for value in ratios["latency_ms"].values())
    assert report["baseline_server"]["command"].endswith("--baseline")
    assert report["result"]["server_cpu_seconds"] > 0


def test_bounds_are_refused():
    for too_much in (["--duration", "3601"], ["--calls", str(10**9 + 1)], ["--calls", "0"]):
        with pytest.raises(SystemExit):
            loadtest.main(["--target", "127.0.0.1:1", *too_much])


def test_baseline_answers_one_result_per_line_echoing_ids():
    server = ServerProcess("--port", "0", "--baseline", "--log-level", "warning")
    try:
        server.wait_listening().wait_serving()
        with grpc.insecure_channel(server.address) as channel:
            stub = codeset_pb2_grpc.CodesetServiceStub(channel)
            lines = [
                pb.Line(code="J1100", correlation_id="a"),
                pb.Line(code="not a code", correlation_id="b"),
                pb.Line(code="99213-25", correlation_id="c"),
            ]
            response = stub.ValidateBatch(pb.ValidateBatchRequest(lines=lines), timeout=10)
    finally:
        assert server.stop() == 0, server.stderr
    assert [r.correlation_id for r in response.results] == ["a", "b", "c"]
    assert [r.input for r in response.results] == ["J1100", "not a code", "99213-25"]
    assert [r.verdict for r in response.results] == [pb.VERDICT_VALID] * 3


def test_client_processes_share_the_load_and_merge_histograms(capsys, address):
    report = run(
        capsys, "--target", address, "--mode", "batch", "--batch-size", "100", "--calls", "7",
        "--client-processes", "2", "--concurrency", "2", "--channels", "2", "--warmup", "0",
        "--invalid-share", "0", "--lines", "500", "--json",
    )  # fmt: skip
    figures = report["result"]
    assert figures["client_processes"] == 2
    assert figures["calls"] == 7  # 4 + 3
    assert figures["latency_ms"]["count"] == 7
    assert figures["lines"] == 700


def test_cpu_lists_parse_like_taskset():
    from engine.tools.loadtest.arguments import _cpus

    assert _cpus("0") == {0}
    assert _cpus("0-2,4") == {0, 1, 2, 4}
