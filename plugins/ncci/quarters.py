"""Finds NCCI files in the user's quarter folders.

Configuration `ncci.folders`: one folder per quarterly release, its name carrying the
quarter's start date (`2025-10-01`, `2025q4`, `ncci_2025_Q4`). Inside, files are told
apart by CMS's own naming: PTP tables (`ccipra…` practitioner, `ccioph…` outpatient
hospital; or names containing `practitioner` / `hospital`), MUE tables (`…MUE…`; the
setting comes from their header) and the add-on code table (`…AOC…`). MUE rows carry no
dates, so a quarter's MUE values apply from its start date until the next quarter's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engine.plugin_api import DataFileError

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})[ _-]?q([1-4])", re.IGNORECASE)
_PRACTITIONER = re.compile(r"ccipra|practitioner|physician", re.IGNORECASE)
_HOSPITAL = re.compile(r"ccioph|hospital|outpatient", re.IGNORECASE)
SUFFIXES = (".txt", ".csv")


@dataclass(frozen=True)
class Quarter:
    folder: Path
    start: date
    ptp: tuple[tuple[Path, str], ...]  # (file, setting)
    mue: tuple[Path, ...]
    aoc: tuple[Path, ...]


def quarter(folder: Path) -> Quarter:
    if not folder.is_dir():
        raise DataFileError(folder, "", "NCCI folder not found")
    start = _start_date(folder)
    ptp, mue, aoc = [], [], []
    for path in sorted(folder.iterdir()):
        name = path.name
        if path.suffix.lower() not in SUFFIXES or name.startswith("."):
            continue
        if re.search("mue", name, re.IGNORECASE):
            mue.append(path)
        elif re.search(r"aoc|add.?on", name, re.IGNORECASE):
            aoc.append(path)
        elif _HOSPITAL.search(name):
            ptp.append((path, "outpatient_hospital"))
        elif _PRACTITIONER.search(name):
            ptp.append((path, "practitioner"))
    if not (ptp or mue or aoc):
        raise DataFileError(folder, "", "no NCCI PTP, MUE or AOC file (.txt or .csv) found")
    return Quarter(folder, start, tuple(ptp), tuple(mue), tuple(aoc))


def _start_date(folder: Path) -> date:
    name = folder.name
    if match := _DAY.search(name):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _QUARTER.search(name):
        return date(int(match[1]), 3 * int(match[2]) - 2, 1)
    raise DataFileError(
        folder, "", "the folder name must carry the quarter's start date (2025-10-01 or 2025q4)"
    )
