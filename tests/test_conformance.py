"""The plugins the product ships, and the example third-party plugin, pass the test kit."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

from engine.host.conformance import PluginConformance


class TestHcpcsPlugin(PluginConformance):
    plugin_name = "hcpcs"
    sample_codes = ("J1100", " e0100 ", "A0021", "D0120", "A0000")


class TestCptPlugin(PluginConformance):
    plugin_name = "cpt"
    sample_codes = ("99213", "0001U", "1234F", "0042T", "0001M", "05000")


def test_the_kit_fails_a_plugin_that_answers_garbage(tmp_path):
    """The kit must be able to fail: run it on a deliberately broken fixture plugin."""
    suite = tmp_path / "test_garbage_plugin.py"
    suite.write_text(
        "from engine.host.conformance import PluginConformance\n\n"
        "class TestGarbage(PluginConformance):\n"
        "    plugin_name = 'fixture_garbage'  # installed: found through its entry point\n"
        "    sample_codes = ('YY123',)\n"
    )
    fixtures = Path(__file__).parent / "fixtures" / "plugins"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={"PYTHONPATH": f"{fixtures}", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 1, run.stdout
    assert "FAILED" in run.stdout, run.stdout
    # It fails for the plugin's errors (ENGINE.PLUGIN_ERROR issues), which the kit prints.
    assert "plugin 'fixture_garbage' failed in rule returns_garbage" in run.stdout, run.stdout
    assert "passed" in run.stdout  # the checks the garbage plugin does meet still pass


def example_plugin():
    """The example plugin's module, imported from its source without leaving its folder on
    sys.path (where build metadata would make it look pip-installed to every later test)."""
    source = str(Path(__file__).parents[1] / "examples" / "icd10cm" / "src")
    sys.path.insert(0, source)
    try:
        return importlib.import_module("codeset_icd10cm")
    finally:
        sys.path.remove(source)


class TestIcd10cmExamplePlugin(PluginConformance):
    plugin = example_plugin()
    plugin_name = "codeset_icd10cm"
    sample_codes = ("E11.9", "e119", " S72.001A ", "J11.00", "E11", "E11.99")
