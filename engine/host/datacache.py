"""Compact gzip'd JSON copies of parsed data files: parsing a CMS workbook takes seconds, start-up
must not. A copy is valid only for the exact source bytes (sha256) and envelope format.

Lookup order: a sidecar ``<source name>.<kind>.json.gz`` next to the source (shipped with
embedded data), then the user cache directory ($CODESET_CACHE_DIR, else the platform's), then
parse and store in the user cache. Callers put a version in ``kind`` to retire old data shapes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

from engine.domain.errors import DataFileError

FORMAT = 1
log = logging.getLogger(__name__)


def load_compact(source: Path, kind: str, build: Callable[[Path], Any]) -> Any:
    """build(source), served from a current sidecar or user-cache copy when there is one."""
    digest = _sha256(source)
    cache = _cache_path(source, kind)
    for path in (sidecar_path(source, kind), cache):
        envelope = _read(path)
        if _is_current(envelope, kind, digest):
            return envelope["data"]
    data = build(source)
    try:
        _write(cache, _envelope(kind, digest, data))
    except OSError as exc:
        log.debug("not caching %s: %s", source, exc)
    return data


def write_sidecar(source: Path, kind: str, build: Callable[[Path], Any]) -> Path:
    """(Re)write the sidecar shipped next to an embedded data file."""
    path = sidecar_path(source, kind)
    _write(path, _envelope(kind, _sha256(source), build(source)))
    return path


def sidecar_path(source: Path, kind: str) -> Path:
    return source.with_name(f"{source.name}.{kind}.json.gz")


def _cache_path(source: Path, kind: str) -> Path:
    """Per-source-path file, so same-named sources in different folders do not evict each other."""
    root = os.environ.get("CODESET_CACHE_DIR") or platformdirs.user_cache_dir("codeset-engine")
    tag = hashlib.sha256(str(Path(source).resolve()).encode()).hexdigest()[:12]
    return Path(root) / f"{source.name}.{tag}.{kind}.json.gz"


def _sha256(source: Path) -> str:
    try:
        with open(source, "rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except FileNotFoundError:
        raise DataFileError(source, "", "file not found") from None
    except OSError as exc:
        raise DataFileError(source, "", f"cannot read ({exc.strerror})") from None


def _envelope(kind: str, digest: str, data: Any) -> dict[str, Any]:
    return {"format": FORMAT, "kind": kind, "source_sha256": digest, "data": data}


def _is_current(envelope: dict[str, Any], kind: str, digest: str) -> bool:
    header = {"format": FORMAT, "kind": kind, "source_sha256": digest}
    return "data" in envelope and all(envelope.get(key) == value for key, value in header.items())


def _read(path: Path) -> dict[str, Any]:
    """The envelope at path, or {} when it is missing or unreadable (then it is rebuilt)."""
    try:
        with gzip.open(path, "rb") as file:
            envelope = json.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, ValueError) as exc:
        log.debug("ignoring unreadable cache %s: %s", path, exc)
        return {}
    return envelope if isinstance(envelope, dict) else {}


def _write(path: Path, envelope: dict[str, Any]) -> None:
    """Atomic (temp file + os.replace): readers never see half a file; mtime=0 keeps it stable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = gzip.compress(json.dumps(envelope, separators=(",", ":")).encode(), mtime=0)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide a shipped sidecar from other users
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
