"""The NCCI plugin: CMS's claim edit tables (PTP, MUE, add-on codes), from the user's files.

Configuration: `ncci.folders`, one folder per quarterly release (see `quarters.py`).
Without it the plugin registers its rules over empty tables: they never fire, and
`codeset plugins` still shows what it would check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from engine.plugin_api import ClaimRule, Config, file_version, hookimpl
from plugins.ncci.quarters import quarter
from plugins.ncci.rules import AOC_RULES, MUE_RULES, PTP_RULES, NcciRules
from plugins.ncci.tables import AocTables, MueTables, PtpTables


@lru_cache(maxsize=2)
def _load(folders: tuple[Path, ...], versions: object) -> NcciRules:
    ptp, mue, aoc = PtpTables(), MueTables(), AocTables()
    for found in sorted((quarter(folder) for folder in folders), key=lambda q: q.start):
        for path, setting in found.ptp:
            ptp.add(path, setting)
        for path in found.mue:
            mue.add(path, found.start)
        for path in found.aoc:
            aoc.add(path)
    ptp.freeze()  # sort and index now, not on the first claim
    return NcciRules(ptp, mue, aoc)


def _rules(config: Config) -> NcciRules:
    folders = config.paths("ncci", "folders")
    files = [path for folder in folders if folder.is_dir() for path in sorted(folder.iterdir())]
    return _load(folders, tuple(map(file_version, files)))


@hookimpl
def register_claim_rules(register: Callable[[ClaimRule], None], config: Config) -> None:
    rules = _rules(config)
    register(ClaimRule("ncci.ptp", rules.procedure_to_procedure, PTP_RULES))
    register(ClaimRule("ncci.mue", rules.medically_unlikely, MUE_RULES))
    register(ClaimRule("ncci.aoc", rules.add_on_codes, AOC_RULES))
