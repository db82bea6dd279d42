#!/usr/bin/env python3
"""The server's per-line work without gRPC: the engine's encoder beside the baseline's.

Each pass decodes the same serialized `ValidateBatchRequest`s (the load generator's
workload) and builds their response bytes, once through the server's `ResultEncoder`
(cached, hand-encoded answers) and once through the baseline server's encoder (one
message object per line). Passes alternate, after a warm-up pass that fills the cache,
and the medians are printed with their ratio. Run: python scripts/bench_encoders.py
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

from engine import Config, Engine
from engine.tools.loadtest.plan import build_payloads
from engine.tools.workload import mixed_lines
from engine.transport.baseline import BaselineEncoder
from engine.transport.conversions import FULL_VIEWS
from engine.transport.fast_path import ResultEncoder
from engine.transport.load_client import VIEWS
from engine.transport.service import Encoder
from plugins.hcpcs.dataset import load_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=100_000, help="distinct lines")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--passes", type=int, default=7, help="alternating passes of each")
    parser.add_argument("--view", choices=VIEWS, default="basic")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    pool = mixed_lines(args.lines, sorted(load_data(()).codes), seed=args.seed)
    requests = [
        payload.data
        for payload in build_payloads("batch", pool, args.batch_size, view=VIEWS[args.view])
    ]
    encoders: dict[str, Encoder] = {
        "engine": ResultEncoder(Engine.from_config(Config.load())),
        "baseline": BaselineEncoder(),
    }

    def one_pass(encoder: Encoder) -> float:
        """Seconds a line."""
        started = time.perf_counter()
        for request in requests:
            lines, view = encoder.lines(request)
            encoder.results(lines, FULL_VIEWS[view])
        return (time.perf_counter() - started) / (len(requests) * args.batch_size)

    for encoder in encoders.values():
        one_pass(encoder)  # fills the engine's cache, as a running server's would be
    gc.collect()
    gc.freeze()  # as the server does once its data is loaded
    seconds: dict[str, list[float]] = {name: [] for name in encoders}
    for _ in range(args.passes):
        for name, encoder in encoders.items():
            seconds[name].append(one_pass(encoder))

    print(
        f"{len(requests)} requests of {args.batch_size:,} lines ({args.lines:,} distinct), "
        f"{args.view} view, {args.passes} alternating passes; µs a line, request decoding "
        "and response bytes, no gRPC"
    )
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    for name, values in seconds.items():
        print(
            f"{name:<9} median {medians[name] * 1e6:5.2f}  "
            f"(min {min(values) * 1e6:.2f}, max {max(values) * 1e6:.2f})"
        )
    print(f"engine / baseline time a line: {medians['engine'] / medians['baseline']:.2f}")


if __name__ == "__main__":
    main()
