"""What makes a claim itself unusable, before any rule looks at its lines."""

from __future__ import annotations

from collections import Counter
from datetime import date

from engine.domain import rules
from engine.domain.claims import Claim, ClaimIssue
from engine.domain.model import Issue, Severity
from engine.domain.parsing import parse_date

SETTINGS = ("practitioner", "outpatient_hospital", "dme")


def claim_shape_issues(claim: Claim) -> tuple[date | None, list[ClaimIssue]]:
    """The claim's submission date (None if absent or unusable) and the claim's problems."""
    issues: list[ClaimIssue] = []
    if not claim.lines:
        issues.append(ClaimIssue(rules.EMPTY_CLAIM, Severity.ERROR, "the claim has no lines"))
    repeated = sorted(
        n for n, count in Counter(line.number for line in claim.lines).items() if count > 1
    )
    if repeated:
        issues.append(
            ClaimIssue(
                rules.DUPLICATE_LINE_NUMBER,
                Severity.ERROR,
                f"line numbers {', '.join(map(str, repeated))} appear more than once",
                tuple(repeated),
            )
        )
    if claim.setting not in SETTINGS:
        issues.append(
            ClaimIssue(
                rules.UNKNOWN_SETTING,
                Severity.ERROR,
                f"setting {claim.setting!r} is not one of {', '.join(SETTINGS)}",
            )
        )
    submission = parse_date(claim.submission_date) if claim.submission_date else None
    if isinstance(submission, Issue):
        issues.append(
            ClaimIssue(rules.INVALID_DATE, Severity.ERROR, f"submission {submission.message}")
        )
        submission = None
    return submission, issues
