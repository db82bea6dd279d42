"""The NCCI tables in one place: PTP edits, MUEs and add-on code edits, by setting.

The product ships no NCCI data (the tables list AMA CPT codes): the user downloads CMS's
quarterly files and the plugin loads each with the matching `add`. Readers live beside the
tables (`ptp.py`, `mue.py`, `aoc.py`); what the files share is in `files.py`.

Dates: an edit applies on a date of service D when effective <= D and (there is no deletion
date or D <= deletion date): the deletion date is the last day it applies, as with the
HCPCS TERM DT. A PTP deletion date of `*` means none; an MUE file applies from the quarter
start the caller gives until a later loaded file of the same setting takes over.
"""

from __future__ import annotations

from plugins.ncci.aoc import AocEdit, AocRow, AocTables, read_aoc
from plugins.ncci.files import SETTINGS
from plugins.ncci.mue import Mue, MueRow, MueTables, read_mue
from plugins.ncci.ptp import PtpEdit, PtpRow, PtpTables, read_ptp

__all__ = [
    "SETTINGS",
    "AocEdit",
    "AocRow",
    "AocTables",
    "Mue",
    "MueRow",
    "MueTables",
    "PtpEdit",
    "PtpRow",
    "PtpTables",
    "read_aoc",
    "read_mue",
    "read_ptp",
]
