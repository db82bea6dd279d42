"""`main`: the whole `codeset loadtest` command. Against `--target` it runs one load; with
`--spawn` it starts the servers itself and, with `--compare-baseline`, runs the identical
load against the engine and the baseline, alternately, `--rounds` times over.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Sequence
from typing import Any

from engine.tools.loadtest.arguments import checked, parser
from engine.tools.loadtest.load import run_load
from engine.tools.loadtest.plan import Payload, build_payloads, split, workload
from engine.tools.loadtest.report import ratios, table
from engine.tools.loadtest.servers import SpawnedServer, serve_processes
from engine.transport.load_client import DEFAULT_VIEW, VIEWS


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = checked(p.parse_args(list(argv) if argv is not None else None), p)
    if args.client_cpus:
        os.sched_setaffinity(0, args.client_cpus)  # the worker processes inherit it
    pool = workload(args)
    view = VIEWS[args.view] if args.view else DEFAULT_VIEW
    payloads = build_payloads(args.mode, pool, args.batch_size, view=view)
    report: dict[str, Any] = {"settings": _settings(args, len(pool), payloads)}
    try:
        if args.target:
            report["target"] = args.target
            report["result"] = run_load(args, args.target, payloads, "engine", [])
        else:
            report.update(_spawned_rounds(args, payloads, report))
    except KeyboardInterrupt:
        print("codeset loadtest: interrupted", file=sys.stderr)
        return 130
    except (ConnectionError, RuntimeError, TimeoutError) as error:
        print(f"codeset loadtest: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report))
    else:
        print(table(report))
    for name in ("result", "baseline"):
        figures = report.get(name)
        if figures and figures["client_bound"]:
            print(
                f"warning: the client used {figures['client_cpu_per_wall']:.2f} CPU-seconds per "
                f"second across {figures['client_processes']} process(es) in the "
                f"{'baseline' if name == 'baseline' else 'engine'} run: it was probably the "
                "bottleneck (try --client-processes)",
                file=sys.stderr,
            )
    return 0


def _spawned_rounds(
    args: argparse.Namespace, payloads: list[Payload], report: dict[str, Any]
) -> dict[str, Any]:
    """Engine then baseline, `--rounds` times over, against the same two running servers.

    Machines like these drift in speed within seconds, so alternating runs and reporting
    the round with the median lines/s ratio (and every round's ratio) is fairer than one
    long run of each."""
    kinds = (False, True) if args.compare_baseline else (False,)
    servers = {
        baseline: SpawnedServer(args.serve_args, baseline, args.server_cpus) for baseline in kinds
    }
    try:
        for baseline, server in servers.items():
            server.wait_ready(serve_processes(args.serve_args))
            key = "baseline_server" if baseline else "server"
            report[key] = {"address": server.address, "command": shlex.join(server.command)}
        rounds: list[dict[str, Any]] = []
        for _ in range(args.rounds if args.compare_baseline else 1):
            measured = {
                baseline: run_load(
                    args,
                    server.address,
                    payloads,
                    "baseline" if baseline else "engine",
                    server.pids,
                )
                for baseline, server in servers.items()
            }
            if not args.compare_baseline:
                return {"result": measured[False]}
            engine_figures, baseline_figures = measured[False], measured[True]
            rounds.append(
                {
                    "result": engine_figures,
                    "baseline": baseline_figures,
                    "ratios": ratios(engine_figures, baseline_figures),
                }
            )
    finally:
        for server in servers.values():
            server.stop()
    rounds.sort(key=lambda r: r["ratios"].get("lines_per_second", 0))
    median = rounds[len(rounds) // 2]
    median["round_ratios"] = [r["ratios"].get("lines_per_second") for r in rounds]
    p99 = [r["ratios"]["latency_ms"].get("p99") for r in rounds]
    median["round_p99_ratios"] = sorted(ratio for ratio in p99 if ratio is not None)
    return median


def _settings(args: argparse.Namespace, pool: int, payloads: list[Payload]) -> dict[str, Any]:
    return {
        "mode": args.mode,
        "batch_size": 1 if args.mode == "unary" else args.batch_size,
        "view": args.view or "default",
        "window": args.window if args.mode == "stream" else None,
        "concurrency": args.concurrency,
        "channels": sum(  # a worker opens no more channels than it has calls in flight
            max(1, min(channels, calls))
            for channels, calls in zip(
                split(args.channels, args.client_processes),
                split(args.concurrency, args.client_processes),
                strict=True,
            )
        ),
        "client_processes": args.client_processes,
        "duration": args.duration,
        "calls_limit": args.calls,
        "warmup": args.warmup,
        "timeout": args.timeout,
        "seed": args.seed,
        "invalid_share": None if args.lines_file else args.invalid_share,
        "lines_file": args.lines_file,
        "distinct_lines": pool,
        "request_messages": len(payloads),
        "request_bytes_mean": round(sum(len(p.data) for p in payloads) / len(payloads), 1),
    }
