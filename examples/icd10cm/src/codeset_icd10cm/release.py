"""Which ICD-10-CM release simple-icd-10-cm ships, and loading it only when first needed.

Importing `simple_icd_10_cm` parses CDC's whole tabular XML: about 1.5 s and 180 MB. An
engine is built for every CLI command, most of which never see a diagnosis code, so the
release is named from the package's file list (no import) and loaded on first use, or at
start-up with `icd10cm.preload` (a server that forks workers wants it loaded before).
"""

from __future__ import annotations

import importlib
import re
import warnings
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata
from types import ModuleType

from engine.plugin_api import Edition

DISTRIBUTION = "simple-icd-10-cm"
MODULE = "simple_icd_10_cm"

# CDC names its tabular file after the update's first day: icd10c-tabular-April-1-2026.xml.
_TABULAR = re.compile(r"tabular-([A-Za-z]+)-(\d{1,2})-(\d{4})\.xml$")
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


@dataclass(frozen=True, slots=True)
class Release:
    """The release the package ships; `effective` and `ends` are None when it does not say.

    `id` is its stable edition id: `icd10cm-2026` for fiscal year 2026's October release,
    `icd10cm-2026-04` for that year's April update; `icd10cm-package-1-5-0` when the
    package names no release (then only the package version tells releases apart).
    """

    id: str
    name: str
    effective: date | None
    ends: date | None
    source: str

    @property
    def edition(self) -> Edition:
        return Edition(self.id, self.name, self.effective)


def installed_release() -> Release:
    """The release in the installed package, read from its file names, not by importing it.

    ICD-10-CM releases follow the US federal fiscal year: the October update starts fiscal
    year Y+1 and the April update is part of the fiscal year that started the October
    before, so either one applies until 30 September of its fiscal year.
    """
    distribution = metadata.distribution(DISTRIBUTION)
    source = f"{DISTRIBUTION} {distribution.version}"
    for file in distribution.files or ():
        found = _TABULAR.search(file.name)
        month = _MONTHS.get(found.group(1).lower()) if found else None
        if found and month:
            effective = date(int(found.group(3)), month, int(found.group(2)))
            fiscal_year = effective.year + (effective.month >= 10)
            update = f"{found.group(1).capitalize()} {effective.year} update"
            name = f"ICD-10-CM FY{fiscal_year}, {update}"
            edition_id = f"icd10cm-{fiscal_year}"
            if effective.month != 10:
                edition_id += f"-{effective.month:02d}"
            return Release(edition_id, name, effective, date(fiscal_year, 9, 30), source)
    version = "-".join(re.findall(r"[a-z0-9]+", distribution.version.lower()))
    return Release(
        f"icd10cm-package-{version}", f"ICD-10-CM as shipped by {source}", None, None, source
    )


@cache
def load() -> ModuleType | str:
    """The loaded package, or why it could not be loaded. Loads once per process."""
    try:
        with warnings.catch_warnings():
            # 1.5.0 reads its data with importlib.resources.read_text, deprecated in 3.11.
            warnings.simplefilter("ignore", DeprecationWarning)
            return importlib.import_module(MODULE)
    except Exception as error:  # a broken install must fail lines, not the engine
        return f"{type(error).__name__}: {error}"
