"""codeset-engine: validate US healthcare procedure codes through code-set plugins.

from engine import Engine, Line
engine = Engine.from_config()
engine.validate(Line("J0135", date_of_service="2025-01-15"))
"""

from engine.domain.claims import Claim, ClaimLine, ClaimResult
from engine.domain.config import Config
from engine.domain.contract import CodeSystem, ModifierSet
from engine.domain.errors import DataFileError
from engine.domain.model import (
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
from engine.host.engine import Engine, PluginConflictError

__all__ = [
    "Claim",
    "ClaimLine",
    "ClaimResult",
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
