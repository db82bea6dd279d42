"""Mutation testing of one module with the tests that exercise it (slow: not part of CI).

    python scripts/mutation.py parsing --sample 60 --seed 1 [--jobs 2] [--tests tests/x.py]
    python scripts/mutation.py --list-roles

PATH is a module file or a role: the module defining a role's top-level name (ROLES), looked up
each run, so a role follows its code when it moves. Mutants are cosmic-ray's operators (those
without arguments), one at a time, in a copy of the repository (git's tracked and untracked
unignored files) in a temporary folder: the working tree is never written, and runs can go side
by side. The copy has its own venv: this one's site-packages plus the copy's root, without the
editable finder that maps `engine` here, so pytest and every subprocess (server, `codeset`)
import the copy, even one that sets PYTHONPATH: checked before any mutant.

Tests (docs/TESTING.md says more): one run of the suite under coverage maps each line to the
tests whose call runs it; a mutant runs those, or the union of every test that ran the module,
and a survivor of fewer runs again on the union. `--tests` replaces the mapping. The unmutated
union must pass, else exit 2; each mutant runs with -x and a timeout of 3 times that run + 10 s.
Score = (killed + timeout) / tried, tried being the mutants run.

Left out, as they cannot change behaviour:
- type annotations, in a module with `from __future__ import annotations` (all of ours): none
  is evaluated;
- the body of `if TYPE_CHECKING:`, which never runs;
- mutants that do not compile (cosmic-ray turns the `*` of keyword-only parameters into `+`);
- removing `@lru_cache`/`@cache` or changing its arguments: each cached function is pure, so
  the cache changes time and memory only.
cosmic-ray has no operator on strings: docstrings, `__all__` and log messages are never mutated.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import functools
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
import warnings
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cosmic_ray.plugins
import coverage
import pytest
from cosmic_ray.ast import ast_nodes, get_ast
from cosmic_ray.mutating import mutate_code

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("engine", "plugins")
ROLES = {  # role -> the top-level def or class that only its module defines
    "parsing": "split_code",
    "core": "Engine",
    "encoding": "ResultEncoder",
    "effective": "effective_date_issue",
    "hcpcs-codeset": "HcpcsCodeSystem",
    "ncci-ptp": "PtpTables",
    "ncci-rules": "NcciRules",
}
# (parent, the token before) of an annotation
ANNOTATION = {("param", ":"), ("tfpdef", ":"), ("annassign", ":"), ("funcdef", "->")}
CACHE = re.compile(r"@\s*(functools\.)?(lru_cache|cache)\b")
DATA = os.environ.get("MUTATION_COV_DATA")  # set in the mapping run, whose pytest loads this
RAN: dict[str, list[str]] = {"ran": [], "failed": []}
if DATA:
    COV = coverage.Coverage(DATA, include=[os.environ["MUTATION_COV_FILE"]], config_file=False)
    real_lru_cache = functools.lru_cache

    def lru_cache_off(maxsize: Any = 128, typed: bool = False) -> Any:
        if not sys._getframe(1).f_globals.get("__name__", "").startswith(SOURCES):
            return real_lru_cache(maxsize, typed)
        return real_lru_cache(0, typed)(maxsize) if callable(maxsize) else real_lru_cache(0, typed)

    functools.lru_cache = lru_cache_off


def pytest_sessionstart() -> None:
    COV.start()


def phase(name: str) -> Any:
    """A hook naming the coverage context after the test and its phase."""
    return pytest.hookimpl(tryfirst=True)(lambda item: COV.switch_context(f"{item.nodeid}|{name}"))


pytest_runtest_setup = phase("setup")
pytest_runtest_call = phase("call")
pytest_runtest_teardown = phase("teardown")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    RAN["ran"] += [report.nodeid] if report.when == "call" else []
    RAN["failed"] += [report.nodeid] if report.failed else []


def pytest_sessionfinish() -> None:
    COV.stop()
    COV.save()
    Path(f"{DATA}.json").write_text(json.dumps(RAN))


@dataclass(frozen=True)
class Mutant:
    operator: str
    occurrence: int
    line: int
    in_body: bool  # inside a function body: runs only when called


@dataclass(frozen=True)
class Copy:
    repo: Path
    python: str
    env: dict[str, str]


def find_module(target: str) -> Path:
    if target not in ROLES:
        path = Path(target).resolve()
        if not path.is_file() or not path.is_relative_to(ROOT):
            sys.exit(f"{target}: neither a module in {ROOT} nor a role ({', '.join(ROLES)})")
        return path.relative_to(ROOT)
    defines = re.compile(rf"^(async\s+def|def|class)\s+{re.escape(ROLES[target])}\b", re.M)
    found = [p.relative_to(ROOT) for d in SOURCES for p in sorted((ROOT / d).rglob("*.py"))]
    found = [p for p in found if defines.search((ROOT / p).read_text(encoding="utf-8"))]
    if len(found) != 1:
        sys.exit(f"role {target}: {len(found)} modules define {ROLES[target]}: {found}")
    return found[0]


def ancestry(node: Any) -> Iterator[tuple[Any, Any]]:
    """(node, parent) pairs from a parso node up to the module."""
    while node.parent is not None:
        yield node, node.parent
        node = node.parent


def left_out(node: Any, lazy: bool) -> str | None:
    for child, parent in ancestry(node):
        after = (parent.type, getattr(child.get_previous_sibling(), "value", None))
        if lazy and after in ANNOTATION:
            return "annotation"
        test = parent.children[1].get_code().strip() if parent.type == "if_stmt" else ""
        if test in ("TYPE_CHECKING", "typing.TYPE_CHECKING") and child is parent.children[3]:
            return "TYPE_CHECKING block"
        if child.type == "decorator" and CACHE.match(child.get_code().strip()):
            return "cache decorator"
    return None


def all_mutants(source: str, excluded: Counter[str]) -> list[Mutant]:
    tree, found = get_ast(source), []
    lazy = bool(re.search(r"^from __future__ import .*\bannotations\b", source, re.M))
    for name in cosmic_ray.plugins.operator_names():
        operator = cosmic_ray.plugins.get_operator(name)
        if operator.arguments():
            continue
        spots = [
            (node, at) for node in ast_nodes(tree) for at, _ in operator().mutation_positions(node)
        ]
        for occurrence, (node, (line, _)) in enumerate(spots):
            if reason := left_out(node, lazy):
                excluded[reason] += 1
                continue
            body = any(
                p.type in ("funcdef", "lambdef") and c is p.children[-1] for c, p in ancestry(node)
            )
            found.append(Mutant(name, occurrence, line, body))
    return found


def mutate(source: str, mutant: Mutant) -> str | None:
    operator = cosmic_ray.plugins.get_operator(mutant.operator)()
    code: str | None = mutate_code(source, operator, mutant.occurrence)
    try:
        with warnings.catch_warnings(action="ignore"):  # `x is 0` compiles, with a warning
            compile(code or "", "<mutant>", "exec")
    except SyntaxError:
        return None
    return code


def change(before: str, after: str) -> str:
    old, new = before.splitlines(), after.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            was = " / ".join(line.strip() for line in old[i1:i2]) or "(nothing)"
            return f"{was} ==> {' / '.join(line.strip() for line in new[j1:j2]) or '(deleted)'}"
    return "(no change)"


def make_copy(where: Path) -> Copy:
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    names = subprocess.run(listed, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    repo, home = where / "repo", where / "venv"
    for name in names.split("\0"):
        if name and (ROOT / name).is_file():  # not a tracked file deleted since
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    if (ROOT / "node_modules").is_dir():
        (repo / "node_modules").symlink_to(ROOT / "node_modules")
    venv.EnvBuilder(symlinks=True).create(home)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(home), "platbase": str(home)}))
    (site / "_mutation.pth").write_text(f"{repo}\n{sysconfig.get_path('purelib')}\n")
    script = home / "bin" / "codeset"
    script.write_text(
        f"#!{home}/bin/python\nfrom engine.tools.cli import main\nraise SystemExit(main())\n"
    )
    script.chmod(0o755)
    path = f"{home / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "VIRTUAL_ENV": str(home), "PYTHONPATH": str(repo)}
    return Copy(repo, str(home / "bin" / "python"), env | {"PYTHONDONTWRITEBYTECODE": "1"})


def check_imports(copy: Copy, module: Path) -> None:
    """The copy is what gets imported, with PYTHONPATH and without (as some tests set it)."""
    probe = (
        "import importlib, importlib.metadata as m\n"
        f"print(importlib.import_module({'.'.join(module.with_suffix('').parts)!r}).__file__)\n"
        "for ep in m.entry_points(group='codeset'): print(ep.load().__file__)\n"
    )
    command, outside = [copy.python, "-c", probe], copy.repo.parent  # cwd is on sys.path
    for env in (copy.env, {k: v for k, v in copy.env.items() if k != "PYTHONPATH"}):
        done = subprocess.run(command, cwd=outside, env=env, capture_output=True, text=True)
        wrong = [f for f in done.stdout.split() if not Path(f).is_relative_to(copy.repo)]
        if done.returncode or wrong:
            sys.exit(f"the copy is not what gets imported: {wrong or done.stderr}")


def run_pytest(
    copy: Copy, args: list[str], timeout: float | None = None, **env: str
) -> tuple[int | None, str]:
    """pytest's exit code in the copy (None on a timeout) and its output."""
    command = [copy.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    proc = subprocess.Popen(
        command,
        cwd=copy.repo,
        env=copy.env | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a group, to end with the servers the tests start
    )
    try:
        output = proc.communicate(timeout=timeout)[0].decode(errors="replace")
        return proc.returncode, output
    except subprocess.TimeoutExpired:
        return None, "timeout"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.returncode is None:
            proc.communicate()


def map_tests(copy: Copy, module: Path) -> tuple[list[str], dict[int, list[str]], set[int]]:
    """The union, the tests whose call runs each line, and the lines run outside a call."""
    data, target = copy.repo.parent / "coverage.db", str(copy.repo / module)
    env = {"MUTATION_COV_DATA": str(data), "MUTATION_COV_FILE": target}
    env["PYTHONPATH"] = f"{copy.repo}{os.pathsep}{copy.repo / 'scripts'}"  # for -p mutation
    code, output = run_pytest(copy, ["-m", "not slow", "-p", "mutation"], None, **env)
    if code not in (0, 1):
        sys.exit(f"the mapping run failed ({code}):\n{output[-3000:]}")
    report = json.loads(Path(f"{data}.json").read_text())
    if report["failed"]:
        print(f"left out, failing with caches off: {report['failed']}", file=sys.stderr)
    order = {test: n for n, test in enumerate(report["ran"]) if test not in report["failed"]}
    measured = coverage.CoverageData(str(data))
    measured.read()
    calls: dict[int, list[str]] = {}
    shared, union = set(), set()
    for line, contexts in measured.contexts_by_lineno(target).items():
        for test, _, when in (context.rpartition("|") for context in contexts):
            shared |= {line} if when != "call" else set()
            if test in order:
                union.add(test)
                calls.setdefault(line, []).extend([test] if when == "call" else [])
    calls = {line: sorted(tests, key=order.__getitem__) for line, tests in calls.items() if tests}
    return sorted(union, key=order.__getitem__), calls, shared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="a module file, or a role (--list-roles)")
    parser.add_argument("--sample", type=int, default=0, help="mutants to run (default: all)")
    parser.add_argument("--seed", type=int, default=0, help="for the sample")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once")
    parser.add_argument("--tests", nargs="+", help="tests for every mutant, instead of mapping")
    parser.add_argument("--list-roles", action="store_true")
    args = parser.parse_args()
    if args.list_roles or not args.path:
        for role, name in ROLES.items():
            print(f"{role:15} {name:22} {find_module(role)}")
        return
    module = find_module(args.path)
    source = (ROOT / module).read_text(encoding="utf-8")
    excluded: Counter[str] = Counter()
    candidates = all_mutants(source, excluded)
    random.Random(args.seed).shuffle(candidates)
    chosen: list[tuple[Mutant, str]] = []
    for mutant in candidates:
        if args.sample and len(chosen) == args.sample:
            break
        if (code := mutate(source, mutant)) is None:
            excluded["does not compile"] += 1
        else:
            chosen.append((mutant, code))
    chosen.sort(key=lambda pair: (pair[0].line, pair[0].operator, pair[0].occurrence))
    note = f"{len(candidates)} mutants, {len(chosen)} to run, left out {dict(excluded)}"
    print(f"{module}: {note}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        copies = [make_copy(Path(tmp).resolve() / f"copy{n}") for n in range(max(1, args.jobs))]
        for copy in copies:
            check_imports(copy, module)
        union, calls, shared = (
            (args.tests, {}, set()) if args.tests else map_tests(copies[0], module)
        )
        start = time.monotonic()
        status, output = run_pytest(copies[0], union) if union else (5, f"no test runs {module}")
        if status != 0:
            print(f"the unmutated tests fail:\n{output[-3000:]}", file=sys.stderr)
            sys.exit(2)
        timeout = 3 * (time.monotonic() - start) + 10
        print(f"{len(union)} tests or paths, timeout {timeout:.0f} s per mutant", file=sys.stderr)
        free: queue.Queue[Copy] = queue.Queue()
        for copy in copies:
            free.put(copy)

        def run(mutant: Mutant, code: str) -> str:
            copy = free.get()
            try:
                (copy.repo / module).write_text(code, encoding="utf-8")
                own = mutant.in_body and mutant.line not in shared and calls.get(mutant.line)
                status, _ = run_pytest(copy, ["-x", *(own or union)], timeout)
                if status == 0 and own:  # confirmed on the union, where a test may kill it
                    status, _ = run_pytest(copy, ["-x", *union], timeout)
            finally:
                (copy.repo / module).write_text(source, encoding="utf-8")
                free.put(copy)
            outcome = {None: "timeout", 0: "survived"}.get(status, "killed")
            print(f"{outcome:8} {module}:{mutant.line} {mutant.operator}", file=sys.stderr)
            return outcome

        with ThreadPoolExecutor(len(copies)) as pool:
            outcomes = list(pool.map(lambda pair: run(*pair), chosen))
    for (mutant, code), outcome in zip(chosen, outcomes, strict=True):
        if outcome == "survived":
            print(f"{module}:{mutant.line} {mutant.operator}: {change(source, code)}")
    counts, tried = Counter(outcomes), len(chosen)
    score = (counts["killed"] + counts["timeout"]) / tried if tried else 1.0
    tally = {key: counts[key] for key in ("killed", "survived", "timeout")}
    print(json.dumps({"module": str(module), "tried": tried, **tally, "score": round(score, 4)}))


if __name__ == "__main__":
    main()
