"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

Normalises a code as it arrives from a roster and sorts it into one of the outcomes an officer
must tell apart: valid, a wrong check character (a warning the officer may override), malformed
(an error) or damaged by Excel (an all-digit code that was stored as a number and lost digits).

The check character (position 18) is computed by python-stdnum; the embedded GB 11714
organisation-code check (position 17 over positions 9–16) is not in stdnum, so it lives here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from stdnum.cn import uscc

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$")
_TRAILING_ZERO_DECIMAL = re.compile(r"^\d+\.0+$")


class CodeStatus(StrEnum):
    EMPTY = "empty"
    VALID = "valid"
    BAD_CHECK = "bad_check"  # position 18 does not match: warning, overridable
    BAD_ORG_CHECK = "bad_org_check"  # position 17 (GB 11714) does not match: warning
    MALFORMED = "malformed"  # wrong length or alphabet: error
    DAMAGED = "damaged"  # arrived as a number (Excel): error


WARNING_STATUSES = frozenset({CodeStatus.BAD_CHECK, CodeStatus.BAD_ORG_CHECK})
ERROR_STATUSES = frozenset({CodeStatus.MALFORMED, CodeStatus.DAMAGED})


@dataclass(frozen=True, slots=True)
class CodeCheck:
    code: str  # the normalised text ("" when empty)
    status: CodeStatus
    expected: str = ""  # the check character that would be right, for BAD_* statuses

    @property
    def ok(self) -> bool:
        return self.status is CodeStatus.VALID

    @property
    def usable(self) -> bool:
        """A code that may be stored (valid, or a checksum warning the officer accepts)."""
        return self.status is CodeStatus.VALID or self.status in WARNING_STATUSES


def normalize_code(text: str) -> str:
    """Strip, NFKC (full-width → half-width), upper-case and drop inner white space."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).upper()


def org_check_char(org8: str) -> str:
    """GB 11714 check character over the 8 body characters of an organisation code."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(org8, _ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def check_digit(code17: str) -> str:
    """GB 32100 check character for the first 17 characters."""
    return uscc.calc_check_digit(code17)


def check_code(value: object) -> CodeCheck:
    """Classify a credit code cell as it came out of a roster (str, number or None)."""
    if value is None:
        return CodeCheck("", CodeStatus.EMPTY)
    if isinstance(value, bool):
        return CodeCheck(str(value), CodeStatus.MALFORMED)
    if isinstance(value, int | float):
        # Excel keeps 15 significant digits: an 18-digit code typed as a number is lost.
        text = repr(value) if isinstance(value, float) else str(value)
        return CodeCheck(normalize_code(text), CodeStatus.DAMAGED)
    code = normalize_code(str(value))
    if not code:
        return CodeCheck("", CodeStatus.EMPTY)
    if _SCIENTIFIC.match(code) or _TRAILING_ZERO_DECIMAL.match(code):
        return CodeCheck(code, CodeStatus.DAMAGED)
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return CodeCheck(code, CodeStatus.MALFORMED)
    expected18 = check_digit(code[:17])
    if code[17] != expected18:
        return CodeCheck(code, CodeStatus.BAD_CHECK, expected18)
    expected17 = org_check_char(code[8:16])
    if code[16] != expected17:
        return CodeCheck(code, CodeStatus.BAD_ORG_CHECK, expected17)
    return CodeCheck(code, CodeStatus.VALID)


def complete_code(code17: str) -> str:
    """Append the right check character (used by the sample and test generators)."""
    return code17 + check_digit(code17)


def make_code(prefix8: str, org8: str) -> str:
    """Build a code that passes both checks from an 8-character prefix and an org body."""
    body = prefix8 + org8 + org_check_char(org8)
    return complete_code(body)
