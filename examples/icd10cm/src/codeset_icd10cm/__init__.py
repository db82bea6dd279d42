"""An example third-party codeset-engine plugin: ICD-10-CM diagnosis codes.

The code list is CDC's, as the simple-icd-10-cm package ships it; this plugin adds no data.
Configuration (section `icd10cm`): `preload` = true loads the list when the engine is
built rather than on the first ICD-10-CM line (about 1.5 s and 180 MB either way).
"""

from __future__ import annotations

from functools import cache

from codeset_icd10cm.checks import RULES
from codeset_icd10cm.codeset import Icd10CmCodeSystem
from codeset_icd10cm.release import installed_release, load
from engine.plugin_api import DataFileError, Rule, hookimpl

__all__ = ["Icd10CmCodeSystem", "register_code_systems", "register_rules"]


@cache
def _code_system() -> Icd10CmCodeSystem:
    """One per process: the package holds one release, and its answers are cached."""
    return Icd10CmCodeSystem(installed_release())


@hookimpl
def register_code_systems(register, config):
    if config.flag("icd10cm", "preload"):
        loaded = load()
        if isinstance(loaded, str):
            raise DataFileError("simple-icd-10-cm", "", f"cannot load the code list: {loaded}")
    register(_code_system())


@hookimpl
def register_rules(register, config):
    register(Rule("icd10cm", _code_system().check, RULES))
