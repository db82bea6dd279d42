"""Errors the engine raises at start-up; per-line problems are issues, never exceptions."""

from __future__ import annotations

from pathlib import Path


class DataFileError(Exception):
    """A data file is missing or malformed: names the file and where in it."""

    def __init__(self, path: Path | str, where: str, problem: str) -> None:
        self.path = Path(path)
        self.where = where
        self.problem = problem
        location = f"{self.path}: {where}" if where else str(self.path)
        super().__init__(f"{location}: {problem}")
