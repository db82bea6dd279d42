"""The layers stay layers: who may import what, module sizes, typed hook specs.

docs/ARCHITECTURE.md draws the layers; these tests fail when a change crosses one, so the
drawing stays true without anyone having to remember it.
"""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path

import pytest

from engine.host import hookspecs

ROOT = Path(__file__).parents[1]
ENGINE = ROOT / "engine"
GENERATED = ENGINE / "transport" / "api"
WIRE = ("grpc", "grpc_health", "grpc_reflection", "grpc_status", "google.protobuf", "google.rpc")
MAX_LINES = 500


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if GENERATED not in p.parents)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (lazy imports inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def reaches(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", python_files(ENGINE), ids=relative)
def test_only_the_transport_speaks_grpc_or_protobuf(path):
    if ENGINE / "transport" in path.parents:
        return
    assert not reaches(imports(path), (*WIRE, "engine.transport.api")), (
        f"{relative(path)} imports gRPC or protobuf: that belongs in engine/transport"
    )


@pytest.mark.parametrize("path", python_files(ENGINE / "domain"), ids=relative)
def test_the_domain_core_depends_on_nothing_but_itself(path):
    outside = ("engine.host", "engine.transport", "engine.tools", "engine.plugin_api")
    assert not reaches(imports(path), (*WIRE, "plugins", "pluggy", *outside))


PLUGIN_SOURCES = [
    *python_files(ROOT / "plugins"),
    *python_files(ROOT / "examples" / "icd10cm" / "src"),
]


@pytest.mark.parametrize("path", PLUGIN_SOURCES, ids=relative)
def test_plugins_use_only_the_public_plugin_api(path):
    engine_imports = reaches(imports(path), ("engine",))
    assert all(m.startswith("engine.plugin_api") for m in engine_imports), (
        f"{relative(path)} imports {engine_imports}: plugins import only engine.plugin_api"
    )


def test_the_package_root_holds_only_the_two_public_modules():
    assert sorted(p.name for p in ENGINE.glob("*.py")) == ["__init__.py", "plugin_api.py"]


@pytest.mark.parametrize(
    "path", python_files(ENGINE) + python_files(ROOT / "plugins"), ids=relative
)
def test_no_module_is_over_the_size_limit(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


HOOKS = [
    function
    for _, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, "codeset_spec")
]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook.__name__)
def test_every_hook_spec_is_fully_typed(hook):
    hints = typing.get_type_hints(hook)
    parameters = inspect.signature(hook).parameters
    assert set(parameters) | {"return"} == set(hints), f"{hook.__name__} has untyped parameters"
