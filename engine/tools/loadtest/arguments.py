"""`codeset loadtest`: drive a codeset gRPC server with a realistic claim-line mix and report
throughput, latency percentiles, errors and the CPU the client itself burned.

    codeset loadtest --target 127.0.0.1:50051 --mode batch --duration 10
    codeset loadtest --spawn --serve-arg "--processes 2" --compare-baseline --mode stream

Every request is built and serialized before the clock starts, and sent as raw bytes, so
the client spends its CPU on gRPC, not on protobuf. Every run is bounded: by `--duration`
(at most an hour), by `--calls` (at most 10^9) and by a deadline on every call. With
`--spawn` the servers run on a free loopback port and are stopped at the end, whatever
happens; `--compare-baseline` then runs the identical load against `codeset serve
--baseline` (the same service answering without validating) and prints each figure beside
the baseline's, with the ratio engine/baseline.
"""

from __future__ import annotations

import argparse
import re
import shlex

from engine.tools.loadtest.plan import DEFAULT_CONCURRENCY, MAX_CALLS, MAX_DURATION, MAX_WARMUP
from engine.transport.load_client import MODES, VIEWS


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="codeset loadtest",
        description=__doc__,  # this module's docstring is the --help text
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--target", metavar="HOST:PORT", help="the running server to drive")
    where.add_argument(
        "--spawn", action="store_true", help="start `codeset serve` on a free loopback port"
    )
    p.add_argument(
        "--serve-arg",
        action="append",
        default=[],
        metavar="ARGS",
        help='extra `codeset serve` arguments for --spawn, e.g. --serve-arg "--processes 2"',
    )
    p.add_argument(
        "--compare-baseline",
        action="store_true",
        help="with --spawn: run the same load against `codeset serve --baseline` right after",
    )
    p.add_argument("--mode", choices=MODES, default="batch")
    p.add_argument("--batch-size", type=int, default=1000, help="lines per batch (default 1000)")
    p.add_argument("--window", type=int, default=4, help="stream: batches in flight per stream")
    p.add_argument(
        "--concurrency",
        type=int,
        help="calls (streams, in stream mode) in flight in total; default 64 unary, "
        "8 batch, 4 stream",
    )
    p.add_argument(
        "--channels",
        type=int,
        default=8,
        help="HTTP/2 connections (default 8; at most one per call or stream in flight). Server "
        "processes sharing a port share connections, not calls: open several",
    )
    p.add_argument("--duration", type=float, help="measured seconds (default 10; at most 3600)")
    p.add_argument(
        "--server-cpus",
        type=_cpus,
        help="with --spawn: run the servers on these CPUs only (e.g. 0), so that on a small "
        "machine server and client stop competing for the same cores",
    )
    p.add_argument("--client-cpus", type=_cpus, help="run this client on these CPUs only (e.g. 1)")
    p.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="with --compare-baseline: alternate engine and baseline runs this many times "
        "and report the round with the median lines/s ratio (default 1)",
    )
    p.add_argument("--calls", type=int, help="at most this many measured calls (stream: batches)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds not counted (default 2)")
    p.add_argument("--timeout", type=float, default=30.0, help="deadline per call, seconds")
    p.add_argument(
        "--client-processes", type=int, default=1, help="client worker processes (default 1)"
    )
    p.add_argument(
        "--view",
        choices=VIEWS,
        help="result view to ask for (default: none sent, which the server answers as basic)",
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--invalid-share",
        type=float,
        default=0.1,
        help="share of deliberately invalid lines in the mix (default 0.1); the server "
        "answers them with issues on their results, so they are no failed calls",
    )
    p.add_argument("--lines", type=int, default=100_000, help="distinct lines in the pool")
    p.add_argument("--lines-file", help="input lines to send instead (one `code [modifiers]` each)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--progress", action="store_true", help="progress on stderr even if no TTY")
    return p


def checked(args: argparse.Namespace, p: argparse.ArgumentParser) -> argparse.Namespace:
    if args.compare_baseline and not args.spawn:
        p.error("--compare-baseline needs --spawn (both servers are started here)")
    if args.serve_arg and not args.spawn:
        p.error("--serve-arg needs --spawn")
    if args.duration is None:
        args.duration = 10.0 if args.calls is None else MAX_DURATION
    if args.calls is None:
        args.calls = MAX_CALLS
    if args.concurrency is None:
        args.concurrency = DEFAULT_CONCURRENCY[args.mode]
    if not 0 < args.duration <= MAX_DURATION:
        p.error(f"--duration must be in (0, {MAX_DURATION:.0f}] seconds")
    if not 0 < args.calls <= MAX_CALLS:
        p.error(f"--calls must be between 1 and {MAX_CALLS:,}")
    if not 0 <= args.warmup <= MAX_WARMUP:
        p.error(f"--warmup must be in [0, {MAX_WARMUP:.0f}] seconds")
    if not 0 < args.timeout <= MAX_DURATION:
        p.error("--timeout must be positive (at most 3600 s)")
    if not 0.0 <= args.invalid_share <= 1.0:
        p.error("--invalid-share must be between 0 and 1")
    for name in ("batch_size", "window", "channels", "lines", "client_processes"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.concurrency < args.client_processes:
        p.error("--concurrency must be at least --client-processes")
    if args.target and not re.fullmatch(r"\[?[\w.:-]+\]?:\d+", args.target):
        p.error("--target wants HOST:PORT")
    args.serve_args = [word for item in args.serve_arg for word in shlex.split(item)]
    return args


def _cpus(text: str) -> set[int]:
    """CPU numbers as `0`, `0,1` or `0-3`."""
    cpus: set[int] = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        cpus.update(range(int(low), int(high or low) + 1))
    return cpus
