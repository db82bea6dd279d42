"""All loaded HCPCS releases merged into one view: the newest release that has a code wins.

CMS keeps terminated codes in its files for years, and older releases remain the only
source for codes dropped since, so every configured release contributes.

Each release is an edition, its id made from the effective date its data gives it (file
names are not reliable): `hcpcs-2025-10` for the October 2025 quarterly release,
`hcpcs-2019` for the 2019 annual (January) release. Two loaded releases of one month get
`-2`, `-3`... in load order (embedded release first, then the configured folders in
order, each folder's files by name). A pinned edition (`hcpcs.edition`) loads the
releases up to and including it, no later one.
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
from plugins.hcpcs.records import HcpcsRecord, Release

EMBEDDED_DATA = Path(__file__).parent / "data"
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class HcpcsData:
    codes: dict[str, HcpcsRecord]
    modifiers: dict[str, HcpcsRecord]
    noc: dict[str, NocEntry]
    editions: tuple[Edition, ...]


def load_data(
    folders: tuple[Path, ...], embedded: bool = True, edition: str | None = None
) -> HcpcsData:
    """Merge the embedded release (unless turned off) and every release in `folders`;
    with `edition`, only the releases up to that edition id."""
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
    editions = release_editions(releases)
    if edition:
        ids = [found.id for found in editions]
        if edition not in ids:
            raise ValueError(
                f"hcpcs.edition: no loaded HCPCS release is edition {edition!r} "
                f"(loaded: {', '.join(ids)})"
            )
        keep = ids.index(edition) + 1
        releases, editions = releases[:keep], editions[:keep]
    codes: dict[str, HcpcsRecord] = {}
    modifiers: dict[str, HcpcsRecord] = {}
    for release in releases:
        codes.update(release.codes)
        modifiers.update(release.modifiers)
    noc: dict[str, NocEntry] = {}
    for path in noc_files:
        noc.update(load_noc(path))
    return HcpcsData(codes, modifiers, noc, editions)


def release_editions(releases: list[Release]) -> tuple[Edition, ...]:
    """One edition per release (sorted oldest first), with ids unique in the list."""
    editions: list[Edition] = []
    seen: dict[str, int] = {}
    for release in releases:
        day = release.effective
        if day.month == 1:
            base, title = f"hcpcs-{day.year}", f"{day.year} annual release"
        else:
            base = f"hcpcs-{day.year}-{day.month:02d}"
            title = f"{_MONTHS[day.month - 1]} {day.year} quarterly release"
        seen[base] = count = seen.get(base, 0) + 1
        if count > 1:
            base, title = f"{base}-{count}", f"{title} (file {count})"
        editions.append(Edition(base, f"CMS HCPCS Level II, {title}", day))
    return tuple(editions)
