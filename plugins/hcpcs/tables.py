"""Code tables for the HCPCS Level II contractor record, transcribed from CMS.

Source of truth is CMS's record layout ``data/HCPCS2019_recordlayout.txt``
("HCPCS Contractor Record - 2019", CMS RIF report as of 10/31/2018). Each table
maps a code, exactly as it appears in the data file, to CMS's meaning for it.
Meanings keep CMS's words; only capitalisation, whitespace, punctuation around
wrapped lines and three obvious misspellings in the layout ("opthamology",
"cardiovascualr", "effec") were tidied. ``tests/test_hcpcs_tables.py`` checks
every entry against the layout text and checks that every value in the
October 2025 data file has an entry.

The 2019 layout is the newest one available to this project. Where the 2025 data
uses a code that the 2019 layout lacks, the entry says where its meaning came
from.

This module holds plain constants only, so any part of the engine can import it.
"""

from __future__ import annotations

# Layout field 6, "HCPCS Record Identification Code" (RECID). The layout's codes 4 and 8
# mark continuation lines of a long description; readers join them onto the record they
# continue, so only a record's first line, 3 or 7, remains, and it stands for the record.
RECORD_TYPES: dict[str, str] = {
    "3": "Procedure record",
    "7": "Modifier record",
}

# Layout field 9, "HCPCS Pricing Indicator Code" (PRICE1-PRICE4). The code says how
# Medicare Part B prices the service. A code may have up to four of them.
PRICING_INDICATORS: dict[str, str] = {
    "00": (
        "Service not separately priced by Part B (e.g., services not covered, bundled, "
        "used by Part A only, etc.)"
    ),
    "11": "Price established using national RVU's",
    "12": "Price established using national anesthesia base units",
    "13": (
        "Price established by carriers (e.g., not otherwise classified, individual "
        "determination, carrier discretion)"
    ),
    "21": "Price subject to national limitation amount",
    "22": "Price established by carriers (e.g., gap-fills, carrier established panels)",
    "31": "Frequently serviced DME (price subject to floors and ceilings)",
    "32": "Inexpensive & routinely purchased DME (price subject to floors and ceilings)",
    "33": "Oxygen and oxygen equipment (price subject to floors and ceilings)",
    "34": "DME supplies (price subject to floors and ceilings)",
    "35": "Surgical dressings (price subject to floors and ceilings)",
    "36": "Capped rental DME (price subject to floors and ceilings)",
    "37": "Ostomy, tracheostomy and urological supplies (price subject to floors and ceilings)",
    "38": (
        "Orthotics, prosthetics, prosthetic devices & vision services (price subject to "
        "floors and ceilings)"
    ),
    "39": "Parenteral and enteral nutrition",
    # "40" is not in the 2019 layout. Its meaning comes from CMS's 2024 record layout
    # (HCPC2024_recordlayout.txt, shipped in CMS's 2024 quarterly alpha-numeric HCPCS
    # zips), as transcribed word for word in the public repository
    # andrewallenbruce/northstar, data-raw/hcpcs.R (2024 revisions). The transcription
    # reads "40 = Lymphedema Compression Treatment Items (eff 1/1/2024)". This is the
    # Medicare lymphedema compression benefit created by final rule CMS-1780-F. The
    # 2025 data agrees: every code priced "40" is an A65xx gradient compression item.
    "40": "Lymphedema compression treatment items (eff 1/1/2024)",
    "45": "Customized DME items",
    "46": (
        "Carrier priced (e.g., not otherwise classified, individual determination, carrier "
        "discretion, gap-filled amounts)"
    ),
    "51": "Drugs",
    "52": "Reasonable charge",
    "53": "Statute",
    "54": "Vaccinations",
    "55": "Splints and casts (eff 10/1/2014)",
    "56": "IOL's inserted in a physician's office (eff 10/1/2014)",
    "57": "Other carrier priced",
    "99": "Value not established",
}

# The layout puts the pricing indicators under payment-system headings. Without
# them the meaning is ambiguous: "13" and "22" both read "Price established by
# carriers", but one uses the physician fee schedule and the other the clinical
# lab fee schedule. "00" comes before the first heading, so it has no entry here.
PRICING_INDICATOR_GROUPS: dict[str, str] = {
    **dict.fromkeys(
        ("11", "12", "13"),
        "Physician fee schedule and non-physician practitioners linked to the physician "
        "fee schedule",
    ),
    **dict.fromkeys(("21", "22"), "Clinical lab fee schedule"),
    # "40" appears between 39 and 45 in the 2024 layout, so it falls under this heading.
    **dict.fromkeys(
        ("31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "45", "46"),
        "Durable medical equipment, prosthetics, orthotics, supplies and surgical dressings",
    ),
    **dict.fromkeys(("51", "52", "53", "54", "55", "56", "57", "99"), "Other"),
}

# Layout field 10, "HCPCS Multiple Pricing Indicator Code" (MULT_PI). It marks
# codes that could be priced under more than one method.
MULTIPLE_PRICING_INDICATORS: dict[str, str] = {
    "9": (
        "Not applicable as HCPCS not priced separately by Part B (pricing indicator is 00) "
        "or value is not established (pricing indicator is '99')"
    ),
    "A": "Not applicable as HCPCS priced under one methodology",
    "B": (
        "Professional component of HCPCS priced using RVU's, while technical component and "
        "global service priced by Medicare Part B carriers"
    ),
    "C": (
        "Physician interpretation of clinical lab service is priced under physician fee "
        "schedule using RVU's, while pricing of lab service is paid under clinical lab fee "
        "schedule"
    ),
    "D": (
        "Service performed by physician is priced under physician fee schedule using RVU's, "
        "while service performed by clinical psychologist is priced under clinical "
        "psychologist fee schedule (not applicable as of January 1, 1998)"
    ),
    "E": (
        "Service performed by physician is priced under physician fee schedule using RVU's, "
        "service performed by clinical psychologist is priced under clinical psychologist's "
        "fee schedule and service performed by clinical social worker is priced under "
        "clinical social worker fee schedule (not applicable as of January 1, 1998)"
    ),
    "F": (
        "Service performed by physician is priced under physician fee schedule by carriers, "
        "service performed by clinical psychologist is priced under clinical psychologist's "
        "fee schedule and service performed by clinical social worker is priced under "
        "clinical social worker fee schedule (not applicable as of January 1, 1998)"
    ),
    "G": (
        "Clinical lab service priced under reasonable charge when service is submitted on "
        "claim with blood products, while service is priced under clinical lab fee schedule "
        "when there are no blood products on claim"
    ),
}

# Layout field 14, "HCPCS Lab Certification Code" (LABCERT1-LABCERT8). These are
# CLIA specialty categories. The codes form a hierarchy by first digit: a lab
# certified for a general category (e.g. 100) may perform the tests in its
# subgroups (110, 115, ...). "010" is a category of its own.
LAB_CERTIFICATIONS: dict[str, str] = {
    "010": "Histocompatibility testing",
    "100": "Microbiology",
    "110": "Bacteriology",
    "115": "Mycobacteriology",
    "120": "Mycology",
    "130": "Parasitology",
    "140": "Virology",
    "150": "Other microbiology",
    "200": "Diagnostic immunology",
    "210": "Syphilis serology",
    "220": "General immunology",
    "300": "Chemistry",
    "310": "Routine chemistry",
    "320": "Urinalysis",
    "330": "Endocrinology",
    "340": "Toxicology",
    "350": "Other chemistry",
    "400": "Hematology",
    "500": "Immunohematology",
    "510": "ABO group & Rh type",
    "520": "Antibody detection (transfusion)",
    "530": "Antibody detection (nontransfusion)",
    "540": "Antibody identification",
    "550": "Compatibility testing",
    "560": "Other immunohematology",
    "600": "Pathology",
    "610": "Histopathology",
    "620": "Oral pathology",
    "630": "Cytology",
    "800": "Radiobioassay",
    "900": "Clinical cytogenetics",
}

# Layout field 16, "HCPCS Coverage Code" (COV): the code's Medicare coverage status.
COVERAGE_CODES: dict[str, str] = {
    "C": "Carrier judgment",
    "D": "Special coverage instructions apply",
    "I": "Not payable by Medicare",
    "M": "Non-covered by Medicare",
    "S": "Non-covered by Medicare statute",
}

# The severity the engine gives an issue raised for each coverage code. A code that
# Medicare will not pay (I, M, S) deserves a warning. C and D are normal states that
# only call for attention.
COVERAGE_SEVERITY: dict[str, str] = {
    "C": "info",
    "D": "info",
    "I": "warning",
    "M": "warning",
    "S": "warning",
}

# Layout field 17, "HCPCS ASC Payment Group Code" (ASC_GRP). It has only one code.
# The layout also says "BLANK = Not Approved For ASC": an empty ASC_GRP is
# meaningful and means the procedure is not approved for an ambulatory surgical
# center. It is left out here because an empty string is not a code.
ASC_GROUPS: dict[str, str] = {
    "YY": "Procedure is approved to be performed in an ambulatory surgical center",
}

# Layout field 20, "HCPCS MOG Payment Policy Indicator" (xlsx column OPPS_PI). It
# says whether a code gets an ASC facility fee, a separate fee under another
# Medicare provision, or no fee. The column is empty in the October 2025 file.
OPPS_PAYMENT_INDICATORS: dict[str, str] = {
    "1": "ASC covered procedure",
    "2": "Bundled service/no separate payment",
    "3": "Excluded from ASC list",
    "4": "Invalid code/90 day grace period",
    "6": "Separate payment when furnished in an ASC",
    "7": "ASC restricted coverage procedure",
    "9": "ASC payment not applicable",
}

# Appendix table CMS_TYPE_SRVC_TB, used by layout field 25 (TOS1-TOS5): the CMS
# type of service that the carrier assigns to the code. There are no codes O or X.
TYPES_OF_SERVICE: dict[str, str] = {
    "0": "Whole blood only eff 01/96, whole blood or packed red cells before 01/96",
    "1": "Medical care",
    "2": "Surgery",
    "3": "Consultation",
    "4": "Diagnostic radiology",
    "5": "Diagnostic laboratory",
    "6": "Therapeutic radiology",
    "7": "Anesthesia",
    "8": "Assistant at surgery",
    "9": "Other medical items or services",
    "A": "Used durable medical equipment (DME)",
    "B": "High risk screening mammography (obsolete 1/1/98)",
    "C": "Low risk screening mammography (obsolete 1/1/98)",
    "D": "Ambulance (eff 04/95)",
    "E": "Enteral/parenteral nutrients/supplies (eff 04/95)",
    "F": "Ambulatory surgical center (facility usage for surgical services)",
    "G": "Immunosuppressive drugs",
    "H": "Hospice services (discontinued 01/95)",
    "I": "Purchase of DME (installment basis) (discontinued 04/95)",
    "J": "Diabetic shoes (eff 04/95)",
    "K": "Hearing items and services (eff 04/95)",
    "L": "ESRD supplies (eff 04/95) (renal supplier in the home before 04/95)",
    "M": "Monthly capitation payment for dialysis",
    "N": "Kidney donor",
    "P": "Lump sum purchase of DME, prosthetics, orthotics",
    "Q": "Vision items or services",
    "R": "Rental of DME",
    "S": "Surgical dressings or other medical supplies (eff 04/95)",
    "T": (
        "Psychological therapy (term. 12/31/97); outpatient mental health limitation (eff. 1/1/98)"
    ),
    "U": "Occupational therapy",
    "V": (
        "Pneumococcal/flu vaccine (eff 01/96), Pneumococcal/flu/hepatitis B vaccine "
        "(eff 04/95-12/95), Pneumococcal only before 04/95"
    ),
    "W": "Physical therapy",
    "Y": "Second opinion on elective surgery (obsoleted 1/97)",
    "Z": "Third opinion on elective surgery (obsoleted 1/97)",
}

# Layout field 30, "HCPCS Action Code" (ACTION CD): the change made to the code in
# this release. All ten codes, A to T, are already in the 2019 layout.
ACTION_CODES: dict[str, str] = {
    "A": "Add procedure or modifier code",
    "B": (
        "Change in both administrative data field and long description of procedure or "
        "modifier code"
    ),
    "C": "Change in long description of procedure or modifier code",
    "D": "Discontinue procedure or modifier code",
    "F": "Change in administrative data field of procedure or modifier code",
    "N": "No maintenance for this code",
    "P": (
        "Payment change (MOG, pricing indicator codes, anesthesia base units, ambulatory "
        "surgical centers)"
    ),
    "R": "Re-activate discontinued/deleted procedure or modifier code",
    "S": "Change in short description of procedure code",
    "T": "Miscellaneous change (BETOS, type of service)",
}

# Appendix table BETOS_TB, used by layout field 23 (BETOS): the Berenson-Eggers
# type of service, clinically meaningful groups of procedures and services.
# Entries are in the layout's order. "Z2" (undefined codes) is already in the 2019
# table, and most S, T and H codes carry it.
BETOS_CODES: dict[str, str] = {
    "M1A": "Office visits - new",
    "M1B": "Office visits - established",
    "M2A": "Hospital visit - initial",
    "M2B": "Hospital visit - subsequent",
    "M2C": "Hospital visit - critical care",
    "M3": "Emergency room visit",
    "M4A": "Home visit",
    "M4B": "Nursing home visit",
    "M5A": "Specialist - pathology",
    "M5B": "Specialist - psychiatry",
    "M5C": "Specialist - ophthalmology",
    "M5D": "Specialist - other",
    "M6": "Consultations",
    "P0": "Anesthesia",
    "P1A": "Major procedure - breast",
    "P1B": "Major procedure - colectomy",
    "P1C": "Major procedure - cholecystectomy",
    "P1D": "Major procedure - TURP",
    "P1E": "Major procedure - hysterectomy",
    "P1F": "Major procedure - explor/decompr/excisdisc",
    "P1G": "Major procedure - other",
    "P2A": "Major procedure, cardiovascular - CABG",
    "P2B": "Major procedure, cardiovascular - aneurysm repair",
    "P2C": "Major procedure, cardiovascular - thromboendarterectomy",
    "P2D": "Major procedure, cardiovascular - coronary angioplasty (PTCA)",
    "P2E": "Major procedure, cardiovascular - pacemaker insertion",
    "P2F": "Major procedure, cardiovascular - other",
    "P3A": "Major procedure, orthopedic - hip fracture repair",
    "P3B": "Major procedure, orthopedic - hip replacement",
    "P3C": "Major procedure, orthopedic - knee replacement",
    "P3D": "Major procedure, orthopedic - other",
    "P4A": "Eye procedure - corneal transplant",
    "P4B": "Eye procedure - cataract removal/lens insertion",
    "P4C": "Eye procedure - retinal detachment",
    "P4D": "Eye procedure - treatment of retinal lesions",
    "P4E": "Eye procedure - other",
    "P5A": "Ambulatory procedures - skin",
    "P5B": "Ambulatory procedures - musculoskeletal",
    "P5C": "Ambulatory procedures - inguinal hernia repair",
    "P5D": "Ambulatory procedures - lithotripsy",
    "P5E": "Ambulatory procedures - other",
    "P6A": "Minor procedures - skin",
    "P6B": "Minor procedures - musculoskeletal",
    "P6C": "Minor procedures - other (Medicare fee schedule)",
    "P6D": "Minor procedures - other (non-Medicare fee schedule)",
    "P7A": "Oncology - radiation therapy",
    "P7B": "Oncology - other",
    "P8A": "Endoscopy - arthroscopy",
    "P8B": "Endoscopy - upper gastrointestinal",
    "P8C": "Endoscopy - sigmoidoscopy",
    "P8D": "Endoscopy - colonoscopy",
    "P8E": "Endoscopy - cystoscopy",
    "P8F": "Endoscopy - bronchoscopy",
    "P8G": "Endoscopy - laparoscopic cholecystectomy",
    "P8H": "Endoscopy - laryngoscopy",
    "P8I": "Endoscopy - other",
    "P9A": "Dialysis services (Medicare fee schedule)",
    "P9B": "Dialysis services (non-Medicare fee schedule)",
    "I1A": "Standard imaging - chest",
    "I1B": "Standard imaging - musculoskeletal",
    "I1C": "Standard imaging - breast",
    "I1D": "Standard imaging - contrast gastrointestinal",
    "I1E": "Standard imaging - nuclear medicine",
    "I1F": "Standard imaging - other",
    "I2A": "Advanced imaging - CAT/CT/CTA: brain/head/neck",
    "I2B": "Advanced imaging - CAT/CT/CTA: other",
    "I2C": "Advanced imaging - MRI/MRA: brain/head/neck",
    "I2D": "Advanced imaging - MRI/MRA: other",
    "I3A": "Echography/ultrasonography - eye",
    "I3B": "Echography/ultrasonography - abdomen/pelvis",
    "I3C": "Echography/ultrasonography - heart",
    "I3D": "Echography/ultrasonography - carotid arteries",
    "I3E": "Echography/ultrasonography - prostate, transrectal",
    "I3F": "Echography/ultrasonography - other",
    "I4A": "Imaging/procedure - heart including cardiac catheterization",
    "I4B": "Imaging/procedure - other",
    "T1A": "Lab tests - routine venipuncture (non-Medicare fee schedule)",
    "T1B": "Lab tests - automated general profiles",
    "T1C": "Lab tests - urinalysis",
    "T1D": "Lab tests - blood counts",
    "T1E": "Lab tests - glucose",
    "T1F": "Lab tests - bacterial cultures",
    "T1G": "Lab tests - other (Medicare fee schedule)",
    "T1H": "Lab tests - other (non-Medicare fee schedule)",
    "T2A": "Other tests - electrocardiograms",
    "T2B": "Other tests - cardiovascular stress tests",
    "T2C": "Other tests - EKG monitoring",
    "T2D": "Other tests - other",
    "D1A": "Medical/surgical supplies",
    "D1B": "Hospital beds",
    "D1C": "Oxygen and supplies",
    "D1D": "Wheelchairs",
    "D1E": "Other DME",
    "D1F": "Prosthetic/orthotic devices",
    "D1G": "Drugs administered through DME",
    "O1A": "Ambulance",
    "O1B": "Chiropractic",
    "O1C": "Enteral and parenteral",
    "O1D": "Chemotherapy",
    "O1E": "Other drugs",
    "O1F": "Hearing and speech services",
    "O1G": "Immunizations/vaccinations",
    # "O1L" is not in the 2019 layout. Its meaning comes from CMS's 2024 record
    # layout (HCPC2024_recordlayout.txt), as transcribed word for word in the public
    # repository andrewallenbruce/northstar, data-raw/hcpcs.R (commit
    # 08e87626238fc35f64f766a7814f670d3359b6a8). That file reads
    # "01L = Lymphedema Compression Treatment Items (eff 1/1/2024)", with a digit
    # zero, but the data file uses a letter O ("O1L"), following O1A-O1G. The same
    # 83 A65xx gradient compression codes carry BETOS O1L and pricing indicator 40.
    "O1L": "Lymphedema compression treatment items (eff 1/1/2024)",
    "Y1": "Other - Medicare fee schedule",
    "Y2": "Other - non-Medicare fee schedule",
    "Z1": "Local codes",
    "Z2": "Undefined codes",
}

# HCPCS Level II sections by the code's first letter, following CMS's section
# names. The letters F, I, N, O and W-Z are not used. There are two special
# cases:
# - D codes are the ADA's CDT dental codes. CMS leaves them out of its file, and
#   the October 2025 file has none.
# - U: in the October 2025 file, U0001-U0005 are all SARS-CoV-2 (COVID-19)
#   diagnostic lab tests. They are the CDC 2019-nCoV RT-PCR panel, the non-CDC
#   test, and the high-throughput tests.
SECTIONS: dict[str, str] = {
    "A": (
        "Transportation services including ambulance, medical and surgical supplies; "
        "administrative, miscellaneous and investigational"
    ),
    "B": "Enteral and parenteral therapy",
    "C": "Outpatient PPS (temporary codes for the hospital outpatient prospective payment system)",
    "D": "Dental procedures (ADA CDT codes; not included in CMS's HCPCS file)",
    "E": "Durable medical equipment",
    "G": "Procedures/professional services (temporary)",
    "H": "Alcohol and drug abuse treatment services / behavioral health (state Medicaid agencies)",
    "J": "Drugs administered other than oral method, chemotherapy drugs",
    "K": "Temporary codes for durable medical equipment Medicare administrative contractors",
    "L": "Orthotic and prosthetic procedures and devices",
    "M": "Medical services (including quality measures and MIPS value pathways)",
    "P": "Pathology and laboratory services",
    "Q": "Miscellaneous services (temporary codes)",
    "R": "Diagnostic radiology services",
    "S": "Temporary national codes (non-Medicare)",
    "T": "National codes established for state Medicaid agencies",
    "U": "Coronavirus (SARS-CoV-2 / COVID-19) diagnostic laboratory tests",
    "V": "Vision, hearing and speech-language pathology services",
}

# Sections whose payer context matters when the engine judges a code. This follows
# CMS's HCPCS Level II coding procedures, which describe who each set of temporary
# or special codes is for. The coverage codes in the October 2025 file agree: all H
# codes, 532 of 533 S codes and every T code are coded I or M (not payable or not
# covered by Medicare).
PAYER_CONTEXT: dict[str, str] = {
    "C": (
        "Temporary codes established for the Medicare hospital outpatient prospective "
        "payment system (OPPS); for facility claims under OPPS"
    ),
    "G": (
        "Temporary codes for professional health care procedures and services that would "
        "otherwise be coded in CPT but have no CPT code (Medicare)"
    ),
    "H": (
        "Used by state Medicaid agencies for mental/behavioral health, including alcohol "
        "and drug treatment services; not payable by Medicare"
    ),
    "K": (
        "Temporary codes for the DME Medicare administrative contractors (DME MACs) where "
        "no permanent national code exists"
    ),
    "Q": "Temporary codes for items and services with no permanent national code",
    "S": (
        "Temporary national codes for private payers (also used by Medicaid); not payable "
        "by Medicare"
    ),
    "T": (
        "Established for state Medicaid agencies (may also be used by private insurers); "
        "not payable by Medicare"
    ),
}
