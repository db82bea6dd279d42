"""The request plan: everything a worker needs, built before the clock starts.

Every request is built here and serialized (by `engine.transport.load_client`) before the
clock starts, and sent as raw bytes, so the client spends its CPU on gRPC, not on protobuf.
The input lines are the realistic claim-line mix of `engine.tools.workload`
(or `--lines-file`); `plans` gives each client worker its share of the calls in flight, the
channels and the `--calls` bound. The constants name each mode's default concurrency and
the bounds on a run.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.domain.model import Line
from engine.transport.load_client import DEFAULT_VIEW, Payload, encode_request

__all__ = [
    "DEFAULT_CONCURRENCY",
    "MAX_CALLS",
    "MAX_DURATION",
    "MAX_WARMUP",
    "Payload",
    "Plan",
    "build_payloads",
    "plans",
    "split",
    "workload",
]

DEFAULT_CONCURRENCY = {"unary": 64, "batch": 8, "stream": 4}
MAX_DURATION = 3600.0
MAX_WARMUP = 600.0
MAX_CALLS = 10**9


@dataclass(frozen=True)
class Plan:
    """One worker's share of the load (picklable: sent to worker processes)."""

    target: str
    mode: str
    payloads: list[Payload]
    concurrency: int
    channels: int
    window: int
    timeout: float
    warmup: float
    duration: float
    calls: int
    first_payload: int = 0
    channel_id_base: int = 0


def build_payloads(
    mode: str,
    pool: Sequence[Line | str],
    batch_size: int,
    id_prefix: str = "",
    view: int = DEFAULT_VIEW,
) -> list[Payload]:
    """Serialized requests over `pool`: one per line (unary) or batches cycling through it."""
    if mode == "unary":
        payloads = []
        for index, line in enumerate(pool):
            cid = f"{id_prefix}{index}"
            payloads.append(Payload(encode_request(mode, [line], [cid], view), 1, cid, cid))
        return payloads
    payloads = []
    for batch in range(max(1, math.ceil(len(pool) / batch_size))):
        first = batch * batch_size
        ids = [f"{id_prefix}{first + offset}" for offset in range(batch_size)]
        lines = [pool[(first + offset) % len(pool)] for offset in range(batch_size)]
        data = encode_request(mode, lines, ids, view)
        payloads.append(Payload(data, batch_size, ids[0], ids[-1]))
    return payloads


def workload(args: argparse.Namespace) -> Sequence[Line | str]:
    if args.lines_file:
        path = Path(args.lines_file)
        if not path.is_file():
            raise SystemExit(f"codeset loadtest: error: no such file: {path}")
        with open(path, encoding="utf-8", errors="replace") as handle:
            pool = [text.strip() for text in handle if text.strip()]
        if not pool:
            raise SystemExit(f"codeset loadtest: error: {path} holds no input lines")
        return pool
    from engine.tools.workload import mixed_lines
    from plugins.hcpcs.dataset import load_data

    codes = sorted(load_data(()).codes)
    return mixed_lines(args.lines, codes, seed=args.seed, invalid_share=args.invalid_share)


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def plans(args: argparse.Namespace, target: str, payloads: list[Payload]) -> list[Plan]:
    workers = args.client_processes
    concurrency = split(args.concurrency, workers)
    channels = split(args.channels, workers)
    calls = split(args.calls, workers)
    return [
        Plan(
            target=target,
            mode=args.mode,
            payloads=payloads,
            concurrency=concurrency[index],
            channels=max(1, min(channels[index], concurrency[index])),
            window=args.window,
            timeout=args.timeout,
            warmup=args.warmup,
            duration=args.duration,
            calls=calls[index],
            first_payload=index * len(payloads) // workers,
            channel_id_base=index * args.channels,
        )
        for index in range(workers)
    ]
