#!/usr/bin/env python3
"""In-process throughput of the engine on a realistic mix, beside a plain-Python baseline.

The baseline does the least a validator could: a format check and a set lookup per line.
Both run over the same lines, in the same process, one after the other, so their ratio
holds even when the machine's speed drifts. Run: python scripts/bench_engine.py
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Sequence

from engine import Config, Engine, Line
from engine.host.loader import plugin_manager
from engine.tools.workload import cpt_codes, mixed_lines
from plugins.hcpcs.dataset import load_data

BATCH = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data = load_data(())
    hcpcs_codes = sorted(data.codes)
    lines = mixed_lines(args.lines, hcpcs_codes, seed=args.seed)
    known = set(hcpcs_codes) | set(cpt_codes())
    shape = re.compile(r"[A-Z]\d{4}|\d{4}[0-9FTUM]")

    def baseline(batch: Sequence[Line]) -> list[bool]:
        return [bool(shape.fullmatch(line.code)) and line.code in known for line in batch]

    print(f"{args.lines:,} lines, batches of {BATCH}, best of {args.repeat}")
    base = best(args.repeat, lines, baseline)
    cold_engine = Engine.from_config(Config())
    cold = rate(lines, cold_engine.validate_batch)
    warm = best(args.repeat, lines, cold_engine.validate_batch)
    uncached = Engine.from_config(Config())
    uncached._evaluate_cached = uncached._evaluate  # the plain path, for comparison
    plain = best(1, lines, uncached.validate_batch)
    report("baseline (format check + set lookup)", base, base)
    report("engine, first pass (cache filling)", cold, base)
    report("engine, steady state (cached)", warm, base)
    report("engine, cache off (plain path)", plain, base)
    dispatch_cost(lines[:20_000])


def rate(lines: Sequence[Line], validate: Callable[[Sequence[Line]], list]) -> float:
    started = time.perf_counter()
    for offset in range(0, len(lines), BATCH):
        validate(lines[offset : offset + BATCH])
    return len(lines) / (time.perf_counter() - started)


def best(repeat: int, lines: Sequence[Line], validate: Callable) -> float:
    return max(rate(lines, validate) for _ in range(repeat))


def report(label: str, lines_per_second: float, baseline: float) -> None:
    ratio = lines_per_second / baseline
    print(f"  {label:<40} {lines_per_second:>12,.0f} lines/s   ratio {ratio:.2f}")


def dispatch_cost(lines: Sequence[Line]) -> None:
    """What calling a pluggy hook per line would add, against calling the object directly."""
    config = Config()
    manager, _ = plugin_manager(config)
    sink: list = []
    started = time.perf_counter()
    for _ in lines:
        manager.hook.register_modifier_sets(register=sink.append, config=config)
    per_hook = (time.perf_counter() - started) / len(lines)
    modifiers = sink[-1]
    started = time.perf_counter()
    for _ in lines:
        modifiers.claims("RT")
    per_direct = (time.perf_counter() - started) / len(lines)
    print(
        f"  one pluggy hook call per line: {per_hook * 1e6:.2f} µs; "
        f"direct call of a registered object: {per_direct * 1e6:.3f} µs"
    )


if __name__ == "__main__":
    main()
