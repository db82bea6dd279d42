"""Published CPT section and subsection code ranges, for structural validation only.

Why this module exists: CPT descriptors are licensed by the AMA and must never ship
with this project, not even one. The section and subsection *headings* of the CPT
code set and their *numeric ranges* are published openly (AMA's Category II page
and code-change documents, AAPC's public code-range index, payer and coding guides),
so the engine can tell which section a code belongs to without any descriptor text. This
module therefore holds numbers and headings only. Never add a per-code descriptor.

Category I codes are five digits. Each entry of ``CPT_RANGES`` is an inclusive
numeric span. Entries with an empty ``subsection`` are a section's own published
span; the engine uses them to answer for codes that sit inside a section but in a
gap between its subsections.

Resolution order (fixed, and relied upon by callers): **the first entry of
``CPT_RANGES`` that contains a code wins.** Sections are listed in this order:

1. Evaluation and Management (98000-98016 and 99202-99499),
2. Anesthesia (00100-01999 and 99100-99140),
3. Surgery, 4. Radiology, 5. Pathology and Laboratory,
6. Medicine (90281-99199 and 99500-99607).

So in the shared 9xxxx block, E/M beats Anesthesia's qualifying circumstances
(99100-99140), which beat Medicine. Within a section, subsections come before the
section's own span, and a subsection nested inside another (for example Adaptive
Behavior Services inside the Physical Medicine and Rehabilitation span) is listed
before the one it sits in. Overlaps are resolved once, at import, into sorted
non-overlapping intervals (``CPT_INTERVALS``) that ``section_of`` searches with
``bisect``.

Ranges are numeric spans as the headings publish them. CPT "resequences" some codes
(prints them under a heading whose range does not contain them); such a code
resolves by its number, not by where the printed book lists it.

Sources checked (public material only, through the project's search tool):

* Section spans: AMA/AAPC-published section ranges as repeated by e.g.
  geratools.com "CPT code section reference" (E/M 99202-99499, Anesthesia
  00100-01999 + 99100-99140, Surgery 10004-69990, Radiology 70010-79999,
  Pathology and Laboratory 80047-89398, Medicine 90281-99199 + 99500-99607).
* E/M telemedicine codes 98000-98016, new in CPT 2025 and placed in the E/M
  section: americanmedicalcoding.com "2025 CPT Codes for Telemedicine",
  experityhealth.com "What's new in telemedicine for 2025", bristolhcs.com.
* E/M 2023 restructuring (99221-99239, 99242-99255, 99281-99285, 99304-99316,
  99341-99350; 99217-99220, 99241, 99251, 99318, 99324-99340, 99343, 99354-99357
  deleted): AMA "CPT Evaluation and Management (E/M) Code and Guideline Changes,
  effective January 1, 2023" (as mirrored on scribd.com).
* Anesthesia, Surgery, Radiology, Medicine and Pathology subsection bounds: AAPC's
  public code-range index (aapc.com/codes/cpt-codes-range/...), as transcribed in
  public repositories, cross-checked against the CPT 2023 Pathology and Laboratory
  heading listing (scribd.com "2023 CPT Book") and radiology/surgery guides
  (clearcpc.com, medicalcodemode.com).
* COVID-19 vaccine product codes 91300-91322 sit under Vaccines, Toxoids and 90480
  under Immunization Administration: AMA notice of Aug. 2023 (as mirrored) and
  AMA "Category I New SARS-CoV-2 Codes" document (91300-91306 precede 90476).
* Category II sections: AMA "Category II codes" page (ama-assn.org, older bounds)
  and the current bounds listed by chesshealthsolutions.com (2023); overall span
  0001F-9007F from the CPT 2020 Category II guidelines heading.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CptRange:
    """One published inclusive code range; ``subsection`` is "" for a section span."""

    low: int
    high: int
    section: str
    subsection: str

    def contains(self, number: int) -> bool:
        """True when ``number`` lies in this inclusive range."""
        return self.low <= number <= self.high


EVALUATION_AND_MANAGEMENT = "Evaluation and Management"
ANESTHESIA = "Anesthesia"
SURGERY = "Surgery"
RADIOLOGY = "Radiology"
PATHOLOGY_AND_LABORATORY = "Pathology and Laboratory"
MEDICINE = "Medicine"
CATEGORY_II = "Category II"

# The fixed resolution order of the sections (see module docstring).
SECTION_ORDER: tuple[str, ...] = (
    EVALUATION_AND_MANAGEMENT,
    ANESTHESIA,
    SURGERY,
    RADIOLOGY,
    PATHOLOGY_AND_LABORATORY,
    MEDICINE,
)

_EM = EVALUATION_AND_MANAGEMENT
_AN = ANESTHESIA
_SU = SURGERY
_RA = RADIOLOGY
_PA = PATHOLOGY_AND_LABORATORY
_ME = MEDICINE

# Long published headings, kept whole.
_INJECTIONS = (
    "Hydration, Therapeutic, Prophylactic, Diagnostic Injections and Infusions, and "
    "Chemotherapy and Other Highly Complex Drug or Highly Complex Biologic Agent "
    "Administration"
)
_NEONATAL = (
    "Inpatient Neonatal Intensive Care Services and Pediatric and Neonatal Critical Care Services"
)
_NON_F2F = "Non-Face-to-Face Services"
_CARE_MGMT = "Care Management Services"
_PREVENTIVE = "Preventive Medicine Services"
_PROLONGED = "Prolonged Services"
_SPECIAL_EM = "Special Evaluation and Management Services"

# Earlier entries win (see module docstring). Numbers and headings only.
CPT_RANGES: tuple[CptRange, ...] = (
    # 1. Evaluation and Management. Its subsections are listed disjointly, so their
    # order among themselves does not matter.
    CptRange(98000, 98016, _EM, "Telemedicine Services"),  # new in CPT 2025
    CptRange(99202, 99215, _EM, "Office or Other Outpatient Services"),
    CptRange(99221, 99239, _EM, "Hospital Inpatient and Observation Care Services"),
    CptRange(99242, 99255, _EM, "Consultations"),
    CptRange(99281, 99288, _EM, "Emergency Department Services"),
    CptRange(99291, 99292, _EM, "Critical Care Services"),
    CptRange(99304, 99316, _EM, "Nursing Facility Services"),
    CptRange(99341, 99350, _EM, "Home or Residence Services"),
    CptRange(99358, 99359, _EM, _PROLONGED),
    CptRange(99360, 99360, _EM, "Standby Services"),
    CptRange(99366, 99368, _EM, "Case Management Services"),
    CptRange(99374, 99380, _EM, "Care Plan Oversight Services"),
    CptRange(99381, 99412, _EM, _PREVENTIVE),
    CptRange(99415, 99418, _EM, _PROLONGED),
    CptRange(99421, 99423, _EM, _NON_F2F),
    CptRange(99424, 99427, _EM, _CARE_MGMT),
    CptRange(99429, 99429, _EM, _PREVENTIVE),
    CptRange(99437, 99439, _EM, _CARE_MGMT),
    CptRange(99446, 99449, _EM, _NON_F2F),
    CptRange(99450, 99450, _EM, _SPECIAL_EM),
    CptRange(99451, 99454, _EM, _NON_F2F),
    CptRange(99455, 99456, _EM, _SPECIAL_EM),
    CptRange(99457, 99458, _EM, _NON_F2F),
    CptRange(99460, 99463, _EM, "Newborn Care Services"),
    CptRange(99464, 99465, _EM, "Delivery/Birthing Room Attendance and Resuscitation Services"),
    CptRange(99466, 99480, _EM, _NEONATAL),
    CptRange(99483, 99483, _EM, "Cognitive Assessment and Care Plan Services"),
    CptRange(99484, 99484, _EM, "General Behavioral Health Integration Care Management"),
    CptRange(99485, 99486, _EM, _NEONATAL),
    CptRange(99487, 99491, _EM, _CARE_MGMT),
    CptRange(99492, 99494, _EM, "Psychiatric Collaborative Care Management Services"),
    CptRange(99495, 99496, _EM, "Transitional Care Management Services"),
    CptRange(99497, 99498, _EM, "Advance Care Planning"),
    CptRange(99499, 99499, _EM, "Other Evaluation and Management Services"),
    CptRange(98000, 98016, _EM, ""),
    CptRange(99202, 99499, _EM, ""),
    # 2. Anesthesia, including the qualifying circumstances printed in Medicine.
    CptRange(100, 222, _AN, "Head"),
    CptRange(300, 352, _AN, "Neck"),
    CptRange(400, 474, _AN, "Thorax (Chest Wall and Shoulder Girdle)"),
    CptRange(500, 580, _AN, "Intrathoracic"),
    CptRange(600, 670, _AN, "Spine and Spinal Cord"),
    CptRange(700, 797, _AN, "Upper Abdomen"),
    CptRange(800, 882, _AN, "Lower Abdomen"),
    CptRange(902, 952, _AN, "Perineum"),
    CptRange(1112, 1173, _AN, "Pelvis (Except Hip)"),
    CptRange(1200, 1274, _AN, "Upper Leg (Except Knee)"),
    CptRange(1320, 1444, _AN, "Knee and Popliteal Area"),
    CptRange(1462, 1522, _AN, "Lower Leg (Below Knee, Includes Ankle and Foot)"),
    CptRange(1610, 1680, _AN, "Shoulder and Axilla"),
    CptRange(1710, 1782, _AN, "Upper Arm and Elbow"),
    CptRange(1810, 1860, _AN, "Forearm, Wrist, and Hand"),
    CptRange(1916, 1942, _AN, "Radiological Procedures"),
    CptRange(1951, 1953, _AN, "Burn Excisions or Debridement"),
    CptRange(1958, 1969, _AN, "Obstetric"),
    CptRange(1990, 1999, _AN, "Other Procedures"),
    CptRange(99100, 99140, _AN, "Qualifying Circumstances for Anesthesia"),
    CptRange(100, 1999, _AN, ""),
    CptRange(99100, 99140, _AN, ""),
    # 3. Surgery.
    CptRange(10004, 10021, _SU, "General"),
    CptRange(10030, 19499, _SU, "Integumentary System"),
    CptRange(20100, 29999, _SU, "Musculoskeletal System"),
    CptRange(30000, 32999, _SU, "Respiratory System"),
    CptRange(33016, 37799, _SU, "Cardiovascular System"),
    CptRange(38100, 38999, _SU, "Hemic and Lymphatic Systems"),
    CptRange(39000, 39599, _SU, "Mediastinum and Diaphragm"),
    CptRange(40490, 49999, _SU, "Digestive System"),
    CptRange(50010, 53899, _SU, "Urinary System"),
    CptRange(54000, 55899, _SU, "Male Genital System"),
    CptRange(55920, 55920, _SU, "Reproductive System Procedures"),
    CptRange(55970, 55980, _SU, "Intersex Surgery"),
    CptRange(56405, 58999, _SU, "Female Genital System"),
    CptRange(59000, 59899, _SU, "Maternity Care and Delivery"),
    CptRange(60000, 60699, _SU, "Endocrine System"),
    CptRange(61000, 64999, _SU, "Nervous System"),
    CptRange(65091, 68899, _SU, "Eye and Ocular Adnexa"),
    CptRange(69000, 69979, _SU, "Auditory System"),
    CptRange(69990, 69990, _SU, "Operating Microscope"),
    CptRange(10004, 69990, _SU, ""),
    # 4. Radiology.
    CptRange(70010, 76499, _RA, "Diagnostic Radiology"),
    CptRange(76506, 76999, _RA, "Diagnostic Ultrasound"),
    CptRange(77001, 77022, _RA, "Radiologic Guidance"),
    CptRange(77046, 77067, _RA, "Breast, Mammography"),
    CptRange(77071, 77086, _RA, "Bone/Joint Studies"),
    CptRange(77261, 77799, _RA, "Radiation Oncology"),
    CptRange(78012, 79999, _RA, "Nuclear Medicine"),
    CptRange(70010, 79999, _RA, ""),
    # 5. Pathology and Laboratory. Genomic sequencing procedures sit inside the
    # Molecular Pathology span, so they are listed first.
    CptRange(80047, 80081, _PA, "Organ or Disease Oriented Panels"),
    CptRange(80143, 80299, _PA, "Therapeutic Drug Assays"),
    CptRange(80305, 80377, _PA, "Drug Assay"),
    CptRange(80400, 80439, _PA, "Evocative/Suppression Testing"),
    CptRange(80503, 80506, _PA, "Pathology Clinical Consultations"),
    CptRange(81000, 81099, _PA, "Urinalysis"),
    CptRange(
        81410, 81471, _PA, "Genomic Sequencing Procedures and Other Molecular Multianalyte Assays"
    ),
    CptRange(81105, 81479, _PA, "Molecular Pathology"),
    CptRange(81490, 81599, _PA, "Multianalyte Assays with Algorithmic Analyses"),
    CptRange(82009, 84999, _PA, "Chemistry"),
    CptRange(85002, 85999, _PA, "Hematology and Coagulation"),
    CptRange(86000, 86849, _PA, "Immunology"),
    CptRange(86850, 86999, _PA, "Transfusion Medicine"),
    CptRange(87003, 87999, _PA, "Microbiology"),
    CptRange(88000, 88099, _PA, "Anatomic Pathology"),
    CptRange(88104, 88199, _PA, "Cytopathology"),
    CptRange(88230, 88299, _PA, "Cytogenetic Studies"),
    CptRange(88300, 88399, _PA, "Surgical Pathology"),
    CptRange(88720, 88749, _PA, "In Vivo (eg, Transcutaneous) Laboratory Procedures"),
    CptRange(89049, 89240, _PA, "Other Procedures"),
    CptRange(89250, 89398, _PA, "Reproductive Medicine Procedures"),
    CptRange(80047, 89398, _PA, ""),
    # 6. Medicine. 90480 (immunization administration) lies inside the Vaccines,
    # Toxoids span and Adaptive Behavior Services inside Physical Medicine and
    # Rehabilitation, so each is listed before the span it overrides.
    CptRange(90281, 90399, _ME, "Immune Globulins, Serum or Recombinant Products"),
    CptRange(90460, 90474, _ME, "Immunization Administration for Vaccines/Toxoids"),
    CptRange(90480, 90480, _ME, "Immunization Administration for Vaccines/Toxoids"),
    CptRange(90476, 90759, _ME, "Vaccines, Toxoids"),
    CptRange(91300, 91322, _ME, "Vaccines, Toxoids"),  # COVID-19 vaccine products
    CptRange(90785, 90899, _ME, "Psychiatry"),
    CptRange(90901, 90913, _ME, "Biofeedback"),
    CptRange(90935, 90999, _ME, "Dialysis"),
    CptRange(91010, 91299, _ME, "Gastroenterology"),
    CptRange(92002, 92499, _ME, "Ophthalmology"),
    CptRange(92502, 92700, _ME, "Special Otorhinolaryngologic Services"),
    CptRange(92920, 93799, _ME, "Cardiovascular"),
    CptRange(93880, 93998, _ME, "Noninvasive Vascular Diagnostic Studies"),
    CptRange(94002, 94799, _ME, "Pulmonary"),
    CptRange(95004, 95199, _ME, "Allergy and Clinical Immunology"),
    CptRange(95249, 95251, _ME, "Endocrinology"),
    CptRange(95700, 96020, _ME, "Neurology and Neuromuscular Procedures"),
    CptRange(96040, 96040, _ME, "Medical Genetics and Genetic Counseling Services"),
    CptRange(96105, 96146, _ME, "Central Nervous System Assessments/Tests"),
    CptRange(96156, 96171, _ME, "Health Behavior Assessment and Intervention"),
    CptRange(96202, 96203, _ME, "Behavior Management Services"),
    CptRange(96360, 96549, _ME, _INJECTIONS),
    CptRange(96567, 96574, _ME, "Photodynamic Therapy"),
    CptRange(96900, 96999, _ME, "Special Dermatological Procedures"),
    CptRange(97151, 97158, _ME, "Adaptive Behavior Services"),
    CptRange(97010, 97799, _ME, "Physical Medicine and Rehabilitation"),
    CptRange(97802, 97804, _ME, "Medical Nutrition Therapy"),
    CptRange(97810, 97814, _ME, "Acupuncture"),
    CptRange(98925, 98929, _ME, "Osteopathic Manipulative Treatment"),
    CptRange(98940, 98943, _ME, "Chiropractic Manipulative Treatment"),
    CptRange(98960, 98962, _ME, "Education and Training for Patient Self-Management"),
    CptRange(98966, 98981, _ME, "Non-Face-to-Face Nonphysician Services"),
    CptRange(99000, 99091, _ME, "Special Services, Procedures and Reports"),
    CptRange(99151, 99157, _ME, "Moderate (Conscious) Sedation"),
    CptRange(99170, 99199, _ME, "Other Services and Procedures"),
    CptRange(99500, 99602, _ME, "Home Health Procedures/Services"),
    CptRange(99605, 99607, _ME, "Medication Therapy Management Services"),
    CptRange(90281, 99199, _ME, ""),
    CptRange(99500, 99607, _ME, ""),
)

# Category II (nnnnF) sections; low/high are the four digits before the "F".
CATEGORY_II_RANGES: tuple[CptRange, ...] = (
    CptRange(1, 15, CATEGORY_II, "Composite Measures"),
    CptRange(500, 584, CATEGORY_II, "Patient Management"),
    CptRange(1000, 1505, CATEGORY_II, "Patient History"),
    CptRange(2000, 2060, CATEGORY_II, "Physical Examination"),
    CptRange(3006, 3776, CATEGORY_II, "Diagnostic/Screening Processes or Results"),
    CptRange(4000, 4563, CATEGORY_II, "Therapeutic, Preventive or Other Interventions"),
    CptRange(5005, 5250, CATEGORY_II, "Follow-up or Other Outcomes"),
    CptRange(6005, 6150, CATEGORY_II, "Patient Safety"),
    CptRange(7010, 7025, CATEGORY_II, "Structural Measures"),
    CptRange(9001, 9007, CATEGORY_II, "Non-Measure Code Listing"),
    CptRange(1, 9007, CATEGORY_II, ""),
)

# Two-digit numeric CPT modifiers (AMA CPT Appendix A), numbers only. Verified
# against CPT Appendix A lists published as of 2025-2026: codingahead.com
# "Comprehensive List of CPT Modifiers (2025)", medicalbillingcertify.com "CPT
# numeric modifiers (AMA, CPT Appendix A)", clearcpc.com; 93 (audio-only, effective
# 2022-01-01) per AAFP, ISMS and medicalcodingrights.com; 96/97 (effective
# 2018-01-01) per qpro.com; 63 per a payer's CPT 2019 excerpt (phpni.com).
# Left out: 21 (prolonged E/M, retired long ago; in none of the lists checked) and
# 48 (found in no CPT list). Non-numeric CPT modifiers (P1-P6, 1P/2P/3P/8P) are out
# of scope here.
# fmt: off
CPT_MODIFIERS: frozenset[str] = frozenset({
    "22", "23", "24", "25", "26", "27", "32", "33", "47",
    "50", "51", "52", "53", "54", "55", "56", "57", "58", "59",
    "62", "63", "66", "73", "74", "76", "77", "78", "79",
    "80", "81", "82", "90", "91", "92", "93", "95", "96", "97", "99",
})
# fmt: on

Interval = tuple[int, int, CptRange]


def _resolve(ranges: tuple[CptRange, ...]) -> tuple[Interval, ...]:
    """Flatten ranges into sorted, disjoint intervals; earlier ranges win overlaps.

    Each interval carries the published range it came from, so a lookup answers
    with the range as published rather than the clipped piece.
    """
    claimed: list[Interval] = []
    for rng in ranges:
        if not 0 <= rng.low <= rng.high <= 99999:
            raise ValueError(f"bad CPT range {rng!r}")
        pieces = [(rng.low, rng.high)]
        for low, high, _ in claimed:
            remaining: list[tuple[int, int]] = []
            for p_low, p_high in pieces:
                if high < p_low or low > p_high:
                    remaining.append((p_low, p_high))
                    continue
                if p_low < low:
                    remaining.append((p_low, low - 1))
                if p_high > high:
                    remaining.append((high + 1, p_high))
            pieces = remaining
            if not pieces:
                break
        claimed.extend((p_low, p_high, rng) for p_low, p_high in pieces)
    claimed.sort(key=lambda interval: interval[0])
    return tuple(claimed)


CPT_INTERVALS: tuple[Interval, ...] = _resolve(CPT_RANGES)
CATEGORY_II_INTERVALS: tuple[Interval, ...] = _resolve(CATEGORY_II_RANGES)

_CPT_LOWS: tuple[int, ...] = tuple(low for low, _, _ in CPT_INTERVALS)
_CATEGORY_II_LOWS: tuple[int, ...] = tuple(low for low, _, _ in CATEGORY_II_INTERVALS)


def _find(lows: tuple[int, ...], intervals: tuple[Interval, ...], number: int) -> CptRange | None:
    """Binary-search the interval holding ``number``."""
    index = bisect_right(lows, number) - 1
    if index < 0:
        return None
    _, high, rng = intervals[index]
    return rng if number <= high else None


def _is_ascii_digits(text: str, length: int) -> bool:
    """True for exactly ``length`` ASCII digits (str.isdigit alone accepts other scripts)."""
    return len(text) == length and text.isascii() and text.isdigit()


def section_of(code: str) -> CptRange | None:
    """The published range a five-digit Category I code falls in, or None.

    Returns the subsection's range when the code lies in one, the section's own
    span (empty ``subsection``) when it lies in a gap between subsections, and None
    when it lies in no published range or is not five ASCII digits.
    """
    if not _is_ascii_digits(code, 5):
        return None
    return _find(_CPT_LOWS, CPT_INTERVALS, int(code))


def category_ii_section_of(code: str) -> CptRange | None:
    """The published Category II range for an ``nnnnF`` code, or None.

    Same answers as ``section_of``: subsection range, section span for a gap, or
    None when outside 0001F-9007F or not four ASCII digits followed by "F".
    """
    if len(code) != 5 or code[4] != "F" or not _is_ascii_digits(code[:4], 4):
        return None
    return _find(_CATEGORY_II_LOWS, CATEGORY_II_INTERVALS, int(code[:4]))
