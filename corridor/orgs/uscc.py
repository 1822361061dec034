"""Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters with a check character.

Plain module, no Django: usable from imports and the CLI.
"""

from __future__ import annotations

import operator

# The code alphabet: digits and upper-case letters without I, O, Z, S, V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class USCCError(ValueError):
    """What is wrong, as `code` and `params` (which callers with Django translate) and in English (str)."""

    def __init__(self, message: str, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def normalize(raw: str) -> str:
    """Upper-case, strip spaces and convert full-width characters, as people paste them from Word."""
    if raw.isascii():
        return "".join(raw.split()).upper()
    out = []
    for ch in raw.strip():
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        if not ch.isspace():
            out.append(ch.upper())
    return "".join(out)


def check_character(first17: str) -> str:
    if len(first17) != len(_WEIGHTS):
        raise ValueError("check_character needs the first 17 characters")
    total = sum(map(operator.mul, map(_VALUE.__getitem__, first17), _WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def validate(raw: str) -> str:
    """Return the normalised code, or raise USCCError saying what is wrong."""
    code = normalize(raw)
    if len(code) != 18:
        raise USCCError(f"must have 18 characters, has {len(code)}", "length", length=len(code))
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        raise USCCError(f"contains characters not allowed in a credit code: {''.join(bad)}", "characters",
                        characters="".join(bad))
    if not code[2:8].isdigit():
        raise USCCError("characters 3–8 must be the administrative division code (digits)", "division")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise USCCError(f"check character is {code[17]}, expected {expected}", "check", found=code[17],
                        expected=expected)
    return code


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except USCCError:
        return False
    return True


def make(registration_dept: str, org_type: str, division: str, org_code_body: str) -> str:
    """Build a valid code from its parts (used by the synthetic generator and tests)."""
    first17 = f"{registration_dept}{org_type}{division}{org_code_body}"
    if len(first17) != 17:
        raise USCCError("the parts must add up to 17 characters")
    return first17 + check_character(first17)
