"""Claim checks that need no CMS table: duplicates, contradictory modifiers, implausible
units, NOC codes without a narrative, dates of service after the claim was submitted.

A date of service before a code existed is already an error on its line
(`HCPCS.NOT_YET_EFFECTIVE`, `CPT.NOT_YET_EFFECTIVE`), so it is not repeated here.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.plugin_api import ClaimRule, Config, hookimpl
from plugins.claims import checks


@hookimpl
def register_claim_rules(register: Callable[[ClaimRule], None], config: Config) -> None:
    register(ClaimRule("claim.duplicates", checks.duplicate_lines, checks.DUPLICATE_RULES))
    register(ClaimRule("claim.modifiers", checks.contradictory_modifiers, checks.MODIFIER_RULES))
    register(ClaimRule("claim.units", checks.implausible_units, checks.UNITS_RULES))
    register(ClaimRule("claim.noc", checks.noc_without_narrative, checks.NOC_RULES))
    register(ClaimRule("claim.dates", checks.after_submission, checks.DATE_RULES))
