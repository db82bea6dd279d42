"""Tests for the published CPT section/subsection ranges (numbers and headings only)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from plugins.cpt.ranges import (
    ANESTHESIA,
    CATEGORY_II,
    CATEGORY_II_INTERVALS,
    CATEGORY_II_RANGES,
    CPT_INTERVALS,
    CPT_MODIFIERS,
    CPT_RANGES,
    EVALUATION_AND_MANAGEMENT,
    MEDICINE,
    PATHOLOGY_AND_LABORATORY,
    RADIOLOGY,
    SECTION_ORDER,
    SURGERY,
    CptRange,
    Interval,
    category_ii_section_of,
    section_of,
)


def _first_match(ranges: tuple[CptRange, ...], number: int) -> CptRange | None:
    """Reference answer: a plain scan where the first containing range wins."""
    return next((rng for rng in ranges if rng.contains(number)), None)


@pytest.mark.parametrize(
    ("code", "section", "subsection"),
    [
        ("99213", EVALUATION_AND_MANAGEMENT, "Office or Other Outpatient Services"),
        ("99100", ANESTHESIA, "Qualifying Circumstances for Anesthesia"),
        ("99140", ANESTHESIA, "Qualifying Circumstances for Anesthesia"),
        ("99152", MEDICINE, "Moderate (Conscious) Sedation"),
        ("99500", MEDICINE, "Home Health Procedures/Services"),
        ("00100", ANESTHESIA, "Head"),
        ("27447", SURGERY, "Musculoskeletal System"),
        ("71046", RADIOLOGY, "Diagnostic Radiology"),
        ("80053", PATHOLOGY_AND_LABORATORY, "Organ or Disease Oriented Panels"),
        ("90471", MEDICINE, "Immunization Administration for Vaccines/Toxoids"),
        # Nested ranges: the inner one, listed first, wins.
        ("90480", MEDICINE, "Immunization Administration for Vaccines/Toxoids"),
        ("90686", MEDICINE, "Vaccines, Toxoids"),
        ("97153", MEDICINE, "Adaptive Behavior Services"),
        ("97110", MEDICINE, "Physical Medicine and Rehabilitation"),
        (
            "81415",
            PATHOLOGY_AND_LABORATORY,
            "Genomic Sequencing Procedures and Other Molecular Multianalyte Assays",
        ),
        ("81479", PATHOLOGY_AND_LABORATORY, "Molecular Pathology"),
        # CPT 2025 telemedicine E/M codes sit numerically inside Medicine's span.
        ("98000", EVALUATION_AND_MANAGEMENT, "Telemedicine Services"),
        ("69990", SURGERY, "Operating Microscope"),
        ("99607", MEDICINE, "Medication Therapy Management Services"),
    ],
)
def test_known_codes(code: str, section: str, subsection: str) -> None:
    found = section_of(code)
    assert found is not None
    assert (found.section, found.subsection) == (section, subsection)
    assert found.contains(int(code))


@pytest.mark.parametrize(
    ("code", "section"),
    [
        ("99603", MEDICINE),  # inside 99500-99607 but between subsections
        ("99145", MEDICINE),  # between qualifying circumstances and sedation
        ("20000", SURGERY),  # before Musculoskeletal System's published start
        ("99240", EVALUATION_AND_MANAGEMENT),  # deleted, between subsections
        ("01000", ANESTHESIA),
    ],
)
def test_gap_inside_section_has_empty_subsection(code: str, section: str) -> None:
    found = section_of(code)
    assert found is not None
    assert found.section == section
    assert found.subsection == ""


@pytest.mark.parametrize(
    "code",
    ["00000", "00099", "02000", "10003", "69991", "70009", "80046", "90280",
     "99200", "99201", "99608", "99999"],
)  # fmt: skip
def test_code_in_no_published_range(code: str) -> None:
    assert section_of(code) is None


@pytest.mark.parametrize("code", ["", "9921", "992130", "9921A", "0001F", " 9921", "٩٩٢١٣"])
def test_not_five_ascii_digits(code: str) -> None:
    assert section_of(code) is None


def _check_intervals(intervals: tuple[Interval, ...]) -> None:
    """Sorted, non-overlapping, each piece inside the range it reports."""
    for low, high, rng in intervals:
        assert low <= high
        assert rng.low <= low and high <= rng.high
    for (_, prev_high, _), (next_low, _, _) in pairwise(intervals):
        assert prev_high < next_low


def _check_subsections_inside_spans(ranges: tuple[CptRange, ...]) -> None:
    spans = [rng for rng in ranges if rng.subsection == ""]
    for rng in ranges:
        assert rng.low <= rng.high, rng
        if rng.subsection:
            assert any(
                span.section == rng.section and span.low <= rng.low and rng.high <= span.high
                for span in spans
            ), rng


def test_category_i_structure() -> None:
    _check_intervals(CPT_INTERVALS)
    _check_subsections_inside_spans(CPT_RANGES)
    assert {rng.section for rng in CPT_RANGES} == set(SECTION_ORDER)
    # Sections appear in CPT_RANGES as contiguous blocks in the documented order.
    blocks = [
        rng.section
        for i, rng in enumerate(CPT_RANGES)
        if i == 0 or CPT_RANGES[i - 1].section != rng.section
    ]
    assert tuple(blocks) == SECTION_ORDER
    # Every published section span is fully claimed by that section or a higher one.
    for span in (rng for rng in CPT_RANGES if rng.subsection == ""):
        for number in (span.low, span.high):
            found = section_of(f"{number:05d}")
            assert found is not None
            assert SECTION_ORDER.index(found.section) <= SECTION_ORDER.index(span.section)


def test_bisect_agrees_with_first_match_at_every_boundary() -> None:
    numbers = {n for rng in CPT_RANGES for n in (rng.low - 1, rng.low, rng.high, rng.high + 1)}
    for number in sorted(n for n in numbers if 0 <= n <= 99999):
        assert section_of(f"{number:05d}") == _first_match(CPT_RANGES, number), number


def test_shared_99xxx_block_priority() -> None:
    # E/M, then Anesthesia's qualifying circumstances, then Medicine.
    assert section_of("99499").section == EVALUATION_AND_MANAGEMENT
    assert section_of("99099").section == MEDICINE
    assert section_of("99100").section == ANESTHESIA
    assert section_of("99141").section == MEDICINE


def test_category_ii() -> None:
    _check_intervals(CATEGORY_II_INTERVALS)
    _check_subsections_inside_spans(CATEGORY_II_RANGES)
    assert category_ii_section_of("0001F").subsection == "Composite Measures"
    assert category_ii_section_of("3044F").subsection == "Diagnostic/Screening Processes or Results"
    assert category_ii_section_of("9007F").subsection == "Non-Measure Code Listing"
    gap = category_ii_section_of("0100F")
    assert gap is not None
    assert (gap.section, gap.subsection) == (CATEGORY_II, "")
    for code in ("0000F", "9008F", "3044T", "3044f", "304F", "30440", "A044F"):
        assert category_ii_section_of(code) is None, code


def test_modifiers_are_two_digit_numbers() -> None:
    assert all(len(m) == 2 and m.isascii() and m.isdigit() for m in CPT_MODIFIERS)
    assert {"25", "26", "27", "59", "93", "95", "96", "97"} <= CPT_MODIFIERS
    assert "21" not in CPT_MODIFIERS


def test_headings_look_like_headings() -> None:
    """CPT descriptors often use ";" between a parent and its child; headings never do."""
    for rng in CPT_RANGES + CATEGORY_II_RANGES:
        assert ";" not in rng.subsection, rng
