"""codeset-engine: validate US healthcare procedure codes through code-set plugins.

from engine import Engine, Line
engine = Engine.from_config()
engine.validate(Line("J0135", date_of_service="2025-01-15"))
"""

from engine.config import Config
from engine.contract import CodeSystem, ModifierSet
from engine.core import Engine, PluginConflictError
from engine.errors import DataFileError
from engine.model import (
    Classification,
    CodeLookup,
    Edition,
    Issue,
    Line,
    LineResult,
    ParsedLine,
    Property,
    Rule,
    Severity,
)

__all__ = [
    "Classification",
    "CodeLookup",
    "CodeSystem",
    "Config",
    "DataFileError",
    "Edition",
    "Engine",
    "Issue",
    "Line",
    "LineResult",
    "ModifierSet",
    "ParsedLine",
    "PluginConflictError",
    "Property",
    "Rule",
    "Severity",
]
