"""All loaded HCPCS releases merged into one view: the newest release that has a code wins.

CMS keeps terminated codes in its files for years, and older releases remain the only
source for codes dropped since, so every configured release contributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.plugin_api import DataFileError, Edition
from plugins.hcpcs.cms_files import (
    NocEntry,
    find_noc_files,
    find_release_files,
    load_noc,
    load_release,
)
from plugins.hcpcs.records import HcpcsRecord

EMBEDDED_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, eq=False)
class HcpcsData:
    codes: dict[str, HcpcsRecord]
    modifiers: dict[str, HcpcsRecord]
    noc: dict[str, NocEntry]
    editions: tuple[Edition, ...]


def load_data(folders: tuple[Path, ...], embedded: bool = True) -> HcpcsData:
    """Merge the embedded release (unless turned off) and every release in `folders`."""
    sources = [EMBEDDED_DATA] if embedded else []
    sources += folders
    release_files: list[Path] = []
    noc_files: list[Path] = []
    for folder in sources:
        found = find_release_files(folder)
        if not found:
            raise DataFileError(
                folder, "", "no CMS HCPCS release file (…_ANWEB.xlsx or fixed-width .txt) found"
            )
        release_files += found
        noc_files += find_noc_files(folder)
    releases = sorted((load_release(path) for path in release_files), key=lambda r: r.effective)
    codes: dict[str, HcpcsRecord] = {}
    modifiers: dict[str, HcpcsRecord] = {}
    for release in releases:
        codes.update(release.codes)
        modifiers.update(release.modifiers)
    noc: dict[str, NocEntry] = {}
    for path in noc_files:
        noc.update(load_noc(path))
    editions = tuple(
        Edition(release.name, release.effective, str(release.source)) for release in releases
    )
    return HcpcsData(codes, modifiers, noc, editions)
