"""Small helpers for plugins that load data files."""

from __future__ import annotations

from pathlib import Path


def file_version(path: Path) -> tuple[int, int] | None:
    """Identifies a file's current content cheaply (mtime and size), or None if it is missing.

    Plugins key their loaded-data caches on it, so an edited file is reloaded on the next
    engine build while the hooks of one build share one load.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
