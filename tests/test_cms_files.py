"""CMS HCPCS readers on CMS's real files, their fixed-width twin, broken files, and the cache."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import re
import shutil
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from engine.domain.errors import DataFileError
from engine.host.datacache import load_compact, sidecar_path, write_sidecar
from plugins.hcpcs import cms_files
from plugins.hcpcs.cms_files import (
    DATA_DIR,
    NOC_KIND,
    RELEASE_KIND,
    find_noc_files,
    find_release_files,
    load_noc,
    load_release,
    noc_data,
    read_noc,
    read_txt,
    read_xlsx,
)
from plugins.hcpcs.records import (
    COLUMNS,
    FIXED_WIDTH,
    INDEX,
    RECORD_LENGTH,
    FieldError,
    HcpcsRecord,
    Release,
)

OCT_2025 = DATA_DIR / "HCPC2025_OCT_ANWEB.xlsx"
NOC_2025 = DATA_DIR / "NOC codes_JUL2025.xlsx"
CMS_2019 = Path(__file__).parent / "data" / "cms2019"
TXT_2019 = CMS_2019 / "HCPC2019_CONTR_ANWEB.txt"
FIXTURE_TEXT = "TEST FIXTURE - not a real code"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CODESET_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def oct_records() -> list[HcpcsRecord]:
    return read_xlsx(OCT_2025)  # ~1.5 s: parsed once for the module


@pytest.fixture(scope="module")
def oct_release(oct_records: list[HcpcsRecord]) -> Release:
    return Release.from_records(OCT_2025, oct_records)


@pytest.fixture(scope="module")
def release_2019() -> Release:
    return Release.from_records(TXT_2019, read_txt(TXT_2019))


# --- test-only helpers -------------------------------------------------------------------------


def render_fixed_width(records: Iterable[HcpcsRecord]) -> bytes:
    """CMS's fixed-width form of records: a disclaimer, then 320-character lines, latin-1, CRLF.

    Long descriptions over 80 characters go on RECID 4/8 continuation lines split between words.
    """
    lines = ["***Disclaimers\t\t\t", "*TEST FIXTURE rendering of CMS records.\t\t", ""]
    for record in records:
        fields = dict(zip(COLUMNS, record.values, strict=True))
        chunks = textwrap.wrap(
            fields["LONG DESCRIPTION"], 80, break_long_words=False, break_on_hyphens=False
        ) or [""]
        lines.append(fixed_width_line(fields | {"LONG DESCRIPTION": chunks[0]}))
        recid = "8" if record.is_modifier else "4"
        for number, chunk in enumerate(chunks[1:], start=1):
            seqnum = f"{int(fields['SEQNUM']) + 100 * number:05d}"
            continuation = {"SEQNUM": seqnum, "RECID": recid, "LONG DESCRIPTION": chunk}
            lines.append(fixed_width_line({"HCPC": record.code} | continuation))
    return "".join(f"{line}\r\n" for line in lines).encode("latin-1")


def fixed_width_line(fields: dict[str, str]) -> str:
    chars = [" "] * RECORD_LENGTH
    for column, start, end in FIXED_WIDTH:
        text = fields.get(column, "")
        assert len(text) <= end - start, (column, text)
        chars[start:end] = text.rjust(end - start) if column == "HCPC" else text.ljust(end - start)
    return "".join(chars)


def fixture_values(code: str = "Z9999", **columns: str) -> tuple[str, ...]:
    """A made-up record (canonical values); keyword names use '_' for spaces, e.g. ADD_DT."""
    fields = {
        "HCPC": code,
        "SEQNUM": "00100",
        "RECID": "7" if len(code) == 2 else "3",
        "LONG DESCRIPTION": FIXTURE_TEXT,
        "SHORT DESCRIPTION": "TEST FIXTURE",
        "COV": "C",
        "ADD DT": "20990101",
        "ACT EFF DT": "20990101",
        "ACTION CD": "N",
    }
    fields |= {name.replace("_", " "): value for name, value in columns.items()}
    return tuple(fields.get(column, "") for column in COLUMNS)


def fixture_line(code: str, **columns: str) -> str:
    return fixed_width_line(dict(zip(COLUMNS, fixture_values(code, **columns), strict=True)))


def fixture_records(*codes: str) -> list[HcpcsRecord]:
    return [HcpcsRecord.from_values(fixture_values(code)) for code in codes]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def raises_at(path: Path, where: str) -> pytest.RaisesExc[DataFileError]:
    """DataFileError naming this file, then `where` (its location, maybe the problem too)."""
    return pytest.raises(DataFileError, match=re.escape(f"{path.name}: {where}"))


# --- record layout -----------------------------------------------------------------------------


def test_fixed_width_table_follows_the_record_layout() -> None:
    assert len(COLUMNS) == 48
    assert [column for column, _, _ in FIXED_WIDTH] == list(COLUMNS)
    bounds = [(start, end) for _, start, end in FIXED_WIDTH]
    assert all(start < end for start, end in bounds)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(bounds))
    assert FIXED_WIDTH[COLUMNS.index("LONG DESCRIPTION")] == ("LONG DESCRIPTION", 11, 91)
    assert FIXED_WIDTH[COLUMNS.index("TOS1")] == ("TOS1", 260, 261)  # after the filler at 260
    assert FIXED_WIDTH[COLUMNS.index("TERM DT")] == ("TERM DT", 284, 292)
    assert FIXED_WIDTH[-1] == ("ACTION CD", 292, 293)


def test_from_values_rejects_values_that_break_the_layout() -> None:
    with pytest.raises(FieldError, match="expected 48"):
        HcpcsRecord.from_values(fixture_values()[:-1])
    with pytest.raises(FieldError, match="RECID"):
        HcpcsRecord.from_values(fixture_values(RECID="4"))
    with pytest.raises(FieldError, match="HCPC"):
        HcpcsRecord.from_values(fixture_values("Z99"))
    with pytest.raises(FieldError, match=r"TERM DT.*calendar"):
        HcpcsRecord.from_values(fixture_values(TERM_DT="20990230"))


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("ASC_DT", "2008010", r"ASC_DT.*YYYYMMDD"),
        ("OPPS_DT", "20081301", r"OPPS_DT.*calendar"),
        ("ANEST_BU", "4.5", r"ANEST_BU.*whole number"),
        ("ANEST_BU", "X", r"ANEST_BU.*whole number"),
    ],
)
def test_from_values_checks_every_typed_column(column: str, value: str, problem: str) -> None:
    """A lookup shows these as dates and numbers: a release that cannot be read so fails."""
    values = list(fixture_values())
    values[INDEX[column]] = value
    with pytest.raises(FieldError, match=problem):
        HcpcsRecord.from_values(values)
    values[INDEX[column]] = "20080101" if column.endswith("_DT") else "4"
    assert HcpcsRecord.from_values(values).value(column) == values[INDEX[column]]


# --- the October 2025 xlsx ---------------------------------------------------------------------


def test_oct_2025_counts(oct_release: Release) -> None:
    assert len(oct_release.codes) == 8463
    assert len(oct_release.modifiers) == 383
    assert sum(r.term_date is not None for r in oct_release.codes.values()) == 1205
    assert sum(r.term_date is not None for r in oct_release.modifiers.values()) == 20


@pytest.mark.parametrize(
    ("code", "column", "text", "field"),
    [
        ("C9088", "TERM DT", "20250930", "term_date"),
        ("C9301", "ADD DT", "20250401", "add_date"),
        ("E0716", "ACT EFF DT", "20241001", "act_eff_date"),
        ("J9333", "ACT EFF DT", "20251001", "act_eff_date"),
        ("L6034", "ADD DT", "20251001", "add_date"),
        ("L6034", "ACT EFF DT", "20251001", "act_eff_date"),
    ],
)
def test_numeric_date_cells_come_out_as_text_dates(
    oct_release: Release, code: str, column: str, text: str, field: str
) -> None:
    record = oct_release.codes[code]
    assert record.value(column) == text
    assert getattr(record, field) == date(int(text[:4]), int(text[4:6]), int(text[6:]))


@pytest.mark.parametrize("code", ["E0716", "J9333"])
def test_empty_term_dt_cells_mean_no_date(oct_release: Release, code: str) -> None:
    assert oct_release.codes[code].value("TERM DT") == ""
    assert oct_release.codes[code].term_date is None


def test_modifier_codes_are_stripped(oct_release: Release) -> None:
    modifier = oct_release.modifiers["AA"]  # '   AA' in the workbook
    assert modifier.is_modifier and modifier.value("HCPC") == "AA"
    assert all(len(code) == 2 for code in oct_release.modifiers)
    assert all(len(code) == 5 and not r.is_modifier for code, r in oct_release.codes.items())


def test_oct_2025_facts(oct_release: Release) -> None:
    assert oct_release.name == "HCPC2025_OCT_ANWEB"
    assert oct_release.effective == date(2025, 10, 1)
    assert oct_release.codes["A0021"].value("COV") == "I"
    assert oct_release.codes["J0135"].term_date == date(2024, 12, 31)
    assert oct_release.codes["L6034"].add_date == date(2025, 10, 1)
    assert oct_release.codes["C1742"].value("TOS1") == "2"  # a numeric cell the README misses


def test_values_are_canonical_text(oct_records: list[HcpcsRecord]) -> None:
    for record in oct_records:
        assert all(type(v) is str and v == v.strip() for v in record.values), record.code
        assert record.value("SEQNUM") == "00100"  # the xlsx's '0010', in the layout's 5 digits
        assert "  " not in record.value("LONG DESCRIPTION")


# --- the January 2019 fixed-width txt ----------------------------------------------------------


def test_2019_txt_counts_and_effective_date(release_2019: Release) -> None:
    assert len(release_2019.codes) == 6440
    assert len(release_2019.modifiers) == 360
    assert release_2019.name == "HCPC2019_CONTR_ANWEB"
    assert release_2019.effective == date(2019, 1, 1)  # max ADD DT and ACT EFF DT both 20190101


def test_2019_continuation_lines_are_joined(release_2019: Release) -> None:
    assert release_2019.modifiers["AD"].value("LONG DESCRIPTION") == (
        "Medical supervision by a physician: more than four concurrent anesthesia procedures"
    )
    # G8891's middle line is one of CMS's: 316 characters, not 320.
    assert (
        release_2019.codes["G8891"]
        .value("LONG DESCRIPTION")
        .endswith(
            "ldl-c not under control (e.g., patients with palliative goals for whom treatment of"
            " hypertension with standard treatment goals is not clinically appropriate)"
        )
    )


def test_xlsx_and_fixed_width_forms_load_to_identical_records(
    oct_records: list[HcpcsRecord], tmp_path: Path
) -> None:
    rendered = tmp_path / "HCPC2025_OCT_ANWEB.txt"
    rendered.write_bytes(render_fixed_width(oct_records))
    assert rendered.read_bytes().count(b"\r\n") > len(oct_records)  # continuations were written
    from_txt = read_txt(rendered)
    assert len(from_txt) == len(oct_records)
    for txt_record, xlsx_record in zip(from_txt, oct_records, strict=True):
        assert txt_record == xlsx_record


# --- malformed and missing files ---------------------------------------------------------------


def _fixture_txt(tmp_path: Path, lines: dict[int, str] | None = None) -> Path:
    """A rendered fixture file, with some record lines (0-based after the disclaimer) replaced."""
    text = render_fixed_width(fixture_records("Z9999", "Z9998", "Z9997")).decode("latin-1")
    rows = text.split("\r\n")
    for index, line in (lines or {}).items():
        rows[3 + index] = line
    path = tmp_path / "broken.txt"
    path.write_bytes("\r\n".join(rows).encode("latin-1"))
    return path


def test_txt_bad_date_names_line_and_column(tmp_path: Path) -> None:
    line = fixture_line("Z9998", ADD_DT="ABCDEFGH")
    path = _fixture_txt(tmp_path, {1: line})
    with raises_at(path, "line 5, column 'ADD DT' (positions 269-276)") as caught:
        read_txt(path)
    assert caught.value.path == path and "ABCDEFGH" in caught.value.problem


def test_txt_truncated_record_line(tmp_path: Path) -> None:
    line = fixture_line("Z9998")[:200]
    path = _fixture_txt(tmp_path, {1: line})
    with raises_at(path, "line 5: record line is 200 characters long"):
        read_txt(path)


def test_txt_garbage_after_records_start(tmp_path: Path) -> None:
    path = _fixture_txt(tmp_path, {2: "*TEST FIXTURE - a stray note among records"})
    with raises_at(path, "line 6: not a HCPCS record"):
        read_txt(path)


def test_txt_continuation_without_its_record(tmp_path: Path) -> None:
    line = fixed_width_line({"HCPC": "Z9990", "SEQNUM": "00200", "RECID": "4"})
    path = _fixture_txt(tmp_path, {1: line})
    with raises_at(path, "line 5: continuation of 'Z9990'"):
        read_txt(path)


def test_txt_with_no_records(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("TEST FIXTURE - free text only\r\n")
    with raises_at(path, "no HCPCS records"):
        read_txt(path)


def test_missing_files(tmp_path: Path) -> None:
    missing = tmp_path / "HCPC2099_JAN_ANWEB.xlsx"
    for load in (read_xlsx, read_txt, read_noc, load_release, load_noc):
        with pytest.raises(DataFileError, match="file not found") as caught:
            load(missing)
        assert caught.value.path == missing
    with pytest.raises(DataFileError, match="folder not found"):
        find_release_files(tmp_path / "nowhere")


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "HCPC2099_JAN_ANWEB.xlsx"
    path.write_text("TEST FIXTURE - not a workbook")
    with raises_at(path, "not a readable xlsx workbook"):
        read_xlsx(path)


def test_load_release_rejects_other_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "HCPC2099_JAN_ANWEB.csv"
    path.write_text("TEST FIXTURE")
    with raises_at(path, "not a CMS release file"):
        load_release(path)


def test_xlsx_without_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "headless.xlsx", {"Sheet1": [fixture_values()]})
    with raises_at(path, "row 1: no sheet has the HCPCS header"):
        read_xlsx(path)


def test_xlsx_header_missing_a_column(tmp_path: Path) -> None:
    header = [c for c in COLUMNS if c != "TERM DT"]
    row = [v for c, v in zip(COLUMNS, fixture_values(), strict=True) if c != "TERM DT"]
    path = write_xlsx(tmp_path / "short.xlsx", {"Sheet1": [header, row]})
    with raises_at(path, "row 1: header lacks columns TERM DT"):
        read_xlsx(path)


def _variant_header() -> list[str]:
    """Spellings seen in other years: 'HCPCS', underscores for spaces, other case."""
    renamed = {"HCPC": "HCPCS", "ADD DT": "ADD_DT", "ACT EFF DT": "act_eff_dt"}
    return [renamed.get(column, column) for column in COLUMNS]


def test_xlsx_bad_date_names_row_and_column_as_spelled(tmp_path: Path) -> None:
    rows = [_variant_header(), fixture_values(), fixture_values("Z9998", ADD_DT="2099")]
    path = write_xlsx(tmp_path / "bad_date.xlsx", {"Data": rows})
    with raises_at(path, "row 3, column 'ADD_DT': '2099' is not a YYYYMMDD date"):
        read_xlsx(path)


def test_xlsx_layout_variants(tmp_path: Path) -> None:
    """Header found on a later sheet by name in any order; numbers, blanks, continuation rows."""
    header = _variant_header()
    order = list(reversed(range(len(COLUMNS))))
    procedure = list(fixture_values(LONG_DESCRIPTION=FIXTURE_TEXT + ","))
    procedure[COLUMNS.index("PRICE1")] = 0  # numeric cells lose leading zeros
    procedure[COLUMNS.index("ADD DT")] = 20990101
    procedure[COLUMNS.index("HCPC")] = "Z9999"
    continuation = [""] * len(COLUMNS)
    continuation[:4] = ["Z9999", "0020", "4", "first  continued"]
    modifier = list(fixture_values("Z9"))
    modifier[0] = "   Z9"
    rows = [
        [header[i] for i in order],
        [procedure[i] for i in order],
        [continuation[i] for i in order],
        [None] * len(COLUMNS),
        [modifier[i] for i in order],
    ]
    path = write_xlsx(tmp_path / "variants.xlsx", {"Notes": [[FIXTURE_TEXT]], "Data": rows})
    procedure_record, modifier_record = read_xlsx(path)
    assert procedure_record.value("LONG DESCRIPTION") == FIXTURE_TEXT + ", first continued"
    assert procedure_record.value("PRICE1") == "00"
    assert procedure_record.add_date == date(2099, 1, 1)
    assert modifier_record.code == "Z9" and modifier_record.is_modifier


# --- NOC list ----------------------------------------------------------------------------------


def test_noc_list(tmp_path: Path) -> None:
    noc = read_noc(NOC_2025)
    assert len(noc) == 163  # 165 data rows: J7192 and J7195 run over two rows each
    assert sum(entry.term_date is not None for entry in noc.values()) == 8
    assert noc["J7192"].description == (
        "Factor viii (antihemophilic factor, recombinant) per i.u., not otherwise specified"
    )
    assert noc["A0999"].add_date == date(1987, 1, 1) and noc["A0999"].term_date is None
    assert noc["J0833"].term_date == date(2018, 12, 31)
    assert load_noc(NOC_2025) == noc


def test_noc_fixture_layouts(tmp_path: Path) -> None:
    rows = [
        [None, "NOC CODES - TEST FIXTURE"],
        [],
        [],
        ["HCPCS", "LONG DESCRIPTION", "ADD DATE", "TERM DATE"],
        ["Z9999", FIXTURE_TEXT, 20990101, None],
        ["Z9998", FIXTURE_TEXT, 20990101, 20991231],
        ["Z9997", FIXTURE_TEXT, "2099-01-01", None],
    ]
    path = write_xlsx(tmp_path / "NOC codes_TEST.xlsx", {"NOC": rows})
    with raises_at(path, "row 7, column 'ADD DATE'"):
        read_noc(path)
    write_xlsx(path, {"NOC": rows[:-1]})
    assert read_noc(path)["Z9998"].term_date == date(2099, 12, 31)
    write_xlsx(path, {"NOC": [[FIXTURE_TEXT]] * 3})
    with raises_at(path, "rows 1-20: no header row"):
        read_noc(path)


# --- finding files -----------------------------------------------------------------------------


def test_find_files_in_the_shipped_folders() -> None:
    assert find_release_files(DATA_DIR) == [OCT_2025]  # not the record layout .txt
    assert find_noc_files(DATA_DIR) == [NOC_2025]
    assert find_release_files(CMS_2019) == [TXT_2019]  # not README or proc_notes


def test_find_files_by_name_and_content(tmp_path: Path) -> None:
    for name in (
        "HCPC2099_JAN_ANWEB.xlsx",
        "HCPC2099_JAN_ANWEB_Transaction Report.xlsx",
        "NOC codes_JAN2099.xlsx",
        "~$HCPC2099_JAN_ANWEB.xlsx",
        "HCPC2099_README.txt",
        "proc_notes_2099.txt",
    ):
        (tmp_path / name).write_text(FIXTURE_TEXT)
    (tmp_path / "renamed.txt").write_bytes(render_fixed_width(fixture_records("Z9999")))
    assert [p.name for p in find_release_files(tmp_path)] == [
        "HCPC2099_JAN_ANWEB.xlsx",
        "renamed.txt",
    ]
    assert [p.name for p in find_noc_files(tmp_path)] == ["NOC codes_JAN2099.xlsx"]


# --- compact cache -----------------------------------------------------------------------------


class CountingBuild:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, source: Path) -> list[str]:
        self.calls += 1
        return source.read_text().split()


def test_second_load_comes_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("TEST FIXTURE one")
    build = CountingBuild()
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE", "one"]
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE", "one"]
    assert build.calls == 1
    assert len(list(cache_dir.glob("source.txt.*.words-v1.json.gz"))) == 1
    assert load_compact(source, "words-v2", build) and build.calls == 2  # another kind


def test_changed_source_rebuilds(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("TEST FIXTURE one")
    build = CountingBuild()
    load_compact(source, "words-v1", build)
    source.write_text("TEST FIXTURE two")
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE", "two"]
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE", "two"]
    assert build.calls == 2


def test_corrupt_cache_file_rebuilds(tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("TEST FIXTURE")
    build = CountingBuild()
    load_compact(source, "words-v1", build)
    for cached in cache_dir.iterdir():
        cached.write_bytes(b"TEST FIXTURE - not gzip")
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE"]
    assert build.calls == 2


def test_unwritable_cache_dir_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CODESET_CACHE_DIR", str(blocker / "cache"))  # cannot be a directory
    source = tmp_path / "source.txt"
    source.write_text("TEST FIXTURE")
    build = CountingBuild()
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE"]
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE"]
    assert build.calls == 2


def test_sidecar_is_used_only_while_current(tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("TEST FIXTURE")
    assert write_sidecar(source, "words-v1", CountingBuild()) == sidecar_path(source, "words-v1")
    build = CountingBuild()
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE"]
    assert build.calls == 0 and not cache_dir.exists()
    source.write_text("TEST FIXTURE changed")
    assert load_compact(source, "words-v1", build) == ["TEST", "FIXTURE", "changed"]
    assert build.calls == 1


def _sidecar_data(source: Path, kind: str) -> object:
    with gzip.open(sidecar_path(source, kind), "rt") as file:
        envelope = json.load(file)
    assert envelope["kind"] == kind
    assert envelope["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    return envelope["data"]


def test_shipped_sidecars_are_current(oct_records: list[HcpcsRecord]) -> None:
    """Fails after a data file changes until `python -m scripts.build_compact` is run."""
    assert _sidecar_data(OCT_2025, RELEASE_KIND) == [list(r.values) for r in oct_records]
    assert _sidecar_data(NOC_2025, NOC_KIND) == noc_data(NOC_2025)


def test_load_release_from_sidecar_does_not_parse(
    oct_release: Release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parsing(path: Path) -> None:
        raise AssertionError(f"parsed {path}")

    monkeypatch.setattr(cms_files, "release_data", no_parsing)
    loaded = load_release(OCT_2025)
    assert loaded == oct_release
    copy = shutil.copy(OCT_2025, tmp_path / OCT_2025.name)  # no sidecar next to the copy
    with pytest.raises(AssertionError, match="parsed"):
        load_release(Path(copy))
