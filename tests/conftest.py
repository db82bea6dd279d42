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


@pytest.fixture(scope="session")
def server():
    """The real server on the embedded data and the made-up NCCI fixture tables, on an
    ephemeral loopback port."""
    from tests.server_process import ServerProcess

    ncci = DATA / "ncci" / "2025-10-01"
    running = ServerProcess("--port", "0", "-s", f"ncci.folders={ncci}").wait_listening()
    running.wait_serving()
    yield running
    assert running.stop() == 0, running.stderr


@pytest.fixture(scope="session")
def client(server):
    from engine.transport.client import CodesetClient

    with CodesetClient(server.address) as connected:
        yield connected
