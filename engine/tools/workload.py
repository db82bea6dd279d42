"""Repeatable claim-line mixes for benchmarks and load tests.

Real claim traffic is skewed: a few hundred codes make most lines. The mix draws 80% of
lines from a hot set and the rest from every code, adds modifiers to some lines, spreads
dates over a quarter, and makes a chosen share of lines invalid in the ways billing
systems get them wrong.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from engine.domain.model import Line

HOT_SHARE = 0.8
HOT_CODES = 300
HCPCS_MODIFIERS = ("RT", "LT", "KX", "NU", "RR", "GA", "JW", "TC", "GT", "59")
CPT_MODIFIERS = ("25", "59", "26", "TC", "50", "LT", "RT", "91", "76", "XU")
# Category I ranges most claims come from (E/M, common labs, radiology, therapy).
CPT_RANGES = ((99202, 99215), (80047, 80076), (85025, 85027), (71045, 71048), (97110, 97164))


def cpt_codes() -> list[str]:
    return [f"{n:05d}" for low, high in CPT_RANGES for n in range(low, high + 1)]


def mixed_lines(
    count: int,
    hcpcs_codes: Sequence[str],
    *,
    seed: int = 0,
    invalid_share: float = 0.1,
    start: date = date(2025, 10, 1),
    days: int = 92,
) -> list[Line]:
    """`count` lines: valid HCPCS and CPT lines, and `invalid_share` of broken ones."""
    rng = random.Random(seed)
    pools = (list(hcpcs_codes), cpt_codes())  # about half the lines from each code set
    hot = [code for pool in pools for code in rng.sample(pool, min(HOT_CODES // 2, len(pool)))]
    lines = []
    for _ in range(count):
        day = (start + timedelta(days=rng.randrange(days))).isoformat()
        if rng.random() < invalid_share:
            lines.append(_invalid(rng, rng.choice(hot), day))
            continue
        code = rng.choice(hot) if rng.random() < HOT_SHARE else rng.choice(rng.choice(pools))
        pool = HCPCS_MODIFIERS if code[0].isalpha() else CPT_MODIFIERS
        modifiers = tuple(rng.sample(pool, rng.choice((1, 1, 2)))) if rng.random() < 0.3 else ()
        lines.append(Line(code, modifiers=modifiers, date_of_service=day))
    return lines


def _invalid(rng: random.Random, code: str, day: str) -> Line:
    kind = rng.randrange(6)
    if kind == 0:
        return Line(code[:3] + "#" + code[4:], date_of_service=day)  # stray punctuation
    if kind == 1:
        return Line(f"{code}-ZQ", date_of_service=day)  # unknown modifier
    if kind == 2:
        return Line(code, date_of_service="2025-02-30")  # impossible date
    if kind == 3:
        return Line("W" + code[1:], date_of_service=day)  # letter outside both code sets
    if kind == 4:
        return Line(code, units=0, date_of_service=day)
    return Line("", date_of_service=day)
