"""Shared fixtures: one engine on the embedded CMS data, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import Config, Engine

DATA = Path(__file__).parent / "data"
CPT_FIXTURE = DATA / "cpt_fixture.tsv"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine a fresh install runs: embedded data, no user configuration."""
    return Engine.from_config(Config())


@pytest.fixture(scope="session")
def licensed_engine() -> Engine:
    """The engine a CPT licensee runs, on a fixture file of made-up descriptors."""
    return Engine.from_config(Config({"cpt": {"file": str(CPT_FIXTURE)}}))
