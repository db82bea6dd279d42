"""The objects a plugin hands the engine through its `register` callbacks.

The engine calls these objects directly on the hot path, never through pluggy, so a
batch of a million lines costs one hook dispatch at start-up and none per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol, runtime_checkable

from engine.domain.model import Classification, CodeLookup, Edition, Issue, PropertyDefinition


@runtime_checkable
class CodeSystem(Protocol):
    """A code set: who it is, which strings it claims, and what it knows about a code.

    Optional member, not part of the protocol check (a system without dates need not
    have it):

    `in_effect(code: str, on: date) -> bool | None`
        Whether `code` is in effect on `on` (added on or before it, not terminated
        before it); None when the system cannot tell. The engine's lookup uses it for
        `CodeLookup.inactive`; without it, a looked-up code is never reported inactive.
    """

    id: str
    """Short stable id used as the system hint and in results (`hcpcs`)."""
    uri: str
    """FHIR-style system URI (`https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets`)."""
    name: str
    """Display name (`HCPCS Level II`)."""
    code_format: str
    """Human description of a well-formed code, quoted in format errors."""
    editions: tuple[Edition, ...]
    """The data releases loaded, oldest first; empty when the system needs no data."""
    property_definitions: tuple[PropertyDefinition, ...]
    """Every property code `classify` and `lookup` can return, with its value type and
    what it means; a public contract like rule ids (never rename a code, add one)."""

    def recognise(self, code: str) -> str | None:
        """Return the normalised code if `code` (stripped, upper-case) has this system's
        shape, else None. Must be cheap and side-effect free: it runs for every line."""

    def classify(self, code: str) -> Classification:
        """Classify a recognised code (section, category, properties with meanings)."""

    def describe(self, code: str) -> str:
        """The code's descriptor, or '' when the system has none it may show."""

    def lookup(self, code: str) -> CodeLookup | None:
        """Every attribute the data has for `code`, or None when it is not in the data."""


@runtime_checkable
class ModifierSet(Protocol):
    """A family of procedure modifiers (HCPCS Level II alphanumeric, CPT numeric).

    Modifiers are shared across code systems on a claim (a CPT modifier may sit on a
    HCPCS line), so the engine routes each modifier to the set that claims it.
    """

    name: str
    rules: Mapping[str, str]
    """Every rule id `check` can emit, with a one-line description."""

    def claims(self, modifier: str) -> bool:
        """True when `modifier` (two upper-case characters) has this family's shape."""

    def check(self, modifier: str, date_of_service: date | None, field: str) -> Iterable[Issue]:
        """Issues for one claimed modifier on a date of service; `field` names its place."""
