"""NCCI PTP behaviour pinned after mutation testing found it unguarded.

Each test says what a user sees: a claim checked by the Engine over PTP tables loaded from
files in CMS's layout, or a table loaded from files and then queried. Every edit here is made
up: claims use public HCPCS Level II codes (G0008, J1100, ...); padding and generated tables use
codes no code set has (`0` and four letters, `Z` and four digits); every rationale starts
`FIXTURE:`. No row comes from a CMS file.

Tables are practitioner tables (`ccipra...`). Where the same edit appears in two quarters, each
edit keeps its pair, effective date, indicator and rationale, and a later row may only add a
deletion date: what the tables document. (What happens when a later quarter changes an edit's
indicator or deletion date is not pinned here.)
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import islice, product
from pathlib import Path
from string import ascii_uppercase

import pytest

from engine import Config, DataFileError, Engine
from engine.domain.claims import Claim, ClaimLine
from plugins.ncci.tables import PtpEdit, PtpTables, read_ptp
from tests.test_ncci_tables import PTP_HEADER as HEADER
from tests.test_ncci_tables import PTP_SPLIT_HEADER as SPLIT_HEADER

DENIED = "NCCI.PTP_COLUMN_TWO_DENIED"
DAY = "2025-10-15"
NOTICE = "FIXTURE: CMS files open with an AMA copyright notice here; every edit below is made up."


def edit(c1, c2, indicator="0", start="20240101", end="*", text="FIXTURE: made-up edit", old=""):
    """One PTP row: column 1, column 2, pre-1996 `*`, effective, deletion, modifier, rationale."""
    return [c1, c2, old, start, end, indicator, text]


def write_ptp(path: Path, rows, preamble=(NOTICE, ""), header=(HEADER,)) -> Path:
    """A PTP table as CMS writes its .txt: latin-1, tab-separated, CRLF, notice first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [*preamble, *("\t".join(cells) for cells in [*header, *rows])]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("latin-1"))
    return path


def engine_on(folder: Path, quarters: dict) -> Engine:
    """An Engine on one quarter folder per key (its start date); each value is a PTP table's
    rows, or {file name: rows} for a table in parts."""
    folders = []
    for start, files in quarters.items():
        if not isinstance(files, dict):
            files = {f"ccipra-{start}-PINNED-f1.txt": files}
        for name, rows in files.items():
            write_ptp(folder / start / name, rows)
        folders.append(str(folder / start))
    return Engine.from_config(Config({"ncci": {"folders": folders}}))


def line(number: int, code: str, *modifiers: str, day: str = DAY) -> ClaimLine:
    return ClaimLine(number, code, modifiers, None, day)


def claim_issues(engine: Engine, *lines: ClaimLine) -> list[tuple[str, tuple[int, ...]]]:
    """Every claim-level issue, as (rule, lines): a rule that fails shows up here too."""
    result = engine.validate_claim(Claim(tuple(lines)))
    return [(issue.rule, issue.lines) for issue in result.issues]


def messages(engine: Engine, *lines: ClaimLine) -> list[str]:
    return [issue.message for issue in engine.validate_claim(Claim(tuple(lines))).issues]


# --- the PTP claim rule ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ncci(tmp_path_factory) -> Engine:
    rows = [
        edit("A0426", "A0427", "9", text="FIXTURE: deleted retroactively, not applicable"),
        edit("G0008", "J1100", "1", text="FIXTURE: modifier allowed"),
        edit("G0009", "J1100", "0", text="FIXTURE: no modifier allowed"),
        edit("J1100", "J1110", "1", text="FIXTURE: modifier allowed"),
    ]
    return engine_on(tmp_path_factory.mktemp("ncci"), {"2025-10-01": rows})


def test_an_indicator_9_edit_is_skipped_and_the_other_edits_on_the_claim_still_fire(ncci):
    # The indicator-9 pair sorts first, so the other edits come after it.
    lines = (
        line(1, "A0426"),
        line(2, "A0427"),
        line(3, "G0009"),
        line(4, "J1100"),
        line(5, "J1110"),
    )
    assert claim_issues(ncci, *lines) == [(DENIED, (4, 3)), (DENIED, (5, 4))]
    first, second = messages(ncci, *lines)
    assert "J1100 is not payable with G0009 (line 3)" in first
    assert "modifier indicator 0 (no modifier allowed)" in first
    assert "J1110 is not payable with J1100 (line 4)" in second
    assert "modifier indicator 1 (an NCCI-associated modifier allowed)" in second
    assert claim_issues(ncci, line(1, "A0426"), line(2, "A0427")) == []


def test_a_bypass_modifier_frees_only_the_column_2_line_that_carries_it(ncci):
    modifier_first = (line(1, "G0008"), line(2, "J1100", "59"), line(3, "J1100"))
    assert claim_issues(ncci, *modifier_first) == [(DENIED, (3, 1))]
    modifier_last = (line(1, "G0008"), line(2, "J1100"), line(3, "J1100", "XS"))
    assert claim_issues(ncci, *modifier_last) == [(DENIED, (2, 1))]


def test_a_modifier_on_the_column_1_line_bypasses_for_every_column_2_line(ncci):
    lines = (line(1, "G0008", "XU"), line(2, "J1100"), line(3, "J1100", "GA"))
    assert claim_issues(ncci, *lines) == []


@pytest.mark.parametrize(
    "modifier",
    ["E1", "E4", "FA", "F1", "F9", "TA", "T1", "T9", "LT", "RI", "24", "59", "91", "XE", "XU"],
)
def test_each_family_of_ncci_associated_modifiers_bypasses_an_indicator_1_edit(ncci, modifier):
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100", modifier)) == []


@pytest.mark.parametrize("modifier", ["F0", "T0", "F10", "T10", "GA", "76"])
def test_modifiers_next_to_the_ncci_associated_ones_do_not_bypass(ncci, modifier):
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100", modifier)) == [(DENIED, (2, 1))]


# --- tables loaded from files, then claims checked ------------------------------------------

HISTORY = [  # one pair's edit history: deleted at the end of 2022, then a new edit
    edit("G0008", "J1100", "0", "20200101", "20221231", "FIXTURE: first edit"),
    edit("G0008", "J1100", "1", "20230101", "*", "FIXTURE: second edit"),
]


def test_part_files_that_repeat_rows_at_their_boundaries_give_one_denial_per_edit(tmp_path):
    # CMS sorts each table by column 1 and column 2, so parts loaded in order stay in order;
    # here each part repeats the last pair of the one before it.
    parts = {
        "ccipra-PINNED-f1.txt": [edit("A0426", "A0427"), *HISTORY],
        "ccipra-PINNED-f2.txt": [*HISTORY, edit("J1100", "J1110")],
        "ccipra-PINNED-f3.txt": [edit("J1100", "J1110"), edit("J1110", "J0120")],
    }
    ncci = engine_on(tmp_path, {"2025-10-01": parts})
    for day in ("2022-12-31", DAY):  # one day of each edit of the history
        pair = (line(1, "G0008", day=day), line(2, "J1100", day=day))
        assert claim_issues(ncci, *pair) == [(DENIED, (2, 1))]
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100", "59")) == []
    assert claim_issues(ncci, line(1, "J1100"), line(2, "J1110")) == [(DENIED, (2, 1))]
    assert claim_issues(ncci, line(1, "J1110"), line(2, "J0120")) == [(DENIED, (2, 1))]
    assert claim_issues(ncci, line(1, "A0426"), line(2, "A0427")) == [(DENIED, (2, 1))]


@pytest.mark.parametrize("later", ["only the deleted edit", "the whole table"])
@pytest.mark.parametrize("old", ["", "*"], ids=["since-1996", "before-1996"])
@pytest.mark.parametrize("start", ["19960101", "19960102"])
def test_an_edit_deleted_in_a_later_quarter_stops_firing_after_its_deletion_date(
    tmp_path, later, old, start
):
    unchanged = edit("A0426", "A0427", "0", "19960101", text="FIXTURE: unchanged edit")
    active = edit("G0008", "J1100", "1", start, "*", "FIXTURE: deleted in October", old)
    deleted = edit("G0008", "J1100", "1", start, "20250930", "FIXTURE: deleted in October", old)
    october = [deleted] if later == "only the deleted edit" else [unchanged, deleted]
    ncci = engine_on(tmp_path, {"2025-07-01": [unchanged, active], "2025-10-01": october})

    last_day = (line(1, "G0008", day="2025-09-30"), line(2, "J1100", day="2025-09-30"))
    assert claim_issues(ncci, *last_day) == [(DENIED, (2, 1))]
    (message,) = messages(ncci, *last_day)
    assert "modifier indicator 1 (an NCCI-associated modifier allowed)" in message
    assert "ccipra-2025-10-01-PINNED-f1.txt:" in message  # the row with the deletion date
    bypassed = (line(1, "G0008", day="2025-09-30"), line(2, "J1100", "59", day="2025-09-30"))
    assert claim_issues(ncci, *bypassed) == []

    day_after = (line(1, "G0008", day="2025-10-01"), line(2, "J1100", day="2025-10-01"))
    assert claim_issues(ncci, *day_after) == []
    other = (line(1, "A0426", day="2025-10-01"), line(2, "A0427", day="2025-10-01"))
    assert claim_issues(ncci, *other) == [(DENIED, (2, 1))]


def test_a_later_quarter_giving_an_edit_a_far_future_deletion_date_counts_it_once(tmp_path):
    active = edit("G0008", "J1100", "0", "20240101", "*")
    far = edit("G0008", "J1100", "0", "20240101", "99991231")
    ncci = engine_on(tmp_path, {"2025-07-01": [active], "2025-10-01": [far]})
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100")) == [(DENIED, (2, 1))]


@pytest.mark.parametrize("later", ["only the deleted edit", "the whole table"])
def test_deleting_one_edit_of_a_pair_leaves_its_other_edits(tmp_path, later):
    # Three edits of one pair: an old one, and two starting a day apart (2024-01-01 and
    # 2024-01-02); the October quarter deletes the third.
    first = edit("G0008", "J1100", "0", "20200101", "20221231", "FIXTURE: first edit")
    second = edit("G0008", "J1100", "0", "20240101", "*", "FIXTURE: second edit")
    third = edit("G0008", "J1100", "1", "20240102", "*", "FIXTURE: third edit")
    third_deleted = edit("G0008", "J1100", "1", "20240102", "20250930", "FIXTURE: third edit")
    unchanged = edit("A0426", "A0427", "0", "19960101", text="FIXTURE: unchanged edit")
    october = [third_deleted]
    if later == "the whole table":
        october = [unchanged, first, second, third_deleted]
    july = [unchanged, first, second, third]
    ncci = engine_on(tmp_path, {"2025-07-01": july, "2025-10-01": october})

    def denied(day: str, *modifiers: str) -> list[str]:
        lines = (line(1, "G0008", day=day), line(2, "J1100", *modifiers, day=day))
        return [message.rsplit("rationale: ", 1)[1] for message in messages(ncci, *lines)]

    assert denied("2022-12-31") == ["FIXTURE: first edit"]
    assert denied("2023-06-01") == []
    assert denied("2024-01-01") == ["FIXTURE: second edit"]
    assert denied("2025-09-30") == ["FIXTURE: second edit", "FIXTURE: third edit"]
    assert denied("2025-09-30", "59") == ["FIXTURE: second edit"]  # the third allows it
    assert denied(DAY) == ["FIXTURE: second edit"]


def test_an_edit_deleted_and_added_again_fires_again(tmp_path):
    # As CMS does: the edit is deleted (here the day after it took effect) and a new edit for
    # the pair starts later (here two days after the first).
    rows = [
        edit("A0426", "A0427", "0", "19960101"),
        edit("G0008", "J1100", "0", "20231230", "20231230", "FIXTURE: deleted"),
        edit("G0008", "J1100", "0", "20240101", "*", "FIXTURE: added again"),
    ]
    ncci = engine_on(tmp_path, {"2025-10-01": rows})
    for day, denied in [("2023-12-30", 1), ("2023-12-31", 0), ("2024-01-01", 1), (DAY, 1)]:
        pair = (line(1, "G0008", day=day), line(2, "J1100", day=day))
        assert claim_issues(ncci, *pair) == [(DENIED, (2, 1))] * denied, day


def test_blank_and_whitespace_lines_around_the_header_and_between_edits(tmp_path):
    rows = [
        [],  # a blank line under the header
        [" "],  # a line holding only a space
        edit("G0008", "J1100"),
        [],
        [*edit("J1100", "J1110"), "", ""],  # two trailing tabs
        ["  ", "", "", "", "", "", "  "],
    ]
    path = write_ptp(tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt", rows, header=SPLIT_HEADER)
    ncci = Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100")) == [(DENIED, (2, 1))]
    assert claim_issues(ncci, line(1, "J1100"), line(2, "J1110")) == [(DENIED, (2, 1))]


@pytest.mark.parametrize(
    "legend",
    [
        [["Column 1"], ["Column 2"]],
        [["Column 1", "code paid"], ["Column 2", "code denied"]],
        [["Column 1", "the code paid"], ["Column 2", "the code denied"]],
        [["Code paid", "Column 1"], ["Code denied", "Column 2"]],
        [["Paid code", "Column 1"], ["Denied code", "Column 2"]],
    ],
    ids=["names-alone", "names-first-c", "names-first-t", "names-last-c", "names-last-p"],
)
def test_a_legend_naming_the_columns_before_the_header_is_not_the_header(tmp_path, legend):
    preamble = [NOTICE, *("\t".join(cells) for cells in legend), ""]
    path = tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt"
    write_ptp(path, [edit("G0008", "J1100")], preamble=preamble)
    ncci = Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100")) == [(DENIED, (2, 1))]


def test_a_header_naming_only_column_1_and_column_2_is_enough(tmp_path):
    path = tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt"
    write_ptp(path, [edit("G0008", "J1100")], header=[["Column 1", "Column 2"]])
    ncci = Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert claim_issues(ncci, line(1, "G0008"), line(2, "J1100")) == [(DENIED, (2, 1))]


def test_an_edit_row_with_both_codes_empty_fails_the_load_naming_its_line(tmp_path):
    rows = [edit("G0008", "J1100"), edit("", "", "0")]
    path = write_ptp(tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt", rows)
    with pytest.raises(DataFileError, match="empty column 1 code") as raised:
        Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert (raised.value.path, raised.value.where) == (path, "line 5")


@pytest.mark.parametrize("start", ["", "*"])
def test_an_edit_row_without_an_effective_date_fails_the_load_naming_its_line(tmp_path, start):
    rows = [edit("G0008", "J1100"), edit("G0009", "J1100", start=start)]
    path = write_ptp(tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt", rows)
    with pytest.raises(DataFileError, match="effective date") as raised:
        Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert (raised.value.path, raised.value.where) == (path, "line 5")


@pytest.mark.parametrize(
    ("first", "problem"),
    [
        (edit("", "J1100"), "empty column 1 code"),
        (edit("G0008", "", text=""), "empty column 2 code"),
    ],
)
def test_a_first_edit_row_missing_a_code_is_not_taken_for_the_header(tmp_path, first, problem):
    path = write_ptp(tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt", [first], header=SPLIT_HEADER)
    with pytest.raises(DataFileError, match=problem) as raised:
        Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert (raised.value.path, raised.value.where) == (path, "line 7")


@pytest.mark.parametrize("end", [" * ", "  "])
def test_a_deletion_cell_of_spaces_around_a_star_or_alone_means_no_deletion(tmp_path, end):
    ncci = engine_on(tmp_path, {"2025-10-01": [edit("G0008", "J1100", end=end)]})
    far = (line(1, "G0008", day="2099-12-31"), line(2, "J1100", day="2099-12-31"))
    assert claim_issues(ncci, *far) == [(DENIED, (2, 1))]


def made_up_codes(count: int) -> list[str]:
    """`0` and four letters, in sorted order: shaped like codes, in no code set (CPT codes are
    digits, or four digits and a letter; HCPCS Level II codes a letter and four digits)."""
    return ["0" + "".join(tail) for tail in islice(product(ascii_uppercase, repeat=4), count)]


def test_a_table_with_more_codes_than_cpt_and_hcpcs_together_loads(tmp_path):
    # Codes are numbered in 20 bits (2**20 of them at most). CPT and HCPCS Level II hold about
    # 20,000 codes together; this July table names 40,000 (20,000 made-up edits), its last edit
    # repeated in a second part and deleted in October. Sorted, as CMS publishes it.
    codes = iter(made_up_codes(40_000))
    padding = [
        edit(c1, c2, text=f"FIXTURE: padding {c1}") for c1, c2 in zip(codes, codes, strict=True)
    ]
    last = edit("J1100", "J1110", "0", "20240101", "*", "FIXTURE: deleted in October")
    deleted = edit("J1100", "J1110", "0", "20240101", "20250930", "FIXTURE: deleted in October")
    july = {"ccipra-PINNED-f1.txt": [*padding, last], "ccipra-PINNED-f2.txt": [last]}
    ncci = engine_on(tmp_path, {"2025-07-01": july, "2025-10-01": [deleted]})
    last_day = (line(1, "J1100", day="2025-09-30"), line(2, "J1110", day="2025-09-30"))
    assert claim_issues(ncci, *last_day) == [(DENIED, (2, 1))]
    assert claim_issues(ncci, line(1, "J1100"), line(2, "J1110")) == []


def test_rationale_texts_beyond_65536_fail_the_load_naming_the_line(tmp_path):
    # Rationale texts are numbered in 16 bits: 65,536 distinct texts load, one more is refused.
    rows = [edit("G0008", "J1100", text=f"FIXTURE: rationale {n}") for n in range(65_537)]
    path = write_ptp(tmp_path / "2025-10-01" / "ccipra-PINNED-f1.txt", rows)
    with pytest.raises(DataFileError, match="more than 65536 distinct rationale texts") as raised:
        Engine.from_config(Config({"ncci": {"folders": [str(path.parent)]}}))
    assert (raised.value.path, raised.value.where) == (path, f"line {4 + 65_536}")


# --- many small random tables against the documented rules ------------------------------------

MODEL_CODES = ("ZC300", "ZA100", "ZE500", "ZB200", "ZD400")
MANY_CODES = tuple(f"Z{number:04d}" for number in random.Random(40).sample(range(1, 10_000), 40))
MODEL_STARTS = (
    "19960101",
    "19960102",
    "20200101",
    "20231230",
    "20231231",
    "20240101",
    "20240102",
)
MODEL_ENDS = ("19960102", "20201231", "20231231", "20240101", "20240102", "20240630", "99991231")
MODEL_TEXTS = ("FIXTURE: rationale A", "FIXTURE: rationale B", "FIXTURE: rationale C")
PREAMBLE_LINES = 2  # NOTICE and a blank line; the header is line 3


def ymd(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def random_table(rng: random.Random, codes, most: int) -> list[list[list[str]]]:
    """Files of rows as quarters or parts would give them: each edit (pair and effective date)
    keeps its indicator, `*` and rationale; a later row may give it a deletion date. Some
    tables are one pair's history."""
    rows = []
    seen = set()
    one_pair = rng.sample(codes, 2) if rng.random() < 0.25 else None
    for _ in range(rng.randint(1, most)):
        c1, c2 = one_pair or rng.sample(codes, 2)
        start = rng.choice(MODEL_STARTS)
        if (c1, c2, start) in seen:
            continue
        seen.add((c1, c2, start))
        end = rng.choice([*(end for end in MODEL_ENDS if end >= start), "*", "*"])
        kept = [
            c1,
            c2,
            rng.choice(("", "*")),
            start,
            end,
            rng.choice("019"),
            rng.choice(MODEL_TEXTS),
        ]
        versions = (
            [kept] if end == "*" or rng.random() < 0.4 else [[*kept[:4], "*", *kept[5:]], kept]
        )
        for version in versions:
            rows += [version] * rng.choice((1, 1, 2, 3))
    by_pair = sorted(rows, key=lambda row: (row[0], row[1]))  # stable: versions keep order
    layout = rng.choice(("parts", "quarters", "shuffled"))
    if layout == "parts":  # one sorted table cut into consecutive parts
        cuts = sorted(rng.sample(range(len(by_pair) + 1), rng.randint(0, 2)))
        return [by_pair[a:b] for a, b in zip([0, *cuts], [*cuts, len(by_pair)], strict=True)]
    if layout == "quarters":  # each file sorted; together they are not
        files = [[] for _ in range(rng.randint(2, 3))]
        for row in by_pair:
            files[rng.randrange(len(files))].append(row)
        return files
    rng.shuffle(rows)
    return [rows]


def expected_edits(files, names, codes, on: date) -> list[PtpEdit]:
    """The documented rules: identical rows count once (the first loaded is cited), and a row
    without a deletion date gives way to the same edit (pair and effective date) with one."""
    first_seen: dict[tuple[str, ...], str] = {}
    for rows, name in zip(files, names, strict=True):
        for number, row in enumerate(rows, start=PREAMBLE_LINES + 2):
            first_seen.setdefault(tuple(row), f"{name}:{number}")
    deleted = {row[:2] + row[3:4] for row in first_seen if row[4] != "*"}
    found = []
    for row, source in first_seen.items():
        c1, c2, _, start, end, indicator, text = row
        if end == "*" and (c1, c2, start) in deleted:
            continue
        if c1 in codes and c2 in codes and ymd(start) <= on and (end == "*" or on <= ymd(end)):
            stop = None if end == "*" else ymd(end)
            found.append(PtpEdit(c1, c2, ymd(start), stop, int(indicator), text, source))
    return sorted(found, key=lambda found: (found.column1, found.column2, found.effective))


def test_random_small_tables_follow_the_documented_rules(tmp_path):
    rng = random.Random(20251001)
    days = sorted(
        {
            ymd(text) + timedelta(days=step)
            for text in MODEL_STARTS + MODEL_ENDS
            for step in (-1, 0, 1)
            if text != "99991231"
        }
    )
    for case in range(250):
        codes = MANY_CODES if case % 10 == 9 else MODEL_CODES
        files = random_table(rng, codes, 120 if codes is MANY_CODES else 7)
        names = [f"ccipra-f{number}.txt" for number in range(1, len(files) + 1)]
        paths = [
            write_ptp(tmp_path / str(case) / name, rows)
            for name, rows in zip(names, files, strict=True)
        ]
        tables = PtpTables()
        for number, path in enumerate(paths):
            tables.add(path, "practitioner")
            if number == 0 and len(paths) > 1 and rng.random() < 0.5:
                tables.edits("practitioner", codes, days[0])  # queried between loads
        some = set(rng.sample(codes, len(codes) * 3 // 5))
        for on in days:
            for asked in (set(codes), some):
                assert tables.edits("practitioner", asked, on) == expected_edits(
                    files, names, asked, on
                ), (case, files, on, asked)
        everything = {edit for on in days for edit in tables.edits("practitioner", codes, on)}
        assert len(tables) == len({(e.column1, e.column2, e.effective) for e in everything}), case
        read = [
            [
                r.column1,
                r.column2,
                "*" if r.pre_1996 else "",
                f"{r.effective:%Y%m%d}",
                f"{r.deletion:%Y%m%d}" if r.deletion else "*",
                str(r.modifier_indicator),
                r.rationale,
            ]
            for r in read_ptp(paths[0], "practitioner")
        ]
        assert read == files[0], case
