"""Engine configuration: one section per plugin, from a TOML file, the environment and flags.

Precedence, lowest first: the TOML file, `CODESET_<SECTION>_<KEY>` environment
variables, then explicit overrides (command-line flags). Plugins read only their own
section, so a third-party plugin needs no change here to be configurable.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.domain.errors import DataFileError

ENV_PREFIX = "CODESET_"


@dataclass(frozen=True)
class Config:
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        file: Path | None = None,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> Config:
        sections: dict[str, dict[str, Any]] = {}
        for layer in (_read_toml(file), _from_environ(os.environ if environ is None else environ)):
            _merge(sections, layer)
        _merge(sections, overrides or {})
        return cls(sections)

    def with_values(self, overrides: Mapping[str, Mapping[str, Any]]) -> Config:
        """This configuration with `overrides` on top (an engine pinned to editions)."""
        sections = {name: dict(values) for name, values in self.sections.items()}
        _merge(sections, overrides)
        return Config(sections)

    def get(self, section: str, key: str, default: Any = None) -> Any:
        return self.sections.get(section, {}).get(key, default)

    def names(self, section: str, key: str) -> tuple[str, ...] | None:
        """A list of names: a TOML list, or comma-separated text; None when unset."""
        value = self.get(section, key)
        if value is None:
            return None
        items = value.split(",") if isinstance(value, str) else value
        return tuple(str(item).strip() for item in items if str(item).strip())

    def flag(self, section: str, key: str, default: bool = False) -> bool:
        return parse_flag(self.get(section, key, default))

    def paths(self, section: str, key: str) -> tuple[Path, ...]:
        """A list of paths: a TOML list, or a string separated by the OS path separator."""
        value = self.get(section, key)
        if not value:
            return ()
        items = value.split(os.pathsep) if isinstance(value, str) else value
        return tuple(Path(item).expanduser() for item in items if item)


def parse_flag(value: object) -> bool:
    """A yes/no setting from TOML (a bool) or the environment (text)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{value!r} is not a yes/no setting")


def _read_toml(file: Path | None) -> dict[str, dict[str, Any]]:
    if file is None:
        return {}
    try:
        with open(file, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise DataFileError(file, "", f"cannot read configuration: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(file, "", f"invalid TOML: {error}") from None
    return {name: dict(body) for name, body in data.items() if isinstance(body, dict)}


def _from_environ(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {}
    for name, value in environ.items():
        if name.startswith(ENV_PREFIX) and name.count("_") >= 2:
            section, _, key = name[len(ENV_PREFIX) :].lower().partition("_")
            sections.setdefault(section, {})[key] = value
    return sections


def _merge(into: dict[str, dict[str, Any]], layer: Mapping[str, Mapping[str, Any]]) -> None:
    for section, values in layer.items():
        into.setdefault(section, {}).update(values)
