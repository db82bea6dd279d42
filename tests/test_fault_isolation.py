"""Deliberately broken plugins, installed through the real entry-point group: the product
names them, keeps answering every other line correctly, and keeps serving."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from engine import Config, Engine, Line
from engine.domain.model import Verdict
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.client import CodesetClient
from tests.server_process import ServerProcess

FIXTURE_PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
ON = "2025-10-15"  # in the October 2025 HCPCS release the real data is


@pytest.fixture
def broken(monkeypatch) -> Engine:
    monkeypatch.syspath_prepend(str(FIXTURE_PLUGINS))
    return Engine.from_config(Config())


def rules_of(result) -> list[str]:
    return [issue.rule for issue in result.issues]


def test_a_plugin_that_fails_to_import_is_named_and_left_out(broken):
    info = broken.plugins.plugins["fixture_import_error"]
    assert "import failed" in info.error and "broken on import" in info.error
    assert info.distribution == "codeset-fixture-plugins"
    assert {system.id for system in broken.systems} == {"hcpcs", "cpt", "faulty", "garbage"}


def test_a_rule_that_raises_fails_only_its_own_lines(broken):
    faulty = broken.validate(Line("ZZ123", date_of_service=ON))
    assert not faulty.valid and rules_of(faulty) == ["ENGINE.PLUGIN_ERROR"]
    assert "'fixture_faulty'" in faulty.issues[0].message
    assert "always_raises" in faulty.issues[0].message
    assert "cannot check ZZ123" in faulty.issues[0].message
    healthy = broken.validate(Line("J0135", date_of_service="2025-01-15"))
    assert rules_of(healthy)[0] == "HCPCS.TERMINATED"
    assert broken.faults.counts[("fixture_faulty", "rule always_raises")] == 1


def test_garbage_answers_are_plugin_errors(broken):
    result = broken.validate(Line("YY123", date_of_service=ON))
    assert rules_of(result) == ["ENGINE.PLUGIN_ERROR", "ENGINE.PLUGIN_ERROR"]
    assert "returned 42, not Issues" in result.issues[0].message
    assert "not a Classification" in result.issues[1].message
    assert result.classification is None


def test_a_batch_mixing_broken_and_healthy_lines(broken):
    lines = ["ZZ123", "99213-25", "YY123", Line("E0100-RT", date_of_service=ON)]
    results = broken.validate_batch(lines)
    assert [r.valid for r in results] == [False, True, False, True]
    assert [r.verdict for r in results] == [
        Verdict.INVALID,
        Verdict.UNVERIFIED,  # CPT without a licensed CPT file
        Verdict.INVALID,
        Verdict.VALID,
    ]


def test_codeset_plugins_names_the_broken_plugin():
    env = {**os.environ, "PYTHONPATH": str(FIXTURE_PLUGINS)}
    run = subprocess.run(
        ["codeset", "plugins", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    plugins = {plugin["name"]: plugin for plugin in json.loads(run.stdout)}
    assert "broken on import" in plugins["fixture_import_error"]["error"]
    assert plugins["fixture_faulty"]["code_systems"] == ["faulty"]
    assert plugins["hcpcs"]["error"] == ""


def test_the_server_starts_stays_serving_and_answers_around_broken_plugins():
    running = ServerProcess("--port", "0", env={"PYTHONPATH": str(FIXTURE_PLUGINS)})
    running.wait_listening().wait_serving()
    try:
        with CodesetClient(running.address) as client:
            lines = [Line(code, date_of_service=ON) for code in ("ZZ123", "J1100", "YY123")]
            results = client.validate_batch([*lines, "99213"])
            assert [r.verdict for r in results] == [
                pb.VERDICT_INVALID,
                pb.VERDICT_VALID,
                pb.VERDICT_INVALID,
                pb.VERDICT_UNVERIFIED,  # CPT without a licensed CPT file
            ]
            assert results[0].issues[0].rule == "ENGINE.PLUGIN_ERROR"
            assert client.serving()
            assert client.validate("J1100").code == "J1100"
    finally:
        running.stop()
    assert "fixture_import_error" in running.stderr and "broken on import" in running.stderr
