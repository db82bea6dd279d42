#!/usr/bin/env python3
"""Wall time of `codeset validate J1100` in a fresh process: what an interactive user waits.

Run: python scripts/bench_startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    codeset = shutil.which("codeset")
    if codeset is None:
        raise SystemExit("codeset is not installed: pip install -e .")
    command = [codeset, "validate", "J1100"]
    subprocess.run(command, capture_output=True, check=True)  # warm the OS file cache
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    print(
        f"{' '.join(command[1:])}: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
