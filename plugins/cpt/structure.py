"""CPT code shapes and categories: public structure, no AMA content."""

from __future__ import annotations

CATEGORY_BY_SUFFIX = {
    "F": "Category II",
    "T": "Category III",
    "U": "Proprietary Laboratory Analyses (PLA)",
    "M": "Multianalyte Assays with Algorithmic Analyses (MAAA)",
}
CATEGORY_I = "Category I"


def is_cpt_code(code: str) -> bool:
    """Five digits, or four digits and F, T, U or M."""
    return (
        len(code) == 5
        and code[:4].isdigit()
        and code.isascii()
        and (code[4].isdigit() or code[4] in CATEGORY_BY_SUFFIX)
    )


def category_of(code: str) -> str:
    return CATEGORY_I if code[4].isdigit() else CATEGORY_BY_SUFFIX[code[4]]
