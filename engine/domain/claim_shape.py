"""What makes a claim itself unusable, before any rule looks at its lines."""

from __future__ import annotations

from collections import Counter
from datetime import date

from engine.domain import rules
from engine.domain.claims import Claim, ClaimIssue, Setting
from engine.domain.model import Issue, Severity
from engine.domain.parsing import parse_date

SETTINGS = tuple(setting.value for setting in Setting)


def claim_shape_issues(claim: Claim) -> tuple[date | None, list[ClaimIssue]]:
    """The claim's submission date (None if absent or unusable) and the claim's problems."""
    issues: list[ClaimIssue] = []
    if not claim.lines:
        issues.append(ClaimIssue(rules.EMPTY_CLAIM, Severity.ERROR, "the claim has no lines"))
    repeated = sorted(
        n for n, count in Counter(line.number for line in claim.lines).items() if count > 1
    )
    unnumbered = [line for line in claim.lines if type(line.number) is not int or line.number < 1]
    if unnumbered:
        issues.append(
            ClaimIssue(
                rules.INVALID_LINE_NUMBER,
                Severity.ERROR,
                f"{len(unnumbered)} line(s) have no positive line number "
                f"(got {', '.join(repr(line.number) for line in unnumbered[:3])})",
            )
        )
    undated = [line.number for line in claim.lines if not line.date_of_service]
    if undated:
        issues.append(
            ClaimIssue(
                rules.MISSING_DATE_OF_SERVICE,
                Severity.ERROR,
                f"line(s) {', '.join(map(str, undated))} have no date of service; a claim line "
                "needs one (CMS-1500 item 24A, 837 service date): none was assumed",
                tuple(undated),
            )
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
