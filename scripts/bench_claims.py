#!/usr/bin/env python3
"""Claims per second with a national-size NCCI PTP table loaded, and what loading it costs.

Generates, in a temporary folder, a quarter of made-up NCCI tables in CMS's layouts: a
PTP table of `--rows` edits (default 1.2 million) between real HCPCS Level II codes and
CPT-shaped numbers (every relationship made up, every rationale `FIXTURE:`), an MUE table
and an add-on code table. Then it builds the engine on them (load time, memory) and
validates realistic claims: 1 to 20 lines (most short), a hot set of codes, one date of
service per claim, some modifiers and units. Baseline, measured in the same run: the same
claims validated line by line with no claim rules (the single-line engine).
Run: python scripts/bench_claims.py [--rows 1200000] [--claims 20000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from engine import Config, Engine
from engine.domain.claims import Claim, ClaimLine, Profile
from plugins.hcpcs.dataset import load_data

sys.path.insert(0, str(Path(__file__).parent))
from gen_ncci_fixture import write_ptp_fixture

NOTICE = "FIXTURE: made-up NCCI tables for benchmarks; not CMS or AMA data."


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def write_quarter(folder: Path, codes: list[str], rows: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_ptp_fixture(folder / "ccipra-bench-f1.txt", rows, codes=codes)
    rng = random.Random(3)
    with open(folder / "MCR_MUE_PractitionerServices_bench.csv", "w", newline="") as out:
        out.write(NOTICE + "\r\n\r\n")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(
            [
                "HCPCS/CPT Code",
                "Practitioner Services MUE Values",
                "MUE Adjudication Indicator",
                "MUE Rationale",
            ]
        )
        mais = ("1 Line Edit", "2 Date of Service Edit: Policy", "3 Date of Service Edit: Clinical")
        for code in codes:
            writer.writerow([code, rng.choice((1, 2, 4, 10)), rng.choice(mais), "FIXTURE: limit"])
    with open(folder / "AOC_bench.csv", "w", newline="") as out:
        out.write(NOTICE + "\r\n\r\n")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(
            [
                "AOC_Edit_Type",
                "Add-On_Code",
                "AOC_DelDT",
                "Primary_Code",
                "Primary_Code_DelDT",
                "AOC_Edit_EffDT",
                "AOC_Edit_DelDT",
                "Special_Instruction_Notes",
            ]
        )
        for addon in rng.sample(codes, 300):
            for primary in rng.sample(codes, 5):
                writer.writerow(["1", addon, "", primary, "", "2020001", "", ""])


def claims(codes: list[str], count: int) -> list[Claim]:
    rng = random.Random(11)
    hot = rng.sample(codes, 400)
    made = []
    for number in range(count):
        size = min(20, 1 + int(rng.expovariate(1 / 3)))
        day = f"2025-{rng.randint(10, 12)}-{rng.randint(1, 28):02d}"
        lines = []
        for n in range(1, size + 1):
            code = rng.choice(hot) if rng.random() < 0.8 else rng.choice(codes)
            modifiers = (rng.choice(("59", "RT", "LT", "25", "XU")),) if rng.random() < 0.2 else ()
            lines.append(ClaimLine(n, code, modifiers, rng.choice((1, 1, 1, 2, 3)), day))
        made.append(Claim(tuple(lines), "2025-12-31", claim_id=str(number)))
    return made


def rate(engine: Engine, batch: list[Claim], profile: Profile | None) -> float:
    started = time.perf_counter()
    for claim in batch:
        engine.validate_claim(claim, profile)
    return len(batch) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--claims", type=int, default=20_000)
    args = parser.parse_args()
    hcpcs = sorted(load_data(()).codes)
    codes = hcpcs + [f"{n:05d}" for n in range(10021, 69990, 3)]
    with tempfile.TemporaryDirectory() as scratch:
        quarter = Path(scratch) / "2025-10-01"
        write_quarter(quarter, codes, args.rows)
        before = rss_mb()
        started = time.perf_counter()
        engine = Engine.from_config(Config({"ncci": {"folders": [str(quarter)]}}))
        loaded = time.perf_counter() - started
        grown = rss_mb() - before
    batch = claims(codes, args.claims)
    lines = sum(len(claim.lines) for claim in batch)
    print(
        f"NCCI quarter with {args.rows:,} PTP rows: engine built in {loaded:.2f} s, "
        f"memory +{grown:.0f} MB (RSS {rss_mb():.0f} MB)"
    )
    print(f"{len(batch):,} claims, {lines:,} lines ({lines / len(batch):.1f} per claim)")
    no_claim_rules = Profile(families=frozenset())
    first = rate(engine, batch, None)
    full = max(rate(engine, batch, None) for _ in range(2))
    base = max(rate(engine, batch, no_claim_rules) for _ in range(2))
    print(f"  claims/s, every rule, first pass      {first:>10,.0f}")
    print(f"  claims/s, every rule, warm            {full:>10,.0f}   ratio {full / base:.2f}")
    print(f"  claims/s, lines only (baseline)       {base:>10,.0f}   ratio 1.00")


if __name__ == "__main__":
    main()
