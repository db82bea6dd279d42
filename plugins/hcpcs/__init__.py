"""The HCPCS Level II plugin, on CMS's quarterly release files.

Configuration (section `hcpcs`): `releases`, folders of CMS release files to load beside
the embedded one; `embedded` = false to load only those folders; `edition`, an edition id
(`hcpcs-2019`) to answer from: only the releases up to it are loaded (how the engine pins
an edition).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from engine.plugin_api import CodeSystem, Config, ModifierSet, Rule, file_version, hookimpl
from plugins.hcpcs.codeset import CODE_RULES, HcpcsCodeSystem, HcpcsModifiers
from plugins.hcpcs.dataset import HcpcsData, load_data


@lru_cache(maxsize=4)
def _load(
    folders: tuple[Path, ...], embedded: bool, edition: str | None, versions: object
) -> HcpcsData:
    return load_data(folders, embedded, edition)


@lru_cache(maxsize=4)
def _code_system(data: HcpcsData) -> HcpcsCodeSystem:
    return HcpcsCodeSystem(data)


def _data(config: Config) -> HcpcsData:
    """One load per configured data version, shared by this plugin's hooks in one build."""
    folders = config.paths("hcpcs", "releases")
    embedded = config.flag("hcpcs", "embedded", default=True)
    edition = str(config.get("hcpcs", "edition") or "") or None
    files = [
        path
        for folder in folders
        for path in (sorted(folder.iterdir()) if folder.is_dir() else [folder])
    ]
    return _load(folders, embedded, edition, tuple(map(file_version, files)))


@hookimpl
def register_code_systems(register: Callable[[CodeSystem], None], config: Config) -> None:
    register(_code_system(_data(config)))


@hookimpl
def register_modifier_sets(register: Callable[[ModifierSet], None], config: Config) -> None:
    register(HcpcsModifiers(_data(config)))


@hookimpl
def register_rules(register: Callable[[Rule], None], config: Config) -> None:
    register(Rule("hcpcs", _code_system(_data(config)).check, CODE_RULES))
