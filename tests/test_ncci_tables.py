"""NCCI table readers and tables, on small fixture files written in CMS's published layouts.

Every code here is a public HCPCS Level II code (J1100, G0008, E0100, ...) or plainly made
up (ZZ001, ...), and every rationale is fixture text: the product ships no NCCI data.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from engine.domain.errors import DataFileError
from plugins.ncci.tables import (
    AocEdit,
    AocTables,
    Mue,
    MueTables,
    PtpEdit,
    PtpTables,
    read_aoc,
    read_mue,
    read_ptp,
)

NOTICE = "FIXTURE: CMS files open with an AMA copyright notice here; these rows are made up."
PTP_HEADER = [
    "Column 1",
    "Column 2",
    "*=in existence prior to 1996",
    "Effective Date",
    "Deletion Date *=no data",
    "Modifier 0=not allowed 1=allowed 9=not applicable",
    "PTP Edit Rationale",
]
# CMS's .txt spreads the PTP header over four physical lines.
PTP_SPLIT_HEADER = [
    ["Column 1", "Column 2", "*=in existence", "Effective", "Deletion", "Modifier", "PTP Edit "],
    ["", "", "prior to 1996", "Date", "Date", "0=not allowed", ""],
    ["", "", "", "", "*=no data", "1=allowed", ""],
    ["", "", "", "", "", "9=not applicable", ""],
]
PTP_ROWS = [
    ["J1100", "G0008", "", "20240101", "20240630", "1", "FIXTURE: Misuse of column two code"],
    ["J1100", "J1110", "*", "19960101", "*", "0", "FIXTURE: Mutually exclusive procedures"],
    ["J1100", "ZZ001", "", "20230101", "*", "9", "FIXTURE: Misuse of column two code"],
    ["ZZ002", "ZZ003", "", "20200101", "20221231", "1", "FIXTURE: Standards of practice"],
    ["ZZ002", "ZZ003", "", "20230101", "*", "0", "FIXTURE: Standards of practice"],
]
MUE_HEADER = [
    "HCPCS/\nCPT Code",
    "Practitioner Services MUE Values",
    "MUE Adjudication Indicator",
    "MUE Rationale",
]
MUE_ROWS = [
    ["J1100", "10", "3 Date of Service Edit: Clinical", "FIXTURE: Prescribing information"],
    ["G0008", "1", "2 Date of Service Edit: Policy", "FIXTURE: Code descriptor"],
    ["E0100", "2", "1 Line Edit", "FIXTURE: Anatomic consideration"],
]
# CMS's current AOC spreadsheet layout: Julian (YYYYDDD) dates, CCCCC for Type 2.
AOC_HEADER = [
    "AOC_Edit_Type",
    "Add-On_Code",
    "AOC_DelDT",
    "Primary_Code",
    "Primary_Code_DelDT",
    "AOC_Edit_EffDT",
    "AOC_Edit_DelDT",
    "Special_Instruction_Notes",
]
AOC_ROWS = [
    ["1", "ZZ101", "", "ZZ201", "", "2024001", "", ""],
    ["1", "ZZ101", "", "ZZ202", "2024182", "2024001", "", ""],  # primary deleted 2024-06-30
    ["1", "ZZ101", "", "ZZ203", "", "2024183", "", ""],  # edit from 2024-07-01
    ["2", "ZZ102", "", "CCCCC", "", "2024001", "", "FIXTURE: Contractor defined primaries"],
    ["3", "ZZ103", "2024366", "ZZ201", "", "2024001", "", ""],  # add-on deleted 2024-12-31
    ["3", "ZZ103", "2024366", "ZZ204", "", "2024001", "2024091", "FIXTURE: note"],
]


def write(path: Path, rows: list[list[str]], preamble: bool = True) -> Path:
    """A table in CMS's form for its suffix: .txt tab-separated, .csv comma-separated;
    latin-1, CRLF, a notice and blank lines before the header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="latin-1", newline="") as out:
        if path.suffix == ".csv":
            writer = csv.writer(out, lineterminator="\r\n")
            if preamble:
                writer.writerow([NOTICE + "\nsecond line of the notice", "", "", ""])
                out.write("\r\n")
            writer.writerows(rows)
        else:
            if preamble:
                out.write(f"{NOTICE}\r\n\r\n\r\n")
            out.writelines("\t".join(cells).replace("\n", " ") + "\r\n" for cells in rows)
    return path


def ptp_file(folder: Path, name: str, rows: list[list[str]] = PTP_ROWS) -> Path:
    header = PTP_SPLIT_HEADER if name.endswith(".txt") else [PTP_HEADER]
    return write(folder / name, [*header, *rows])


def mue_file(folder: Path, name: str, rows: list[list[str]] = MUE_ROWS, header=MUE_HEADER):
    return write(folder / name, [header, *rows])


def aoc_file(folder: Path, name: str, rows: list[list[str]] = AOC_ROWS, header=AOC_HEADER):
    return write(folder / name, [header, *rows])


def ptp_tables(*files: tuple[Path, str]) -> PtpTables:
    tables = PtpTables()
    for path, setting in files:
        tables.add(path, setting)
    return tables


def pairs(edits: list[PtpEdit]) -> list[tuple[str, str]]:
    return [(edit.column1, edit.column2) for edit in edits]


ALL = ["J1100", "G0008", "J1110", "ZZ001", "ZZ002", "ZZ003"]


# --- PTP -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ptp.txt", "ptp.csv"])
def test_ptp_header_is_found_after_the_preamble(tmp_path: Path, name: str) -> None:
    rows = list(read_ptp(ptp_file(tmp_path, name), "practitioner"))
    assert [(row.column1, row.column2) for row in rows] == [(r[0], r[1]) for r in PTP_ROWS]
    first = rows[0]
    assert first.setting == "practitioner"
    assert first.effective == date(2024, 1, 1)
    assert first.deletion == date(2024, 6, 30)
    assert first.rationale == "FIXTURE: Misuse of column two code"
    # Physical lines: .txt has 3 preamble lines and a 4-line header, .csv a 2-line quoted
    # notice, a blank line and a 1-line header.
    assert first.line == (8 if name.endswith(".txt") else 5)


def test_ptp_star_deletion_and_pre_1996(tmp_path: Path) -> None:
    rows = list(read_ptp(ptp_file(tmp_path, "ptp.txt"), "practitioner"))
    assert rows[1].deletion is None
    assert rows[1].pre_1996 is True
    assert rows[0].pre_1996 is False


def test_ptp_modifier_indicators(tmp_path: Path) -> None:
    rows = list(read_ptp(ptp_file(tmp_path, "ptp.txt"), "practitioner"))
    assert [row.modifier_indicator for row in rows] == [1, 0, 9, 1, 0]


@pytest.mark.parametrize(
    ("on", "found"),
    [
        (date(2023, 12, 31), False),  # the day before the effective date
        (date(2024, 1, 1), True),  # the effective date
        (date(2024, 6, 30), True),  # the deletion date: its last day
        (date(2024, 7, 1), False),  # the day after
    ],
)
def test_ptp_effective_and_deletion_boundaries(tmp_path: Path, on: date, found: bool) -> None:
    tables = ptp_tables((ptp_file(tmp_path, "ptp.txt"), "practitioner"))
    assert (("J1100", "G0008") in pairs(tables.edits("practitioner", ALL, on))) is found


def test_ptp_edit_fields_and_source(tmp_path: Path) -> None:
    tables = ptp_tables((ptp_file(tmp_path, "ccipra-v313r0-f1.txt"), "practitioner"))
    (edit,) = tables.edits("practitioner", ["J1100", "G0008"], date(2024, 3, 1))
    assert edit == PtpEdit(
        "J1100",
        "G0008",
        date(2024, 1, 1),
        date(2024, 6, 30),
        1,
        "FIXTURE: Misuse of column two code",
        "ccipra-v313r0-f1.txt:8",
    )


def test_ptp_edits_need_both_codes(tmp_path: Path) -> None:
    tables = ptp_tables((ptp_file(tmp_path, "ptp.txt"), "practitioner"))
    on = date(2024, 3, 1)
    assert tables.edits("practitioner", ["J1100"], on) == []
    assert tables.edits("practitioner", ["G0008", "J1110"], on) == []
    assert pairs(tables.edits("practitioner", ["J1110", "J1100", "E0100"], on)) == [
        ("J1100", "J1110")
    ]
    assert tables.edits("practitioner", ["XX999", "J1100"], on) == []


def test_ptp_history_rows_for_one_pair_each_apply_on_their_dates(tmp_path: Path) -> None:
    tables = ptp_tables((ptp_file(tmp_path, "ptp.txt"), "practitioner"))
    codes = ["ZZ002", "ZZ003"]
    (old,) = tables.edits("practitioner", codes, date(2022, 12, 31))
    (new,) = tables.edits("practitioner", codes, date(2023, 1, 1))
    assert (old.modifier_indicator, new.modifier_indicator) == (1, 0)


def test_ptp_settings_are_kept_apart(tmp_path: Path) -> None:
    hospital_rows = [["E0100", "E0105", "", "20200101", "*", "1", "FIXTURE: hospital only"]]
    tables = ptp_tables(
        (ptp_file(tmp_path, "ccipra.txt"), "practitioner"),
        (ptp_file(tmp_path, "ccioph.txt", hospital_rows), "outpatient_hospital"),
    )
    codes, on = [*ALL, "E0100", "E0105"], date(2024, 3, 1)
    assert ("E0100", "E0105") not in pairs(tables.edits("practitioner", codes, on))
    assert pairs(tables.edits("outpatient_hospital", codes, on)) == [("E0100", "E0105")]
    assert tables.edits("dme", codes, on) == []
    assert tables.settings == ["outpatient_hospital", "practitioner"]
    with pytest.raises(ValueError, match="unknown NCCI setting"):
        tables.edits("hospital", codes, on)


def test_ptp_identical_rows_from_two_quarters_count_once(tmp_path: Path) -> None:
    first = ptp_file(tmp_path / "2024q1", "ptp.txt")
    second = ptp_file(tmp_path / "2024q2", "ptp.csv")
    tables = ptp_tables((first, "practitioner"), (second, "practitioner"))
    assert tables.rows == len(tables) == len(PTP_ROWS)
    assert tables.sources == [first, second]
    (edit,) = tables.edits("practitioner", ["J1100", "G0008"], date(2024, 3, 1))
    assert edit.source == "ptp.txt:8"  # the first file loaded


@pytest.mark.parametrize("later_rows", [[], [["ZZ099", "ZZ098", "", "20200101", "*", "1", "r"]]])
def test_ptp_a_later_deletion_replaces_the_undeleted_row(tmp_path: Path, later_rows) -> None:
    # With a row after it in the first file, the two files together are out of order and
    # take the full sort; without, the rows for the pair just sit together.
    active = [["ZZ010", "ZZ011", "", "20200101", "*", "1", "FIXTURE: r"], *later_rows]
    deleted = [["ZZ010", "ZZ011", "", "20200101", "20240331", "9", "FIXTURE: r"]]
    tables = ptp_tables(
        (ptp_file(tmp_path / "q1", "ptp.txt", active), "practitioner"),
        (ptp_file(tmp_path / "q2", "ptp.txt", deleted), "practitioner"),
    )
    codes = ["ZZ010", "ZZ011"]
    assert len(tables) == 1 + len(later_rows)
    (edit,) = tables.edits("practitioner", codes, date(2024, 3, 31))
    assert (edit.modifier_indicator, edit.source) == (9, "ptp.txt:8")
    assert tables.edits("practitioner", codes, date(2024, 4, 1)) == []


def test_ptp_file_with_no_rows(tmp_path: Path) -> None:
    tables = ptp_tables((ptp_file(tmp_path, "ptp.csv", []), "practitioner"))
    assert len(tables) == 0
    assert tables.edits("practitioner", ALL, date(2024, 3, 1)) == []


def test_a_csv_saved_as_utf_8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "ptp.csv"
    rows = [PTP_HEADER, ["ZZ020", "ZZ021", "", "20200101", "*", "1", "FIXTURE: caf\u00e9"]]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    (row,) = read_ptp(path, "practitioner")
    assert (row.column1, row.rationale, row.line) == ("ZZ020", "FIXTURE: caf\u00e9", 2)


def test_ptp_rows_in_any_order_and_repeated_rows(tmp_path: Path) -> None:
    shuffled = [PTP_ROWS[4], PTP_ROWS[0], PTP_ROWS[3], PTP_ROWS[0], PTP_ROWS[2], PTP_ROWS[1]]
    ordered = ptp_tables((ptp_file(tmp_path, "ordered.txt"), "practitioner"))
    tables = ptp_tables((ptp_file(tmp_path, "shuffled.txt", shuffled), "practitioner"))
    repeated = ptp_tables(
        (ptp_file(tmp_path, "repeated.txt", [*PTP_ROWS[:2], *PTP_ROWS[1:]]), "practitioner")
    )
    assert len(tables) == len(repeated) == len(PTP_ROWS)
    for on in (date(2022, 6, 1), date(2024, 3, 1), date(2025, 1, 1)):
        expected = [edit.column2 for edit in ordered.edits("practitioner", ALL, on)]
        assert [edit.column2 for edit in tables.edits("practitioner", ALL, on)] == expected
        assert [edit.column2 for edit in repeated.edits("practitioner", ALL, on)] == expected


def test_ptp_queries_after_more_files_are_added(tmp_path: Path) -> None:
    tables = ptp_tables((ptp_file(tmp_path, "part1.txt", PTP_ROWS[:2]), "practitioner"))
    on = date(2024, 3, 1)
    assert len(tables.edits("practitioner", ALL, on)) == 2
    tables.add(ptp_file(tmp_path, "part2.txt", PTP_ROWS[2:]), "practitioner")
    assert pairs(tables.edits("practitioner", ALL, on)) == [
        ("J1100", "G0008"),
        ("J1100", "J1110"),
        ("J1100", "ZZ001"),
        ("ZZ002", "ZZ003"),
    ]


# --- MUE -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mue.txt", "mue.csv"])
def test_mue_header_setting_and_mai(tmp_path: Path, name: str) -> None:
    setting, rows = read_mue(mue_file(tmp_path, name))
    assert setting == "practitioner"
    assert [(row.code, row.value, row.mai) for row in rows] == [
        ("J1100", 10, 3),
        ("G0008", 1, 2),
        ("E0100", 2, 1),
    ]
    assert rows[0].mai_text == "3 Date of Service Edit: Clinical"
    assert rows[2].mai_text == "1 Line Edit"
    assert rows[0].rationale == "FIXTURE: Prescribing information"


@pytest.mark.parametrize(
    ("column", "setting"),
    [
        ("Outpatient Hospital Services MUE Values", "outpatient_hospital"),
        ("DME Supplier Services MUE Values", "dme"),
    ],
)
def test_mue_setting_comes_from_the_value_column(tmp_path: Path, column: str, setting: str):
    header = [MUE_HEADER[0], column, *MUE_HEADER[2:]]
    assert read_mue(mue_file(tmp_path, "mue.csv", header=header))[0] == setting


def test_mue_unknown_setting_is_an_error(tmp_path: Path) -> None:
    header = [MUE_HEADER[0], "Ambulance Services MUE Values", *MUE_HEADER[2:]]
    with pytest.raises(DataFileError, match="unknown setting"):
        read_mue(mue_file(tmp_path, "mue.csv", header=header))


def test_mue_later_quarter_replaces_the_earlier_from_its_start(tmp_path: Path) -> None:
    later_rows = [["J1100", "8", "3 Date of Service Edit: Clinical", "FIXTURE: lowered"]]
    tables = MueTables()
    tables.add(mue_file(tmp_path / "q3", "mue.csv"), date(2024, 7, 1))
    tables.add(mue_file(tmp_path / "q4", "mue.csv", later_rows), date(2024, 10, 1))
    assert tables.limit("practitioner", "J1100", date(2024, 6, 30)) is None  # before any
    july = tables.limit("practitioner", "J1100", date(2024, 9, 30))
    # Line 6: a 2-line notice, a blank line, the 2-line `HCPCS/\nCPT Code` header.
    text, reason = "3 Date of Service Edit: Clinical", "FIXTURE: Prescribing information"
    assert july == Mue("J1100", 10, 3, text, reason, "mue.csv:6")
    october = tables.limit("practitioner", "J1100", date(2024, 10, 1))
    assert (october.value, october.rationale) == (8, "FIXTURE: lowered")
    assert tables.limit("practitioner", "G0008", date(2024, 9, 30)).value == 1
    assert tables.limit("practitioner", "G0008", date(2024, 10, 1)) is None  # not in Q4
    assert tables.limit("outpatient_hospital", "J1100", date(2024, 9, 30)) is None
    assert tables.rows == len(tables) == 4
    assert tables.effective_dates("practitioner") == [date(2024, 7, 1), date(2024, 10, 1)]


def test_mue_files_from_the_same_date_combine(tmp_path: Path) -> None:
    tables = MueTables()
    tables.add(mue_file(tmp_path / "a", "mue.txt"), date(2024, 7, 1))
    tables.add(mue_file(tmp_path / "b", "mue.csv"), date(2024, 7, 1))
    assert len(tables) == len(MUE_ROWS)
    conflicting = [["J1100", "99", "3 Date of Service Edit: Clinical", "FIXTURE: other"]]
    with pytest.raises(DataFileError, match="applies from the same date"):
        tables.add(mue_file(tmp_path / "c", "mue.csv", conflicting), date(2024, 7, 1))
    assert len(tables) == len(MUE_ROWS)


# --- AOC -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["aoc.txt", "aoc.csv"])
def test_aoc_header_and_julian_dates(tmp_path: Path, name: str) -> None:
    rows = list(read_aoc(aoc_file(tmp_path, name)))
    assert len(rows) == len(AOC_ROWS)
    assert rows[1].primary_deletion == date(2024, 6, 30)
    assert rows[2].edit_effective == date(2024, 7, 1)
    assert rows[3].primary is None  # CCCCC
    assert rows[4].addon_deletion == date(2024, 12, 31)


def test_aoc_type_1_primaries_follow_their_dates(tmp_path: Path) -> None:
    tables = AocTables()
    tables.add(aoc_file(tmp_path, "aoc.csv"))
    assert tables.edit("ZZ101", date(2023, 12, 31)) is None  # no edit in effect yet
    june = tables.edit("ZZ101", date(2024, 6, 30))
    assert june == AocEdit("ZZ101", 1, frozenset({"ZZ201", "ZZ202"}), "", "aoc.csv:5")
    july = tables.edit("ZZ101", date(2024, 7, 1))
    assert july.primaries == {"ZZ201", "ZZ203"}
    assert july.source == "aoc.csv:7"  # the row taking effect last
    assert tables.edit("J1100", date(2024, 7, 1)) is None  # not an add-on code


def test_aoc_type_2_lists_no_primary(tmp_path: Path) -> None:
    blank = ["2", "ZZ105", "", "", "", "2024001", "", ""]
    tables = AocTables()
    tables.add(aoc_file(tmp_path, "aoc.txt", [*AOC_ROWS, blank]))
    edit = tables.edit("ZZ102", date(2024, 3, 1))
    assert (edit.edit_type, edit.primaries) == (2, frozenset())
    assert edit.notes == "FIXTURE: Contractor defined primaries"
    assert tables.edit("ZZ105", date(2024, 3, 1)).primaries == frozenset()


def test_aoc_type_3_and_add_on_deletion(tmp_path: Path) -> None:
    tables = AocTables()
    tables.add(aoc_file(tmp_path, "aoc.txt"))
    march = tables.edit("ZZ103", date(2024, 3, 31))
    assert (march.edit_type, march.primaries, march.notes) == (
        3,
        {"ZZ201", "ZZ204"},
        "FIXTURE: note",
    )
    assert tables.edit("ZZ103", date(2024, 4, 1)).primaries == {"ZZ201"}  # edit deleted
    assert tables.edit("ZZ103", date(2024, 12, 31)) is not None
    assert tables.edit("ZZ103", date(2025, 1, 1)) is None  # add-on code deleted


def test_aoc_spelled_out_header_with_yyyymmdd_dates(tmp_path: Path) -> None:
    header = [
        "Add-on Code",
        "Add-On Code Effective Date",
        "Add-On Code Deletion Date",
        "Primary Code",
        "Primary Code Effective Date",
        "Primary Code Deletion Date",
        "AOC Edit Type",
        "AOC Edit Effective Date",
        "AOC Edit Deletion Date",
        "Special Instruction Notes",
    ]
    rows = [
        ["ZZ301", "20240101", "", "ZZ401", "20240401", "", "1", "20240101", "", ""],
        ["ZZ301", "20240101", "", "ZZ402", "20200101", "*", "1", "20240101", "*", ""],
    ]
    tables = AocTables()
    tables.add(aoc_file(tmp_path, "aoc.csv", rows, header))
    assert tables.edit("ZZ301", date(2023, 12, 31)) is None  # add-on code not yet effective
    assert tables.edit("ZZ301", date(2024, 3, 31)).primaries == {"ZZ402"}
    assert tables.edit("ZZ301", date(2024, 4, 1)).primaries == {"ZZ401", "ZZ402"}


def test_aoc_quarters_dedupe_and_later_deletions_win(tmp_path: Path) -> None:
    later = [*AOC_ROWS[:3], ["1", "ZZ101", "", "ZZ201", "2024274", "2024001", "", ""]]
    tables = AocTables()
    tables.add(aoc_file(tmp_path / "q1", "aoc.txt"))
    tables.add(aoc_file(tmp_path / "q2", "aoc.txt", later))
    assert len(tables) == len(AOC_ROWS)
    assert tables.edit("ZZ101", date(2024, 9, 30)).primaries == {"ZZ201", "ZZ203"}
    assert tables.edit("ZZ101", date(2024, 10, 1)).primaries == {"ZZ203"}


# --- the same rows as .txt and .csv ------------------------------------------------------


def test_txt_and_csv_give_equal_answers(tmp_path: Path) -> None:
    def answers(suffix: str) -> list:
        folder = tmp_path / suffix
        ptp = ptp_tables((ptp_file(folder, "ptp" + suffix), "practitioner"))
        mue, aoc = MueTables(), AocTables()
        mue.add(mue_file(folder, "mue" + suffix), date(2024, 1, 1))
        aoc.add(aoc_file(folder, "aoc" + suffix))
        found = []
        for on in (date(2022, 6, 1), date(2024, 3, 1), date(2024, 7, 1), date(2025, 1, 1)):
            found += ptp.edits("practitioner", ALL, on)
            found += [mue.limit("practitioner", row[0], on) for row in MUE_ROWS]
            found += [aoc.edit(row[1], on) for row in AOC_ROWS]
        return [_without_source(item) for item in found]

    assert answers(".txt") == answers(".csv")


def _without_source(item: PtpEdit | Mue | AocEdit | None) -> object:
    return None if item is None else replace(item, source="")


# --- malformed files ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["J1100", "G0008", "", "20240101", "*", "1"], "6 columns"),
        (["J1100", "G0008", "", "2024-01-01", "*", "1", "r"], "effective date"),
        (["J1100", "G0008", "", "20240101", "20241332", "1", "r"], "deletion date"),
        (["J1100", "G0008", "", "20240101", "*", "2", "r"], "modifier indicator"),
        (["", "G0008", "", "20240101", "*", "1", "r"], "empty column 1 code"),
        (["J1100", "", "", "20240101", "*", "1", "r"], "empty column 2 code"),
        (["J1100", "G0008", "x", "20240101", "*", "1", "r"], "column 3"),
    ],
)
def test_malformed_ptp_rows_name_file_and_line(
    tmp_path: Path, suffix: str, row: list[str], problem: str
) -> None:
    path = ptp_file(tmp_path, "ptp" + suffix, [PTP_ROWS[0], row])
    with pytest.raises(DataFileError, match=problem) as raised:
        PtpTables().add(path, "practitioner")
    assert raised.value.path == path
    assert raised.value.where == ("line 9" if suffix == ".txt" else "line 6")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["J1100", "ten", "1 Line Edit", "r"], "MUE value"),
        (["J1100", "1", "Line Edit", "r"], "adjudication indicator"),
        (["J1100", "1", "4 Other", "r"], "adjudication indicator"),
        (["", "1", "1 Line Edit", "r"], "empty code"),
        (["J1100", "1", "1 Line Edit"], "3 columns"),
    ],
)
def test_malformed_mue_rows_name_file_and_line(tmp_path: Path, row: list[str], problem: str):
    path = mue_file(tmp_path, "mue.txt", [MUE_ROWS[0], row])
    with pytest.raises(DataFileError, match=problem) as raised:
        MueTables().add(path, date(2024, 1, 1))
    assert (raised.value.path, raised.value.where) == (path, "line 6")


def test_mue_code_twice_in_one_file(tmp_path: Path) -> None:
    path = mue_file(tmp_path, "mue.txt", [MUE_ROWS[0], MUE_ROWS[0]])
    with pytest.raises(DataFileError, match="appears twice") as raised:
        MueTables().add(path, date(2024, 1, 1))
    assert raised.value.where == "line 6"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["4", "ZZ101", "", "ZZ201", "", "2024001", "", ""], "edit type"),
        (["1", "ZZ101", "", "ZZ201", "", "2024400", "", ""], "edit effective date"),
        (["1", "ZZ101", "", "ZZ201", "", "", "", ""], "edit effective date"),
        (["1", "ZZ101", "", "ZZ201", "20240", "2024001", "", ""], "primary deletion date"),
        (["1", "", "", "ZZ201", "", "2024001", "", ""], "empty add-on code"),
        (["1", "ZZ101", "", "", "", "2024001", "", ""], "empty primary code"),
    ],
)
def test_malformed_aoc_rows_name_file_and_line(tmp_path: Path, row: list[str], problem: str):
    path = aoc_file(tmp_path, "aoc.txt", [AOC_ROWS[0], row])
    with pytest.raises(DataFileError, match=problem) as raised:
        AocTables().add(path)
    assert (raised.value.path, raised.value.where) == (path, "line 6")


@pytest.mark.parametrize(
    ("read", "contents"),
    [
        (lambda path: list(read_ptp(path, "practitioner")), "Column1\tColumn3\r\nJ1100\tG0008\r\n"),
        (read_mue, "Code,Value\r\nJ1100,1\r\n"),
        (lambda path: list(read_aoc(path)), "Add-On Code\r\nZZ101\r\n"),
    ],
)
def test_a_file_without_its_header_is_an_error(tmp_path: Path, read, contents: str) -> None:
    path = tmp_path / "table.txt"
    path.write_text(contents, encoding="latin-1")
    with pytest.raises(DataFileError, match="no header row") as raised:
        read(path)
    assert raised.value.path == path


def test_unreadable_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        PtpTables().add(tmp_path / "missing.txt", "practitioner")
    other = write(tmp_path / "ptp.xlsx", [PTP_HEADER])
    with pytest.raises(DataFileError, match=r"\.txt .* or \.csv"):
        PtpTables().add(other, "practitioner")
    with pytest.raises(ValueError, match="unknown NCCI setting"):
        PtpTables().add(ptp_file(tmp_path, "ptp.txt"), "physician")


def test_latin_1_rationale_text(tmp_path: Path) -> None:
    rows = [["ZZ020", "ZZ021", "", "20200101", "*", "1", "FIXTURE: caf\u00e9 r\u00e9sum\u00e9"]]
    (row,) = read_ptp(ptp_file(tmp_path, "ptp.txt", rows), "practitioner")
    assert row.rationale == "FIXTURE: caf\u00e9 r\u00e9sum\u00e9"
