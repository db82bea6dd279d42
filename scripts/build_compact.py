"""Regenerate the compact sidecars shipped next to the embedded CMS files.

Run after replacing a file in plugins/hcpcs/data (tests/test_cms_files.py fails until then):
    python -m scripts.build_compact
"""

from __future__ import annotations

from engine.host.datacache import write_sidecar
from plugins.hcpcs.cms_files import (
    DATA_DIR,
    NOC_KIND,
    RELEASE_KIND,
    find_noc_files,
    find_release_files,
    noc_data,
    release_data,
)


def main() -> None:
    written = [
        write_sidecar(path, RELEASE_KIND, release_data) for path in find_release_files(DATA_DIR)
    ]
    written += [write_sidecar(path, NOC_KIND, noc_data) for path in find_noc_files(DATA_DIR)]
    for stale in set(DATA_DIR.glob("*.json.gz")) - set(written):
        stale.unlink()  # the sidecar of a data file that is no longer shipped
    for path in written:
        print(f"{path.relative_to(DATA_DIR.parent.parent.parent)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
