#!/usr/bin/env python3
"""Writes a synthetic NCCI PTP table in CMS's published `.txt` layout, for load benchmarks.

Every code is made up (`Z0001`..`Z9999`, then `ZA001`..`ZZ999`) and every rationale text
starts `FIXTURE:`: nothing here is CMS or AMA data. The spread imitates a national table:
rows sorted by column 1 then column 2, each column 1 code with 1 to 300 column 2 partners
(about 100 on average), some edits deleted (a few of those added again later with a new
effective date), modifier indicators 0, 1 and 9, a few edits marked as older than 1996.

Run: python scripts/gen_ncci_fixture.py OUT.txt [--rows 1200000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import string
from bisect import bisect_right
from datetime import date, timedelta
from pathlib import Path

PREAMBLE = (
    "FIXTURE: synthetic NCCI PTP edits for load tests; made-up codes, not CMS or AMA data.",
    "",
)
HEADER = (
    "Column 1",
    "Column 2",
    "*=in existence prior to 1996",
    "Effective Date",
    "Deletion Date *=no data",
    "Modifier 0=not allowed 1=allowed 9=not applicable",
    "PTP Edit Rationale",
)
RATIONALES = (
    "FIXTURE: Misuse of column two code with column one code",
    "FIXTURE: Standards of medical / surgical practice",
    "FIXTURE: Mutually exclusive procedures",
    "FIXTURE: CPT Manual or CMS manual coding instruction",
    "FIXTURE: More extensive procedure",
    "FIXTURE: Anatomic considerations",
    "FIXTURE: HCPCS/CPT procedure code definition",
    "FIXTURE: Laboratory panel",
    "FIXTURE: Gender-specific procedures",
    "FIXTURE: Sequential procedure",
)
UNIVERSE = 20_000  # about as many codes as CPT and HCPCS Level II together


def made_up_codes() -> list[str]:
    """Z0001..Z9999, then ZA001..ZZ999: the shape of a code, but no real code."""
    codes = [f"Z{number:04d}" for number in range(1, 10_000)]
    codes += [f"Z{letter}{n:03d}" for letter in string.ascii_uppercase for n in range(1, 1000)]
    return codes


def quarter_starts(first: int, last: int) -> list[date]:
    return [date(year, month, 1) for year in range(first, last + 1) for month in (1, 4, 7, 10)]


def write_ptp_fixture(path: Path, rows: int, seed: int = 1, codes: list[str] | None = None) -> int:
    """Write `rows` edit rows to `path` (latin-1, CRLF); returns how many column 1 codes.

    `codes` replaces the made-up codes, for benchmarks whose claims must route to a code
    system (the relationships stay made up)."""
    rng = random.Random(seed)
    codes = codes or made_up_codes()
    universe = codes[:UNIVERSE]
    starts = quarter_starts(1996, 2025)
    day = timedelta(days=1)
    lines = [*PREAMBLE, "\t".join(HEADER)]
    written = column1_codes = 0
    for column1 in codes:
        if written >= rows:
            break
        column1_codes += 1
        partners = 1 + int(299 * rng.random() ** 2)
        for column2 in sorted(rng.sample(universe, partners + 1)):
            if column2 == column1 or written >= rows:
                continue
            start = rng.choice(starts)
            old = "*" if start.year == 1996 and rng.random() < 0.5 else ""
            modifier = rng.choices("019", weights=(20, 77, 3))[0]
            rationale = rng.choice(RATIONALES)
            end_date = None
            if modifier == "9":  # deleted retroactively, on the day it took effect
                end = f"{start:%Y%m%d}"
            elif rng.random() < 0.12 and start < starts[-1]:
                end_date = rng.choice(starts[bisect_right(starts, start) :]) - day
                end = f"{end_date:%Y%m%d}"
            else:
                end = "*"
            lines.append(
                f"{column1}\t{column2}\t{old}\t{start:%Y%m%d}\t{end}\t{modifier}\t{rationale}"
            )
            written += 1
            if end_date is not None and rng.random() < 0.3 and written < rows:
                again = end_date + day + timedelta(days=rng.choice((0, 91, 365)))
                lines.append(f"{column1}\t{column2}\t\t{again:%Y%m%d}\t*\t1\t{rationale}")
                written += 1
    if written < rows:
        raise SystemExit(f"only {written} rows fit in the made-up code range")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="latin-1", newline="\r\n") as out:
        out.write("\n".join(lines))
        out.write("\n")
    return column1_codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    column1_codes = write_ptp_fixture(args.out, args.rows, args.seed)
    print(f"{args.out}: {args.rows} rows, {column1_codes} column 1 codes")


if __name__ == "__main__":
    main()
