"""The report: each worker's figures merged into one run's throughput, latency
percentiles, errors and CPU (`summarise`), the ratios engine/baseline (`ratios`) and the
table printed without `--json` (`table`).

Latencies are recorded in microseconds into HDR histograms of this precision (the workers
record, `summarise` merges) and reported in milliseconds at `PERCENTILES`.
"""

from __future__ import annotations

import argparse
import collections
import statistics
from collections.abc import Callable
from typing import Any

from hdrh.histogram import HdrHistogram

LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS = 1, 60_000_000, 3
PERCENTILES = (("p50", 50.0), ("p90", 90.0), ("p99", 99.0), ("p99_9", 99.9))
# A worker's or a run's figures, as JSON-ready values by name.
Figures = dict[str, Any]


def summarise(
    args: argparse.Namespace, results: list[Figures], server_cpu: float | None
) -> Figures:
    histogram = HdrHistogram(LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS)
    errors: collections.Counter[str] = collections.Counter()
    for result in results:
        histogram.add(HdrHistogram.decode(result["histogram"]))
        errors.update(result["errors"])
    calls = sum(result["calls"] for result in results)
    lines = sum(result["lines"] for result in results)
    response_bytes = sum(result["response_bytes"] for result in results)
    measure_from = min(result["measure_from"] for result in results)
    last_done = max(result["last_done"] for result in results)
    wall = last_done - measure_from if calls else args.duration
    wall = max(wall, 1e-9)
    cpu = sum(result["cpu_seconds"] for result in results)
    figures: dict[str, Any] = {
        "calls": calls,
        "lines": lines,
        "response_bytes_per_line": round(response_bytes / lines, 1) if lines else None,
        "errors": sum(errors.values()),
        "errors_by_code": dict(sorted(errors.items())),
        "wall_seconds": round(wall, 3),
        "calls_per_second": round(calls / wall, 1),
        "lines_per_second": round(lines / wall, 1),
        "latency_ms": {
            **{
                name: histogram.get_value_at_percentile(percentile) / 1000
                for name, percentile in PERCENTILES
            },
            "max": histogram.get_max_value() / 1000,
            "mean": round(histogram.get_mean_value() / 1000, 3),
            "count": histogram.get_total_count(),
        },
        "client_cpu_seconds": round(cpu, 3),
        "client_cpu_per_wall": round(cpu / wall, 3),
        "client_processes": len(results),
        "client_bound": cpu / wall > 0.9 * len(results),
    }
    if args.mode == "stream":
        figures["streams"] = sum(result["streams"] for result in results)
    if server_cpu is not None:
        figures["server_cpu_seconds"] = round(server_cpu, 3)
        figures["server_cpu_per_wall"] = round(server_cpu / wall, 3)
        if lines:
            figures["server_cpu_us_per_line"] = round(server_cpu / lines * 1e6, 3)
    return figures


RATIO_FIGURES = (
    "calls_per_second",
    "lines_per_second",
    "client_cpu_seconds",
    "server_cpu_seconds",
    "server_cpu_us_per_line",
)


def ratios(result: Figures, baseline: Figures) -> Figures:
    """engine / baseline for each figure both runs have (throughput < 1: engine slower)."""
    out: Figures = {}
    for name in RATIO_FIGURES:
        if result.get(name) and baseline.get(name):
            out[name] = result[name] / baseline[name]
    latency = {
        name: value / baseline["latency_ms"][name]
        for name, value in result["latency_ms"].items()
        if name != "count" and value and baseline["latency_ms"].get(name)
    }
    out["latency_ms"] = latency
    return out


def table(report: Figures) -> str:
    settings, result, baseline = report["settings"], report["result"], report.get("baseline")
    mode = settings["mode"]
    unit = "batch round trip" if mode == "stream" else "call"
    shape = "" if mode == "unary" else f", {settings['batch_size']:,} lines per batch"
    window = f", window {settings['window']}" if mode == "stream" else ""
    in_flight = "streams" if mode == "stream" else "calls in flight"
    server = report.get("server", {}).get("command") or report.get("target")
    out = [
        f"codeset loadtest: {mode}{shape}{window}; {settings['concurrency']} {in_flight} "
        f"over {settings['channels']} channels, {settings['client_processes']} client "
        f"process(es), {settings['view']} result view",
        f"server: {server}",
        _lines_row(settings),
    ]
    if baseline:
        out.append(f"baseline: {report['baseline_server']['command']}")
    calls_name = "batches" if mode == "stream" else "calls"

    rows: list[tuple[str, str, Callable[[Figures], Any]]] = [
        (f"{calls_name}/s", "{:,.1f}", lambda f: f["calls_per_second"]),
        ("lines/s", "{:,.0f}", lambda f: f["lines_per_second"]),
        *(
            (
                f"latency {name.replace('_', '.')} ms",
                "{:,.3f}",
                lambda f, n=name: f["latency_ms"][n],
            )
            for name, _ in PERCENTILES
        ),
        ("latency max ms", "{:,.3f}", lambda f: f["latency_ms"]["max"]),
        (f"{calls_name} (measured)", "{:,}", lambda f: f["calls"]),
        ("lines (answered)", "{:,}", lambda f: f["lines"]),
        ("response bytes/line", "{:,.1f}", lambda f: f["response_bytes_per_line"]),
        ("errors", "{:,}", lambda f: f["errors"]),
        ("wall s", "{:,.2f}", lambda f: f["wall_seconds"]),
        ("client CPU s", "{:,.2f}", lambda f: f["client_cpu_seconds"]),
        ("client CPU / wall", "{:,.2f}", lambda f: f["client_cpu_per_wall"]),
        ("server CPU s", "{:,.2f}", lambda f: f.get("server_cpu_seconds")),
        ("server CPU µs/line", "{:,.2f}", lambda f: f.get("server_cpu_us_per_line")),
    ]
    header = f"{'':<22}{'engine':>14}"
    if baseline:
        header += f"{'baseline':>14}{'ratio':>9}"
    out += [f"latency is per {unit}", header]
    for name, style, pick in rows:
        value = pick(result)
        if value is None:
            continue
        row = f"{name:<22}{style.format(value):>14}"
        if baseline:
            other = pick(baseline)
            row += f"{style.format(other) if other is not None else '-':>14}"
            ratio = f"{value / other:.2f}" if value and other else "-"
            row += f"{ratio:>9}"
        out.append(row)
    if len(report.get("round_ratios", ())) > 1:
        every = ", ".join(f"{ratio:.2f}" for ratio in report["round_ratios"])
        out.append(f"lines/s ratio in each round, sorted: {every} (table: the median round)")
        p99 = report["round_p99_ratios"]
        if p99:
            every = ", ".join(f"{ratio:.2f}" for ratio in p99)
            middle = statistics.median(p99)
            out.append(f"p99 latency ratio in each round, sorted: {every} (median {middle:.2f})")
    for label, figures in (("engine", result), ("baseline", baseline)):
        if figures and figures["errors_by_code"]:
            by_code = ", ".join(f"{k} {v:,}" for k, v in figures["errors_by_code"].items())
            out.append(f"errors ({label}): {by_code}")
    return "\n".join(out)


def _lines_row(settings: Figures) -> str:
    """What the requests carry: the pool of distinct lines and, for the generated mix, the
    share of it made invalid on purpose (answered with issues on their results, which is
    why they are no errors here)."""
    pool = f"lines: {settings['distinct_lines']:,} distinct"
    if settings.get("lines_file"):
        return f"{pool}, from {settings['lines_file']}"
    return f"{pool}, {settings['invalid_share']:.0%} of them deliberately invalid"
