"""The HCPCS properties: CMS's record columns under stable snake_case codes, typed.

The codes are a public contract (callers read `coverage`, not CMS's `COV`): never rename
one, add a new one. Values are typed as `PropertyDefinition.type` says: dates are
`datetime.date` (CMS writes YYYYMMDD), `anesthesia_base_units` an `int`, `noc` a `bool`,
everything else `str` as CMS spells it. A coded value's meaning is the same wherever the
property appears, in a classification or in a lookup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from engine.plugin_api import Property, PropertyDefinition, PropertyType
from plugins.hcpcs import tables
from plugins.hcpcs.records import parse_date

CODE, STRING, INTEGER, BOOLEAN, DATE = (
    PropertyType.CODE,
    PropertyType.STRING,
    PropertyType.INTEGER,
    PropertyType.BOOLEAN,
    PropertyType.DATE,
)


def _repeated(
    column: str, code: str, count: int, kind: PropertyType, what: str
) -> tuple[tuple[str, str, PropertyType, str], ...]:
    return tuple(
        (f"{column}{n}", f"{code}_{n}", kind, f"{what} ({n} of {count})")
        for n in range(1, count + 1)
    )


# (CMS column as records.COLUMNS names it, property code, type, description), in the
# record layout's order. HCPC itself is the code, not a property.
_COLUMNS: tuple[tuple[str, str, PropertyType, str], ...] = (
    ("SEQNUM", "sequence_number", STRING, "CMS sequence number, grouping codes by 100s"),
    ("RECID", "record_type", CODE, "Record type: 3 a procedure code, 7 a modifier"),
    ("LONG DESCRIPTION", "long_description", STRING, "CMS long description"),
    ("SHORT DESCRIPTION", "short_description", STRING, "CMS short description (28 characters)"),
    *_repeated("PRICE", "pricing_indicator", 4, CODE, "Medicare Part B pricing indicator"),
    (
        "MULT_PI",
        "multiple_pricing_indicator",
        CODE,
        "Whether the code is priced under more than one methodology",
    ),
    *_repeated("CIM", "cim_reference", 3, STRING, "Coverage Issues Manual section"),
    *_repeated("MCM", "mcm_reference", 3, STRING, "Medicare Carriers Manual section"),
    ("STATUTE", "statute", STRING, "Statute reference for coverage or non-coverage"),
    *_repeated("LABCERT", "lab_certification", 8, CODE, "CLIA lab certification category"),
    *_repeated("XREF", "cross_reference", 5, CODE, "Code CMS cross-references (a replacement)"),
    ("COV", "coverage", CODE, "Medicare coverage status"),
    ("ASC_GRP", "asc_group", CODE, "ASC payment group: YY when approved for an ASC"),
    ("ASC_DT", "asc_group_date", DATE, "Date the code was assigned to its ASC payment group"),
    ("OPPS", "opps_group", CODE, "Medicare outpatient group (MOG) payment group"),
    (
        "OPPS_PI",
        "opps_payment_indicator",
        CODE,
        "MOG payment policy indicator: ASC facility fee, separate fee or none",
    ),
    ("OPPS_DT", "opps_group_date", DATE, "Date the code was assigned to its MOG payment group"),
    (
        "PROCNOTE",
        "processing_note",
        STRING,
        "Number of the processing note in appendix A of the HCPCS manual",
    ),
    ("BETOS", "betos", CODE, "Berenson-Eggers type of service"),
    *_repeated("TOS", "type_of_service", 5, CODE, "CMS type of service"),
    ("ANEST_BU", "anesthesia_base_units", INTEGER, "Anesthesia base units"),
    ("ADD DT", "add_date", DATE, "Date the code was added to HCPCS"),
    ("ACT EFF DT", "action_effective_date", DATE, "Effective date of the latest action"),
    ("TERM DT", "termination_date", DATE, "Last date the code may be used"),
    ("ACTION CD", "action_code", CODE, "The change this release made to the code"),
)

PAYER_CONTEXT = PropertyDefinition(
    "payer_context", CODE, "Who the code's section is for (its first letter), when that matters"
)
NOC = PropertyDefinition(
    "noc", BOOLEAN, "True for a not-otherwise-classified code: the claim needs a narrative"
)

COLUMN_DEFINITIONS: dict[str, PropertyDefinition] = {
    column: PropertyDefinition(code, kind, description)
    for column, code, kind, description in _COLUMNS
}
PROPERTY_DEFINITIONS: tuple[PropertyDefinition, ...] = (
    PAYER_CONTEXT,
    *COLUMN_DEFINITIONS.values(),
    NOC,
)

_PRICING = {
    value: f"{meaning} ({tables.PRICING_INDICATOR_GROUPS[value]})"
    if value in tables.PRICING_INDICATOR_GROUPS
    else meaning
    for value, meaning in tables.PRICING_INDICATORS.items()
}
# Property code -> meanings of its coded values. A pricing indicator's meaning names its
# payment system: "13" and "22" both read "Price established by carriers" otherwise.
MEANINGS: dict[str, Mapping[str, str]] = {
    "record_type": tables.RECORD_TYPES,
    **{f"pricing_indicator_{n}": _PRICING for n in range(1, 5)},
    "multiple_pricing_indicator": tables.MULTIPLE_PRICING_INDICATORS,
    **{f"lab_certification_{n}": tables.LAB_CERTIFICATIONS for n in range(1, 9)},
    "coverage": tables.COVERAGE_CODES,
    "asc_group": tables.ASC_GROUPS,
    "opps_payment_indicator": tables.OPPS_PAYMENT_INDICATORS,
    "betos": tables.BETOS_CODES,
    **{f"type_of_service_{n}": tables.TYPES_OF_SERVICE for n in range(1, 6)},
    "action_code": tables.ACTION_CODES,
    "payer_context": tables.PAYER_CONTEXT,
}
NOC_PROPERTY = Property("noc", True, "not otherwise classified: needs a narrative")


def column_property(column: str, text: str) -> Property:
    """The property for one non-empty CMS column value (already validated at load)."""
    definition = COLUMN_DEFINITIONS[column]
    value: str | int | date
    if definition.type is DATE:
        day = parse_date(text, column)
        assert day is not None  # `text` is non-empty: only '' parses to no date
        value = day
    elif definition.type is INTEGER:
        value = int(text)
    else:
        value = text
    meaning = MEANINGS.get(definition.code, {}).get(text, "")
    # A property's type is inferred from its value, text as a code: free text says so.
    kind = definition.type if definition.type is STRING else None
    return Property(definition.code, value, meaning, kind)


def payer_context(letter: str) -> Property:
    return Property(PAYER_CONTEXT.code, letter, tables.PAYER_CONTEXT[letter])
