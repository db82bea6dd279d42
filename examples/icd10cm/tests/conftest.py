"""Lets the tests run before the example is pip-installed, and either way after."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from pathlib import Path

SOURCE = Path(__file__).parents[1] / "src"


def installed() -> bool:
    """True when `pip install` put the plugin's entry point in the `codeset` group."""
    return any(point.value == "codeset_icd10cm" for point in entry_points(group="codeset"))


if not installed() and str(SOURCE) not in sys.path:
    sys.path.insert(0, str(SOURCE))
