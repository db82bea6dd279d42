"""Check plugins/hcpcs/tables.py against CMS's record layout and the 2025 data.

There are two kinds of check:

* Layout checks. Each transcribed table is compared, code by code and word by
  word, with the matching section of ``HCPCS2019_recordlayout.txt``. A wrong,
  swapped or missing meaning fails, and so does a code that is in neither the
  layout nor the short, sourced list of post-2019 additions.
* Data checks. Every value in the coded columns of the October 2025 xlsx must
  have an entry in its table. The workbook takes about 1.5 s to read, so it is
  read once per module.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "plugins" / "hcpcs" / "data"
LAYOUT_PATH = DATA / "HCPCS2019_recordlayout.txt"
XLSX_PATH = DATA / "HCPC2025_OCT_ANWEB.xlsx"

try:
    from plugins.hcpcs import tables
except ModuleNotFoundError:  # plain `pytest` without an installed package: use the repo root
    sys.path.insert(0, str(ROOT))
    from plugins.hcpcs import tables

# --------------------------------------------------------------------------- layout


def _layout_lines() -> list[str]:
    raw = LAYOUT_PATH.read_bytes()
    # The file is CRLF and uses a few tab-indented lines. Expanding the tabs keeps
    # the indentation that tells continuation lines from headings.
    return [line.expandtabs(8).rstrip() for line in raw.decode("ascii").split("\r\n")]


LINES = _layout_lines()
FIELD_HEADER = re.compile(r"^  (\d+)\.\s{2,}(\S.*)$")
APPENDIX_HEADER = re.compile(r"^ ([A-Z][A-Z_]+_TB)\s")
ENTRY = re.compile(r"^( *)([0-9A-Z]{1,3}) *= +(\S.*)$")

# Misspellings in the 2019 layout that tables.py corrects. They are applied to the
# layout's words before the comparison and to nothing else.
LAYOUT_SPELLING_FIXES = {
    "opthamology": "ophthalmology",
    "cardiovascualr": "cardiovascular",
    "effec": "eff",
}


def _field_section(number: int, title: str) -> list[str]:
    """Return the lines of layout field `number`, from its header to the next field."""
    starts = [i for i, line in enumerate(LINES) if FIELD_HEADER.match(line)]
    for pos, i in enumerate(starts):
        m = FIELD_HEADER.match(LINES[i])
        assert m is not None
        if int(m.group(1)) == number:
            assert title.lower() in m.group(2).lower(), (number, m.group(2))
            end = starts[pos + 1] if pos + 1 < len(starts) else len(LINES)
            return LINES[i + 1 : end]
    raise AssertionError(f"field {number} not found in layout")


def _codes_part(section: list[str]) -> list[str]:
    """Return the part of a field section after its "CODES :" line."""
    for i, line in enumerate(section):
        if re.match(r"^\s*CODES\s*:", line):
            return section[i + 1 :]
    raise AssertionError("no CODES list in section")


def _appendix_section(name: str) -> list[str]:
    """Return the lines of an appendix code table, up to the next table or the end."""
    start = next(i for i, line in enumerate(LINES) if line.startswith(f" {name} "))
    end = next(
        (i for i in range(start + 1, len(LINES)) if APPENDIX_HEADER.match(LINES[i])),
        len(LINES),
    )
    return LINES[start + 1 : end]


@dataclass
class ParsedTable:
    meanings: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)


def _parse_entries(lines: Iterable[str]) -> ParsedTable:
    """Parse ``CODE = meaning`` entries, joining wrapped lines.

    A non-entry line continues the current entry only if it is indented deeper
    than the entry's code. A line at the code's indentation or shallower is a
    heading, such as "Clinical Lab Fee Schedule". The trap is that headings
    follow entries with no blank line between them, so a naive parser glues them
    onto the previous meaning. Dash underlines are ignored. A heading can wrap
    across two lines.
    """
    out = ParsedTable()
    current: str | None = None
    indent = 0
    pending: list[str] = []
    heading = ""
    for line in lines:
        if not line.strip():
            continue
        m = ENTRY.match(line)
        if m:
            current, indent = m.group(2), len(m.group(1))
            assert current not in out.meanings, f"duplicate code {current!r} in layout"
            out.meanings[current] = m.group(3).strip()
            if pending:
                heading, pending = " ".join(pending), []
            out.headings[current] = heading
            continue
        is_rule = set(line.strip()) <= {"-"}
        lead = len(line) - len(line.lstrip())
        if current is not None and lead > indent and not is_rule:
            out.meanings[current] += " " + line.strip()
            continue
        current = None
        if not is_rule:
            pending.append(line.strip())
    return out


def _words(text: str, *, from_layout: bool = False) -> list[str]:
    """Return the lower-case words of `text`, ignoring case, whitespace and punctuation."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    if from_layout:
        words = [LAYOUT_SPELLING_FIXES.get(w, w) for w in words]
    return words


def _mismatches(ours: dict[str, str], layout: dict[str, str], extras: set[str]) -> list[str]:
    """Return every difference between a transcribed table and the layout's table."""
    problems: list[str] = []
    for code in sorted(set(layout) - set(ours)):
        problems.append(f"{code!r} is in the layout but missing from the table")
    for code in sorted(set(ours) - set(layout) - extras):
        problems.append(f"{code!r} is not in the layout and has no documented later source")
    for code in sorted(set(ours) & extras & set(layout)):
        problems.append(f"{code!r} is listed as post-2019 but the 2019 layout has it")
    for code in sorted(set(ours) & set(layout)):
        if _words(ours[code]) != _words(layout[code], from_layout=True):
            problems.append(f"{code!r}: ours {ours[code]!r} != layout {layout[code]!r}")
    return problems


# name in tables.py -> the layout lines that hold its codes
LAYOUT_TABLES: dict[str, list[str]] = {
    "PRICING_INDICATORS": _codes_part(_field_section(9, "Pricing Indicator Code")),
    "MULTIPLE_PRICING_INDICATORS": _codes_part(
        _field_section(10, "Multiple Pricing Indicator Code")
    ),
    "LAB_CERTIFICATIONS": _codes_part(_field_section(14, "Lab Certification Code")),
    "COVERAGE_CODES": _codes_part(_field_section(16, "Coverage Code")),
    "OPPS_PAYMENT_INDICATORS": _codes_part(_field_section(20, "MOG Payment Policy Indicator")),
    "ACTION_CODES": _codes_part(_field_section(30, "Action Code")),
    "BETOS_CODES": _appendix_section("BETOS_TB"),
    "TYPES_OF_SERVICE": _appendix_section("CMS_TYPE_SRVC_TB"),
}

# Codes that the 2025 data uses but the 2019 layout lacks. tables.py cites the
# source for each one. Any other code that is not in the layout fails the test.
ADDED_AFTER_2019: dict[str, set[str]] = {
    "PRICING_INDICATORS": {"40"},
    "BETOS_CODES": {"O1L"},
}


def test_layout_is_the_2019_crlf_record_layout() -> None:
    raw = LAYOUT_PATH.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert "HCPCS Contractor Record - 2019" in "\n".join(LINES)


@pytest.mark.parametrize("name", sorted(LAYOUT_TABLES))
def test_table_matches_layout(name: str) -> None:
    parsed = _parse_entries(LAYOUT_TABLES[name])
    assert len(parsed.meanings) >= 5, f"layout parse found too few codes for {name}"
    ours: dict[str, str] = getattr(tables, name)
    problems = _mismatches(ours, parsed.meanings, ADDED_AFTER_2019.get(name, set()))
    assert not problems, "\n".join(problems)


def test_layout_tables_have_expected_sizes() -> None:
    """Pin the parsed sizes, so a parser regression cannot hide a missing code."""
    sizes = {name: len(_parse_entries(lines).meanings) for name, lines in LAYOUT_TABLES.items()}
    assert sizes == {
        "PRICING_INDICATORS": 25,
        "MULTIPLE_PRICING_INDICATORS": 8,
        "LAB_CERTIFICATIONS": 31,
        "COVERAGE_CODES": 5,
        "OPPS_PAYMENT_INDICATORS": 7,
        "ACTION_CODES": 10,
        "BETOS_CODES": 106,
        "TYPES_OF_SERVICE": 34,
    }


def test_comparison_catches_wrong_swapped_and_missing_meanings() -> None:
    """Negative control: the layout check must reject a corrupted table."""
    layout = _parse_entries(LAYOUT_TABLES["BETOS_CODES"]).meanings
    corrupted = dict(tables.BETOS_CODES)
    corrupted["P1A"], corrupted["P1B"] = corrupted["P1B"], corrupted["P1A"]
    corrupted["M3"] = "Emergency room visit, critical"
    del corrupted["Z1"]
    corrupted["Q9X"] = "Invented"
    problems = _mismatches(corrupted, layout, ADDED_AFTER_2019["BETOS_CODES"])
    flagged = {p.split(":")[0].split(" ")[0] for p in problems}
    assert {"'P1A'", "'P1B'", "'M3'", "'Z1'", "'Q9X'"} <= flagged


def test_pricing_indicator_groups_match_layout_headings() -> None:
    parsed = _parse_entries(LAYOUT_TABLES["PRICING_INDICATORS"])
    groups = tables.PRICING_INDICATOR_GROUPS
    assert parsed.headings["00"] == ""  # "00" comes before the first heading
    assert set(groups) == set(tables.PRICING_INDICATORS) - {"00"}
    for code, heading in parsed.headings.items():
        if code == "00":
            continue
        assert _words(groups[code]) == _words(heading, from_layout=True), code
    # "40" falls between 39 and 45 in the 2024 layout, under the DMEPOS heading.
    assert groups["40"] == groups["39"] == groups["45"]


def test_record_types_match_layout() -> None:
    """The layout's first-line codes 3 and 7; continuation codes 4 and 8 never reach a record."""
    meanings = _parse_entries(_codes_part(_field_section(6, "Record Identification Code")))
    assert set(meanings.meanings) == {"3", "4", "7", "8"}
    assert set(tables.RECORD_TYPES) == {"3", "7"}
    for code, kind in (("3", "procedure"), ("7", "modifier")):
        assert meanings.meanings[code].lower().startswith(f"first line of {kind} record")
        assert tables.RECORD_TYPES[code].lower() == f"{kind} record"


def test_asc_group_matches_layout() -> None:
    section = _field_section(17, "ASC Payment Group Code")
    text = "\n".join(section)
    assert re.search(r"CODE:\s*YY\b", text)
    assert re.search(r"BLANK\s*=\s*Not Approved For ASC", text)
    assert set(tables.ASC_GROUPS) == {"YY"}
    assert set(_words(tables.ASC_GROUPS["YY"])) <= set(_words(text))


# ----------------------------------------------------------------------- 2025 data

# xlsx column -> table that must hold every non-blank value in it
COLUMN_TABLES: dict[str, dict[str, str]] = {
    "BETOS": tables.BETOS_CODES,
    **{f"TOS{i}": tables.TYPES_OF_SERVICE for i in range(1, 6)},
    **{f"PRICE{i}": tables.PRICING_INDICATORS for i in range(1, 5)},
    "MULT_PI": tables.MULTIPLE_PRICING_INDICATORS,
    "COV": tables.COVERAGE_CODES,
    "OPPS_PI": tables.OPPS_PAYMENT_INDICATORS,
    **{f"LABCERT{i}": tables.LAB_CERTIFICATIONS for i in range(1, 9)},
    "ACTION CD": tables.ACTION_CODES,
    "ASC_GRP": tables.ASC_GROUPS,
}
# Columns that are legitimately all blank in the October 2025 file.
EMPTY_COLUMNS = {"OPPS_PI", "TOS5", "PRICE4", "LABCERT5", "LABCERT6", "LABCERT7", "LABCERT8"}
# Widths for cells that CMS stored as numbers instead of text: TOS1 of C1742 is the
# integer 2. Widths are padded back so a numeric "00" or "010" would still match.
WIDTHS = {**{f"PRICE{i}": 2 for i in range(1, 5)}, **{f"LABCERT{i}": 3 for i in range(1, 9)}}


def _cell_text(column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(int(value)).zfill(WIDTHS.get(column, 0))
    return str(value).strip()


@dataclass
class DataSummary:
    values: dict[str, set[str]]
    cov_by_letter: dict[str, Counter[str]]
    descriptions_by_letter: dict[str, list[str]]


@pytest.fixture(scope="module")
def data() -> DataSummary:
    wb = openpyxl.load_workbook(XLSX_PATH, read_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        missing = set(COLUMN_TABLES) - set(header)
        assert not missing, f"columns missing from xlsx header: {missing}"
        idx = {name: header.index(name) for name in [*COLUMN_TABLES, "HCPC", "LONG DESCRIPTION"]}
        values: dict[str, set[str]] = defaultdict(set)
        cov_by_letter: dict[str, Counter[str]] = defaultdict(Counter)
        descriptions: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            for column in COLUMN_TABLES:
                values[column].add(_cell_text(column, row[idx[column]]))
            code = _cell_text("HCPC", row[idx["HCPC"]])
            if len(code) == 5:  # procedure codes; modifiers are two characters
                cov_by_letter[code[0]][_cell_text("COV", row[idx["COV"]])] += 1
                descriptions[code[0]].append(str(row[idx["LONG DESCRIPTION"]]))
    finally:
        wb.close()
    return DataSummary(dict(values), dict(cov_by_letter), dict(descriptions))


@pytest.mark.parametrize("column", list(COLUMN_TABLES))
def test_every_data_value_has_a_meaning(data: DataSummary, column: str) -> None:
    present = data.values[column] - {""}
    if column in EMPTY_COLUMNS:
        assert not present, f"{column} now has values {sorted(present)}: check them"
        return
    assert present, f"{column} has no values: wrong column name?"
    unknown = present - set(COLUMN_TABLES[column])
    assert not unknown, f"{column} values without a meaning: {sorted(unknown)}"


def test_post_2019_additions_occur_in_data(data: DataSummary) -> None:
    """The post-2019 entries exist only because the 2025 data needs them."""
    prices = set().union(*(data.values[f"PRICE{i}"] for i in range(1, 5)))
    assert ADDED_AFTER_2019["PRICING_INDICATORS"] <= prices
    assert ADDED_AFTER_2019["BETOS_CODES"] <= data.values["BETOS"]


def test_every_priced_value_has_a_group(data: DataSummary) -> None:
    prices = set().union(*(data.values[f"PRICE{i}"] for i in range(1, 5))) - {"", "00"}
    assert prices <= set(tables.PRICING_INDICATOR_GROUPS)


# --------------------------------------------------------- sections and severities


def test_sections_cover_all_letters_used(data: DataSummary) -> None:
    assert set(tables.SECTIONS) == set("ABCDEGHJKLMPQRSTUV")
    assert set(data.cov_by_letter) <= set(tables.SECTIONS)
    assert "D" not in data.cov_by_letter  # CDT dental codes are not in CMS's file


def test_u_section_describes_the_u_codes(data: DataSummary) -> None:
    descriptions = data.descriptions_by_letter["U"]
    assert descriptions
    for text in descriptions:
        assert re.search(r"sars-cov-2|covid-19|ncov", text, re.IGNORECASE), text
    assert "SARS-CoV-2" in tables.SECTIONS["U"]


def test_payer_context(data: DataSummary) -> None:
    assert set(tables.PAYER_CONTEXT) <= set(tables.SECTIONS)
    assert {"S", "T", "H"} <= set(tables.PAYER_CONTEXT)
    # The data backs the "not payable by Medicare" claim for S, T and H.
    for letter in ("S", "T", "H"):
        assert "not payable by Medicare" in tables.PAYER_CONTEXT[letter]
        cov = data.cov_by_letter[letter]
        non_medicare = cov["I"] + cov["M"] + cov["S"]
        assert non_medicare / sum(cov.values()) >= 0.95, (letter, dict(cov))


def test_coverage_severity() -> None:
    assert set(tables.COVERAGE_SEVERITY) == set(tables.COVERAGE_CODES)
    assert {c for c, s in tables.COVERAGE_SEVERITY.items() if s == "warning"} == {"I", "M", "S"}
    assert {c for c, s in tables.COVERAGE_SEVERITY.items() if s == "info"} == {"C", "D"}


ALL_TABLES = [
    "RECORD_TYPES",
    "PRICING_INDICATORS",
    "PRICING_INDICATOR_GROUPS",
    "MULTIPLE_PRICING_INDICATORS",
    "LAB_CERTIFICATIONS",
    "COVERAGE_CODES",
    "COVERAGE_SEVERITY",
    "ASC_GROUPS",
    "OPPS_PAYMENT_INDICATORS",
    "TYPES_OF_SERVICE",
    "ACTION_CODES",
    "BETOS_CODES",
    "SECTIONS",
    "PAYER_CONTEXT",
]


@pytest.mark.parametrize("name", ALL_TABLES)
def test_tables_are_tidy_one_line_strings(name: str) -> None:
    table = getattr(tables, name)
    assert isinstance(table, dict) and table
    for code, meaning in table.items():
        assert isinstance(code, str) and code == code.strip() and code
        assert isinstance(meaning, str) and meaning == meaning.strip() and meaning
        assert "\n" not in meaning and "  " not in meaning, (code, meaning)
