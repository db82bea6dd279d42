"""`codeset`: validate, look up and list codes from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from engine.domain.config import Config
from engine.domain.contract import CodeSystem
from engine.domain.errors import DataFileError
from engine.domain.model import CodeLookup, Issue, Line, LineResult, Verdict
from engine.domain.parsing import compact_date, parse_date
from engine.host.engine import Engine, PluginConflictError
from engine.host.hookspecs import CONTRACT_VERSION
from engine.host.loader import PluginLoadError, describe_plugin
from engine.transport.settings import ServerSettings

EXIT_ALL_VALID, EXIT_SOME_INVALID, EXIT_ERROR = 0, 1, 2

Command = Callable[[Engine, argparse.Namespace, TextIO], int]
"""What a subcommand's `run` default is (all but `serve`, which builds its own engine)."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["loadtest"]:  # its own options, parsed by engine.tools.loadtest
        return _loadtest(argv[1:])
    args = _parser().parse_args(argv)
    try:
        config = _config(args)
        run: object = args.run  # object, not Any: `run is _serve` would make _serve Any
        if run is _serve:
            return _serve(config)
        command: Command = args.run
        return command(Engine.from_config(config), args, sys.stdout)
    except (DataFileError, PluginConflictError, PluginLoadError, ValueError) as error:
        print(f"codeset: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML configuration file")
    common.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="set one configuration value, e.g. hcpcs.releases=/data/cms or cpt.file=cpt.tsv",
    )
    parser = argparse.ArgumentParser(prog="codeset", description=__doc__, parents=[common])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="validate codes")
    validate.add_argument("codes", nargs="*", metavar="CODE", help="e.g. J1100 99213-25")
    validate.add_argument("--file", type=Path, help="read one input per line (code [modifiers])")
    validate.add_argument(
        "--date",
        default="",
        help="date of service, YYYY-MM-DD (or YYYYMMDD); default today, reported as assumed",
    )
    validate.add_argument("--system", default="", help="system hint, e.g. hcpcs or cpt")
    validate.add_argument("--units", help="units of service, a positive number (2, 0.5)")
    validate.add_argument("--format", choices=("table", "jsonl"), default="table")
    validate.set_defaults(run=_validate)

    lookup = commands.add_parser("lookup", parents=[common], help="every attribute of a code")
    lookup.add_argument("code")
    lookup.add_argument("--system", default="", help="system id or URI")
    lookup.add_argument(
        "--date", default="", help="the date the answer is for, YYYY-MM-DD (default today)"
    )
    lookup.add_argument("--format", choices=("table", "json"), default="table")
    lookup.set_defaults(run=_lookup)

    systems = commands.add_parser("systems", parents=[common], help="loaded code systems")
    systems.add_argument("--format", choices=("table", "json"), default="table")
    systems.set_defaults(run=_systems)

    plugins = commands.add_parser("plugins", parents=[common], help="loaded plugins")
    plugins.add_argument("--format", choices=("table", "json"), default="table")
    plugins.set_defaults(run=_plugins)

    rules = commands.add_parser("rules", parents=[common], help="every rule id and its meaning")
    rules.set_defaults(run=_rules)

    serve = commands.add_parser("serve", parents=[common], help="run the gRPC server")
    for name, spec in ServerSettings.__dataclass_fields__.items():
        option, dest = "--" + name.replace("_", "-"), f"server.{name}"
        described = f"default {spec.default!r}; env CODESET_SERVER_{name.upper()}"
        if spec.type == "bool":
            serve.add_argument(
                option, dest=dest, help=described, action="store_const", const="true"
            )
        else:
            serve.add_argument(option, dest=dest, help=described, metavar=name.upper())
    serve.set_defaults(run=_serve)

    commands.add_parser("loadtest", help="drive a running server (codeset loadtest --help)")
    return parser


def _config(args: argparse.Namespace) -> Config:
    overrides: dict[str, dict[str, str]] = {}
    for item in args.set:
        name, separator, value = item.partition("=")
        section, dot, key = name.partition(".")
        if not (separator and dot and section and key):
            raise SystemExit(f"codeset: error: --set wants SECTION.KEY=VALUE, got {item!r}")
        overrides.setdefault(section.lower(), {})[key.lower()] = value
    for name, value in vars(args).items():  # `codeset serve --port 1234` and the like
        if name.startswith("server.") and value is not None:
            overrides.setdefault("server", {})[name.removeprefix("server.")] = value
    return Config.load(args.config, overrides=overrides)


def _loadtest(arguments: list[str]) -> int:
    from engine.tools import loadtest

    return loadtest.main(arguments)


def _serve(config: Config) -> int:
    from engine.transport import logs, server  # only the server pays for importing gRPC

    settings = ServerSettings.from_config(config)
    logs.configure(settings.log_level)
    if settings.baseline:
        return server.serve(settings, lambda: Engine(()))
    return server.serve(settings, lambda: Engine.from_config(config))


def _validate(engine: Engine, args: argparse.Namespace, out: TextIO) -> int:
    if not args.codes and not args.file:
        raise SystemExit("codeset: error: give codes or --file")
    inputs = _file_inputs(args.file) if args.file else iter(args.codes)
    day = compact_date(args.date) or args.date or None
    lines = (Line(raw, args.system, (), day, args.units) for raw in inputs)
    all_valid = True
    if args.format == "table":
        print(_TABLE_HEADER, file=out)
    for result in engine.iter_validate(lines):
        all_valid &= result.valid
        if args.format == "jsonl":
            print(json.dumps(_json(result)), file=out)
        else:
            print(_table_row(result), file=out)
    return EXIT_ALL_VALID if all_valid else EXIT_SOME_INVALID


def _json(found: LineResult | CodeLookup | CodeSystem) -> dict[str, object]:
    """The proto3 JSON mapping of the matching `codeset.v1` message (camelCase names,
    enums by name), so a file of CLI output reads exactly like gRPC JSON (`buf curl`)."""
    from engine.transport.conversions import json_of  # only JSON output pays for protobuf

    return json_of(found)


def _file_inputs(path: Path) -> Iterator[str]:
    from tqdm import tqdm  # imported here: only runs over a file pay for it

    if not path.is_file():
        raise DataFileError(path, "", "no such input file")
    with (
        open(path, encoding="utf-8", errors="replace") as handle,
        tqdm(desc="validating", unit=" lines", file=sys.stderr, disable=None) as bar,
    ):
        for text in handle:
            bar.update()
            if text.strip():
                yield text.rstrip("\r\n")


_TABLE_HEADER = f"{'INPUT':<16} {'CODE':<9} {'SYSTEM':<8} {'VERDICT':<10} CLASSIFICATION"
_VERDICT_WORDS = {
    Verdict.VALID: "valid",
    Verdict.INVALID: "INVALID",
    Verdict.UNVERIFIED: "unverified",
}


def _table_row(result: LineResult) -> str:
    classification = result.classification
    where = " / ".join(
        part
        for part in ((classification.section, classification.subsection) if classification else ())
        if part
    )
    rows = [
        f"{result.input.strip()[:16]:<16} {result.code[:9]:<9} {result.system[:8]:<8} "
        f"{_VERDICT_WORDS[result.verdict]:<10} {where}"
    ]
    if result.display:
        rows.append(f"{'':<47}{result.display}")
    rows.extend(
        f"{'':<4}{issue.severity.value:<8}{issue.rule}: {issue.message}" for issue in result.issues
    )
    return "\n".join(rows)


def _lookup(engine: Engine, args: argparse.Namespace, out: TextIO) -> int:
    on = parse_date(compact_date(args.date) or args.date) if args.date else None
    if isinstance(on, Issue):
        print(f"codeset: error: --date: {on.message}", file=sys.stderr)
        return EXIT_ERROR
    found = engine.lookup(args.code, args.system, on)
    if found is None:
        print(f"{args.code}: not found in any loaded code system", file=sys.stderr)
        return EXIT_SOME_INVALID
    if args.format == "json":
        print(json.dumps(_json(found), indent=2), file=out)
    else:
        _print_lookup(found, out)
    return EXIT_ALL_VALID


def _print_lookup(found: CodeLookup, out: TextIO) -> None:
    status = "  (inactive on this date)" if found.inactive else ""
    print(f"{found.code} ({found.system}, {found.edition}): {found.display}{status}", file=out)
    classification = found.classification
    for label, value in (
        ("category", classification.category),
        ("section", classification.section),
        ("subsection", classification.subsection),
    ):
        if value:
            print(f"  {label:<20} {value}", file=out)
    for item in found.properties:
        meaning = f"  ({item.meaning})" if item.meaning else ""
        print(f"  {item.code:<28} {item.value}{meaning}", file=out)


def _systems(engine: Engine, args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "json":
        print(json.dumps([_json(system) for system in engine.systems], indent=2), file=out)
        return EXIT_ALL_VALID
    for system in engine.systems:
        print(f"{system.id:<8} {system.name}  <{system.uri}>", file=out)
        if not system.editions:
            print(f"{'':<10}(no data loaded)", file=out)
        for edition in system.editions:
            effective = f"  effective {edition.effective.isoformat()}" if edition.effective else ""
            print(f"{'':<10}{edition.id:<22} {edition.title}{effective}", file=out)
    return EXIT_ALL_VALID


def _plugins(engine: Engine, args: argparse.Namespace, out: TextIO) -> int:
    described = [describe_plugin(info) for info in engine.plugins.plugins.values()]
    if args.format == "json":
        print(json.dumps(described, indent=2), file=out)
        return EXIT_ALL_VALID
    print(f"plugin contract {CONTRACT_VERSION}", file=out)
    for plugin in described:
        origin = f"{plugin['distribution']} {plugin['version']}".strip() or "(registered directly)"
        print(f"{plugin['name']:<10} {origin}", file=out)
        if plugin["error"]:
            print(f"{'':<10} FAILED: {plugin['error']}", file=out)
        for label in ("code_systems", "modifier_sets", "claim_rule_families", "rules"):
            if plugin[label]:
                print(f"{'':<10} {label.replace('_', ' ')}: {', '.join(plugin[label])}", file=out)
    return EXIT_ALL_VALID


def _rules(engine: Engine, args: argparse.Namespace, out: TextIO) -> int:
    for rule in engine.rule_descriptions:
        print(f"{rule.id:<42} {rule.family:<28} {rule.description}", file=out)
    return EXIT_ALL_VALID


if __name__ == "__main__":
    raise SystemExit(main())
