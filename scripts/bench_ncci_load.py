#!/usr/bin/env python3
"""Load time, memory and query time of PtpTables on a synthetic national-size PTP table.

The table comes from scripts/gen_ncci_fixture.py (made-up codes), written to a temporary
folder and reused by later runs. Prints figures only; asserts nothing.

Run: python scripts/bench_ncci_load.py [--rows 1200000] [--queries 10000] [--twice]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from plugins.ncci.ptp import PtpTables

SETTING = "practitioner"
CLAIM_CODES = 20


def status_kb(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in kB (0 where unavailable)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak() -> None:
    """Start VmHWM (peak RSS) afresh, where Linux allows it."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def fixture(rows: int) -> Path:
    path = Path(tempfile.gettempdir()) / "codeset-ncci-bench" / f"ptp-{rows}.txt"
    if not path.exists():
        script = Path(__file__).with_name("gen_ncci_fixture.py")
        print(f"writing {path} ...", flush=True)
        subprocess.run([sys.executable, str(script), str(path), "--rows", str(rows)], check=True)
    return path


def load(path: Path, times: int) -> tuple[PtpTables, float]:
    started = time.perf_counter()
    tables = PtpTables()
    for _ in range(times):
        tables.add(path, SETTING)
    tables.freeze()
    return tables, time.perf_counter() - started


def claims(path: Path, count: int, seed: int = 7) -> list[list[str]]:
    """`count` claims of CLAIM_CODES codes: a few column 1 codes with some of their partners."""
    rng = random.Random(seed)
    partners: dict[str, list[str]] = {}
    with path.open(encoding="latin-1") as lines:
        for line in lines:
            cells = line.split("\t")
            if len(cells) == 7 and cells[0] != "Column 1":
                partners.setdefault(cells[0], []).append(cells[1])
    firsts = list(partners)
    made = []
    for _ in range(count):
        codes: set[str] = set()
        while len(codes) < CLAIM_CODES:
            first = rng.choice(firsts)
            codes.add(first)
            codes.update(rng.sample(partners[first], min(2, len(partners[first]))))
        made.append(sorted(codes)[:CLAIM_CODES])
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--twice", action="store_true", help="also load the file twice")
    parser.add_argument("--no-tracemalloc", action="store_true")
    args = parser.parse_args()
    path = fixture(args.rows)
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB)")

    reset_peak()
    before = status_kb("VmRSS")
    tables, seconds = load(path, 1)
    after, peak = status_kb("VmRSS"), status_kb("VmHWM")
    print(f"rows kept: {tables.rows:,} of {args.rows:,} read")
    print(f"load: {seconds:.2f} s (read, intern, sort, index)")
    print(
        f"RSS: {before / 1024:.0f} MB before, {after / 1024:.0f} MB after "
        f"(+{(after - before) / 1024:.0f} MB held), peak {peak / 1024:.0f} MB "
        f"(+{(peak - before) / 1024:.0f} MB while loading)"
    )

    on = date(2024, 6, 1)
    workload = claims(path, args.queries)
    found = 0
    started = time.perf_counter()
    for codes in workload:
        found += len(tables.edits(SETTING, codes, on))
    elapsed = time.perf_counter() - started
    print(
        f"edits() for a {CLAIM_CODES}-code claim: {elapsed / len(workload) * 1e6:.1f} us mean "
        f"over {len(workload):,} claims ({found / len(workload):.1f} edits found per claim)"
    )
    del tables

    if args.twice:
        reset_peak()
        before = status_kb("VmRSS")
        tables, seconds = load(path, 2)
        peak = status_kb("VmHWM")
        print(
            f"same file loaded twice (as two quarters): {tables.rows:,} rows kept, "
            f"{seconds:.2f} s, peak +{(peak - before) / 1024:.0f} MB"
        )
        del tables

    if not args.no_tracemalloc:
        tracemalloc.start()
        tables, seconds = load(path, 1)
        current, peak_bytes = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"tracemalloc (second load, {seconds:.2f} s under tracing): "
            f"{current / 1e6:.0f} MB held, {peak_bytes / 1e6:.0f} MB peak"
        )


if __name__ == "__main__":
    main()
