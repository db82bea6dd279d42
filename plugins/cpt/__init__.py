"""The CPT plugin: structure and sections of AMA CPT codes, existence from a licensed file.

Configuration: `cpt.file`, the path of a licensed CPT data file (see `licensed.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from engine.plugin_api import CodeSystem, Config, ModifierSet, Rule, file_version, hookimpl
from plugins.cpt.codeset import CODE_RULES, CptCodeSystem, CptModifiers
from plugins.cpt.licensed import read_cpt_file


@lru_cache(maxsize=4)
def _code_system(file: Path | None, version: object) -> CptCodeSystem:
    return CptCodeSystem(read_cpt_file(file) if file else None, file)


def _configured(config: Config) -> CptCodeSystem:
    """One code system per file version, shared by this plugin's hooks in one engine build."""
    files = config.paths("cpt", "file")
    file = files[0] if files else None
    return _code_system(file, file_version(file) if file else None)


@hookimpl
def register_code_systems(register: Callable[[CodeSystem], None], config: Config) -> None:
    register(_configured(config))


@hookimpl
def register_modifier_sets(register: Callable[[ModifierSet], None], config: Config) -> None:
    register(CptModifiers())


@hookimpl
def register_rules(register: Callable[[Rule], None], config: Config) -> None:
    register(Rule("cpt", _configured(config).check, CODE_RULES))
