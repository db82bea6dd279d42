"""Rule ids the engine itself emits, before any plugin sees a line."""

from __future__ import annotations

EMPTY_CODE = "ENGINE.EMPTY_CODE"
INPUT_TOO_LONG = "ENGINE.INPUT_TOO_LONG"
INVALID_CHARACTERS = "ENGINE.INVALID_CHARACTERS"
UNRECOGNISED_CODE = "ENGINE.UNRECOGNISED_CODE"
ALSO_CLAIMED = "ENGINE.ALSO_CLAIMED"
UNKNOWN_SYSTEM = "ENGINE.UNKNOWN_SYSTEM"
INVALID_FORMAT = "ENGINE.INVALID_FORMAT"
MALFORMED_MODIFIER = "ENGINE.MALFORMED_MODIFIER"
UNKNOWN_MODIFIER = "ENGINE.UNKNOWN_MODIFIER"
TOO_MANY_MODIFIERS = "ENGINE.TOO_MANY_MODIFIERS"
INVALID_DATE = "ENGINE.INVALID_DATE"
INVALID_UNITS = "ENGINE.INVALID_UNITS"
PLUGIN_ERROR = "ENGINE.PLUGIN_ERROR"
EMPTY_CLAIM = "ENGINE.EMPTY_CLAIM"
DUPLICATE_LINE_NUMBER = "ENGINE.DUPLICATE_LINE_NUMBER"
UNKNOWN_SETTING = "ENGINE.UNKNOWN_SETTING"
DATE_OF_SERVICE_ASSUMED = "ENGINE.DATE_OF_SERVICE_ASSUMED"
MISSING_DATE_OF_SERVICE = "ENGINE.MISSING_DATE_OF_SERVICE"
INVALID_LINE_NUMBER = "ENGINE.INVALID_LINE_NUMBER"

ENGINE_RULES: dict[str, str] = {
    EMPTY_CODE: "The line has no code.",
    INPUT_TOO_LONG: "The code field is longer than any code with modifiers can be.",
    INVALID_CHARACTERS: "The code field holds a non-ASCII or control character.",
    UNRECOGNISED_CODE: "No loaded code system recognises the code's shape.",
    ALSO_CLAIMED: "Another code system also recognises the code; the preferred one checked it.",
    UNKNOWN_SYSTEM: "The system hint names no loaded code system.",
    INVALID_FORMAT: "The code does not have the shape of the code system the hint names.",
    MALFORMED_MODIFIER: "A modifier is not two letters or digits.",
    UNKNOWN_MODIFIER: "No loaded modifier family claims the modifier.",
    TOO_MANY_MODIFIERS: "More modifiers than a claim line can carry (four).",
    INVALID_DATE: "The date of service is not a calendar date written YYYY-MM-DD.",
    INVALID_UNITS: "Units are not a positive number (at most 10 digits and 5 decimals).",
    PLUGIN_ERROR: "A plugin failed while checking the line; the message names it.",
    EMPTY_CLAIM: "The claim has no lines.",
    DUPLICATE_LINE_NUMBER: "Two lines of the claim share a line number.",
    UNKNOWN_SETTING: "The claim's setting is not practitioner, outpatient_hospital or dme.",
    DATE_OF_SERVICE_ASSUMED: "The line had no date of service; it was checked for today.",
    MISSING_DATE_OF_SERVICE: "A claim line has no date of service (CMS-1500 24A, 837 DTP*472).",
    INVALID_LINE_NUMBER: "A claim line's number is not a positive whole number.",
}
