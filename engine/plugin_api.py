"""Everything a codeset-engine plugin touches, from one place.

    from engine.plugin_api import CodeSystem, Issue, Rule, Severity, hookimpl

Plugins (the built-in ones included) import only from this module: what it exports is
the plugin contract (`CONTRACT_VERSION`), and everything else in `engine` may change
between releases without notice. A test walks the imports of `plugins/` and of the
example plugin and fails when one reaches past this module.
"""

from engine.domain.claims import CheckedLine, ClaimIssue, ClaimLine, ClaimRule, ClaimView
from engine.domain.config import Config
from engine.domain.contract import CodeSystem, ModifierSet
from engine.domain.effective import effective_date_issue
from engine.domain.errors import DataFileError
from engine.domain.model import (
    Classification,
    CodeLookup,
    Edition,
    Issue,
    ParsedLine,
    Property,
    PropertyDefinition,
    PropertyType,
    Rule,
    Severity,
)
from engine.domain.parsing import compact_date, parse_date
from engine.host.datacache import load_compact
from engine.host.datafiles import file_version
from engine.host.hookspecs import CONTRACT_VERSION, hookimpl

__all__ = [
    "CONTRACT_VERSION",
    "CheckedLine",
    "ClaimIssue",
    "ClaimLine",
    "ClaimRule",
    "ClaimView",
    "Classification",
    "CodeLookup",
    "CodeSystem",
    "Config",
    "DataFileError",
    "Edition",
    "Issue",
    "ModifierSet",
    "ParsedLine",
    "Property",
    "PropertyDefinition",
    "PropertyType",
    "Rule",
    "Severity",
    "compact_date",
    "effective_date_issue",
    "file_version",
    "hookimpl",
    "load_compact",
    "parse_date",
]
