"""What the service tells callers about itself and its data, as `codeset.v1` messages:
lookups, the code systems and rules it lists (AIP-158 pages), its limits and profiles
(GetServerInfo), and the request rule profiles it reads.

Each function takes the engine that answers and raises `RpcFailure` for a request it
cannot use, with the ErrorInfo reason and the field a unary call fails with (BatchLookup
puts the same status in the item's result).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import grpc

from engine.domain import rules
from engine.domain.claims import Profile, Setting, in_family
from engine.domain.model import Issue, RuleDescription, Severity
from engine.domain.parsing import MAX_INPUT_LENGTH, MAX_MODIFIERS, parse_date, shown_input
from engine.host.engine import Engine
from engine.host.routing import PluginError
from engine.transport import status
from engine.transport.api.codeset.v1 import codeset_pb2 as pb
from engine.transport.conversions import SEVERITIES, code_system_message, lookup_message
from engine.transport.settings import ServerSettings
from engine.transport.status import RpcFailure, invalid_argument

CONTRACT_VERSION = "1.0.0"
VIEWS = (pb.RESULT_VIEW_BASIC, pb.RESULT_VIEW_FULL)
# Whether each `ResultView` a request may send sends the descriptor and property meanings.
FULL_VIEWS: dict[int, bool] = {
    pb.RESULT_VIEW_UNSPECIFIED: False,
    pb.RESULT_VIEW_BASIC: False,
    pb.RESULT_VIEW_FULL: True,
}
# The claim settings the engine knows, as the contract numbers them.
SETTINGS = tuple(pb.Setting.Value(f"SETTING_{setting.name}") for setting in Setting)
REQUEST_SEVERITIES = {number: severity for severity, number in SEVERITIES.items()}


@dataclass(frozen=True)
class Limits:
    """The bounds every request is checked against before work starts (GetServerInfo)."""

    max_batch_lines: int = 5_000
    max_lookup_batch: int = 1_000
    max_request_bytes: int = 64 * 1024 * 1024
    max_response_bytes: int = 64 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: ServerSettings) -> Limits:
        """From the server's settings (engine.transport.settings.ServerSettings)."""
        return cls(
            settings.max_batch_lines,
            settings.max_lookup_batch,
            settings.max_message_bytes,
            settings.max_message_bytes,
        )

    def message(self) -> pb.Limits:
        return pb.Limits(
            max_batch_lines=self.max_batch_lines,
            max_modifiers_per_line=MAX_MODIFIERS,
            max_code_length=MAX_INPUT_LENGTH,
            max_lookup_batch=self.max_lookup_batch,
            max_request_bytes=self.max_request_bytes,
            max_response_bytes=self.max_response_bytes,
        )


# --- What one engine holds, worked out once per engine ----------------------------------


@dataclass(frozen=True)
class Catalog:
    """An engine's rules, families and data fingerprint, computed once (an engine never
    changes; a reload or a pin is another engine)."""

    rules: tuple[RuleDescription, ...]
    rule_ids: frozenset[str]
    families: tuple[str, ...]
    fingerprint: str


_catalogs: weakref.WeakKeyDictionary[Engine, Catalog] = weakref.WeakKeyDictionary()


def catalog(engine: Engine) -> Catalog:
    found = _catalogs.get(engine)
    if found is None:
        described = tuple(engine.rule_descriptions)
        data = [
            [(system.id, [edition.id for edition in system.editions]) for system in engine.systems],
            [rule.id for rule in described],
        ]
        digest = hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]
        found = Catalog(
            described,
            frozenset(rule.id for rule in described),
            tuple(engine.claim_rule_families),
            digest,
        )
        _catalogs[engine] = found
    return found


# --- Request fields every RPC checks alike ---------------------------------------------


def full_view(view: int) -> bool:
    """Whether a request's `ResultView` is FULL; INVALID_ARGUMENT for a view this server
    does not know (a newer client's), rather than guessing what it wanted."""
    try:
        return FULL_VIEWS[view]
    except KeyError:
        known = ", ".join(pb.ResultView.Name(number) for number in FULL_VIEWS)
        raise invalid_argument(
            status.UNKNOWN_RESULT_VIEW,
            f"unknown result view {view}",
            ("view", f"{view}: not one of {known}"),
        ) from None


# --- Lookup ------------------------------------------------------------------------------


def lookup(engine: Engine, request: pb.LookupRequest) -> pb.LookupResponse:
    """Everything the answering edition holds for the request's code (FHIR $lookup)."""
    code = request.code.strip()
    if not code:
        raise invalid_argument(status.EMPTY_CODE, "no code to look up", ("code", "required"))
    on = _lookup_date(request.date)
    if request.system and engine.system(request.system) is None:
        known = ", ".join(system.id for system in engine.systems) or "none"
        raise invalid_argument(
            status.UNKNOWN_SYSTEM,
            f"no code system {shown_input(request.system)!r} is loaded",
            ("system", f"not a loaded system's id or URI (loaded: {known})"),
        )
    try:
        found = engine.lookup(code, request.system, on=on)
    except PluginError as error:
        raise RpcFailure(
            grpc.StatusCode.INTERNAL,
            f"the code system failed to look {shown_input(code)!r} up: {error}",
            status.PLUGIN_FAILED,
        ) from None
    if found is None:
        raise _not_found(engine, code, request.system)
    return lookup_message(found, full=True)  # with its edition, inactive and also_in


def _lookup_date(text: str) -> date | None:
    """The request's date, in the one spelling the engine takes (`parse_date`)."""
    if not text:
        return None
    parsed = parse_date(text)
    if isinstance(parsed, date):
        return parsed
    raise invalid_argument(
        status.INVALID_DATE,
        f"date {shown_input(text)!r} is not a calendar date",
        ("date", "expected a calendar date written YYYY-MM-DD"),
    )


def _not_found(engine: Engine, code: str, system: str) -> RpcFailure:
    """CODE_NOT_RECOGNISED when no loaded system (or not the named one) has the code's
    shape; CODE_NOT_FOUND when one has, but its data does not hold the code."""
    routed = engine.router.route(code.upper(), system)
    unrecognised = isinstance(routed, Issue) and routed.rule in (
        rules.UNRECOGNISED_CODE,
        rules.INVALID_FORMAT,
    )
    where = f"code system {system!r}" if system else "any loaded code system"
    if unrecognised:
        return RpcFailure(
            grpc.StatusCode.NOT_FOUND,
            f"{shown_input(code)!r} does not have the shape of a code of {where}",
            status.CODE_NOT_RECOGNISED,
            metadata={"code": shown_input(code)},
        )
    return RpcFailure(
        grpc.StatusCode.NOT_FOUND,
        f"{shown_input(code)!r} is not in the data of {where}",
        status.CODE_NOT_FOUND,
        metadata={"code": shown_input(code)},
    )


# --- Pages (AIP-158) ---------------------------------------------------------------------

ItemT = TypeVar("ItemT")


def page(
    items: Sequence[ItemT],
    page_size: int,
    token: str,
    *,
    kind: str,
    fingerprint: str,
    default_size: int,
    max_size: int,
) -> tuple[Sequence[ItemT], str]:
    """The page of `items` a request asks for, and the token of the next page ('' on the
    last). A token carries its list's kind, the offset and the fingerprint of the data it
    was issued for: one from before a reload (other data) is refused, never misread."""
    if page_size < 0:
        raise invalid_argument(
            status.INVALID_PAGE_SIZE,
            "page_size must not be negative",
            ("page_size", f"{page_size}: 0 for the default ({default_size}) or a positive size"),
        )
    size = min(page_size or default_size, max_size)
    offset = _offset(token, kind, fingerprint) if token else 0
    end = offset + size
    next_token = _token(kind, end, fingerprint) if end < len(items) else ""
    return items[offset:end], next_token


def _token(kind: str, offset: int, fingerprint: str) -> str:
    data = json.dumps({"k": kind, "o": offset, "f": fingerprint}, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def _offset(token: str, kind: str, fingerprint: str) -> int:
    offset: object = None  # whatever the token holds, until checked
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        offset = data["o"]
        issued: bool = data["k"] == kind and data["f"] == fingerprint
    except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
        issued = False
    if not (issued and isinstance(offset, int) and offset > 0):
        raise invalid_argument(
            status.INVALID_PAGE_TOKEN,
            "page_token was not issued for this list, or the data was reloaded since",
            ("page_token", f"{shown_input(token)!r}: list again from the first page (no token)"),
        )
    return offset


def list_code_systems(engine: Engine, request: pb.ListCodeSystemsRequest) -> bytes:
    systems, token = page(
        engine.systems,
        request.page_size,
        request.page_token,
        kind="code_systems",
        fingerprint=catalog(engine).fingerprint,
        default_size=100,
        max_size=100,
    )
    encoded: bytes = pb.ListCodeSystemsResponse(
        code_systems=[code_system_message(system) for system in systems], next_page_token=token
    ).SerializeToString()
    return encoded


def list_rules(engine: Engine, request: pb.ListRulesRequest) -> bytes:
    found = catalog(engine)
    described, token = page(
        found.rules,
        request.page_size,
        request.page_token,
        kind="rules",
        fingerprint=found.fingerprint,
        default_size=200,
        max_size=1000,
    )
    encoded: bytes = pb.ListRulesResponse(
        rules=[rule_message(rule) for rule in described], next_page_token=token
    ).SerializeToString()
    return encoded


def rule_message(rule: RuleDescription) -> pb.RuleDescription:
    """Rules publish no severity of their own: the issue's says (SEVERITY_UNSPECIFIED)."""
    return pb.RuleDescription(
        id=rule.id,
        description=rule.description,
        family=rule.family,
        plugin=rule.plugin,
        claim_rule=rule.claim_rule,
        default_severity=pb.SEVERITY_UNSPECIFIED,
    )


# --- GetServerInfo -----------------------------------------------------------------------


def server_info(engine: Engine, limits: Limits, version: str) -> pb.GetServerInfoResponse:
    return pb.GetServerInfoResponse(
        version=version,
        contract_version=CONTRACT_VERSION,
        limits=limits.message(),
        views=VIEWS,
        settings=SETTINGS,
        profiles=[
            profile_description(name, engine.profiles[name]) for name in sorted(engine.profiles)
        ],
        timezone=engine.timezone,
        rule_families=catalog(engine).families,
    )


def profile_description(name: str, profile: Profile) -> pb.RuleProfileDescription:
    return pb.RuleProfileDescription(
        name=name,
        families=sorted(profile.families or ()),
        severity_overrides={rule: SEVERITIES[level] for rule, level in profile.severities.items()},
        disabled_rules=sorted(profile.disabled),
    )


# --- Request rule profiles -------------------------------------------------------------


def profile_from_message(engine: Engine, message: pb.RuleProfile) -> Profile:
    """The named profile with the request's families, severity overrides and disabled
    rules on top; INVALID_ARGUMENT naming every entry this engine does not know."""
    try:
        base = engine.profile(message.name)
    except KeyError:
        known = ", ".join(sorted(engine.profiles)) or "none configured"
        raise invalid_argument(
            status.UNKNOWN_PROFILE,
            f"no rule profile {shown_input(message.name)!r} is configured",
            ("profile.name", f"not a configured profile (profiles: {known})"),
        ) from None
    if not (message.families or message.severity_overrides or message.disabled_rules):
        return base
    found = catalog(engine)
    problems: list[tuple[str, str, str]] = []  # (reason, field, why)
    for position, name in enumerate(message.families):
        if not any(in_family(family, name) for family in found.families):
            problems.append(
                (
                    status.UNKNOWN_RULE_FAMILY,
                    f"profile.families[{position}]",
                    f"{shown_input(name)!r} is not a claim-rule family "
                    f"(families: {', '.join(found.families) or 'none'})",
                )
            )
    overrides: dict[str, Severity] = {}
    for rule, level in message.severity_overrides.items():
        field = f"profile.severity_overrides[{shown_input(rule)}]"
        if rule not in found.rule_ids:
            problems.append((status.UNKNOWN_RULE, field, _unknown_rule(rule)))
        elif level not in REQUEST_SEVERITIES:
            problems.append(
                (
                    status.INVALID_SEVERITY,
                    field,
                    f"severity {_severity_name(level)} is not SEVERITY_ERROR, "
                    "SEVERITY_WARNING or SEVERITY_INFO",
                )
            )
        else:
            overrides[rule] = REQUEST_SEVERITIES[level]
    for position, rule in enumerate(message.disabled_rules):
        if rule not in found.rule_ids:
            problems.append(
                (status.UNKNOWN_RULE, f"profile.disabled_rules[{position}]", _unknown_rule(rule))
            )
    if problems:
        reason, field, _ = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise invalid_argument(
            reason,
            f"the rule profile cannot be used: {field}{more}",
            *((field, why) for _, field, why in problems),
        )
    return Profile(
        frozenset(message.families) if message.families else base.families,
        {**base.severities, **overrides},
        base.disabled | frozenset(message.disabled_rules),
    )


def _unknown_rule(rule: str) -> str:
    return f"{shown_input(rule)!r} is not a rule id this server has (ListRules lists them)"


def _severity_name(number: int) -> str:
    try:
        name: str = pb.Severity.Name(number)
    except ValueError:
        return f"number {number}"
    return name
