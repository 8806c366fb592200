"""Enterprise names: the normal form used to match a roster row to the registry.

Official lists are often published without credit codes, so a name is the key. Two spellings of
one name must meet: full-width and half-width characters, the bracket styles (（）〔〕【】[]),
spaces and line breaks from PDF copy-paste, and stray quotes.
"""

from __future__ import annotations

import re
import unicodedata

_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")",
                           "{": "(", "}": ")", "﹙": "(", "﹚": ")"})
_BRACKET_CHARS = re.compile("[" + re.escape("".join(map(chr, _BRACKETS))) + "]")
_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"\s+")
_DROP = re.compile(r"[\s\u200b\u3000\"'“”‘’`·•]+")


def clean_name(text: str) -> str:
    """The name as it should be stored: NFKC, no line breaks or runs of spaces, trimmed.

    Chinese brackets are kept as officers write them (full-width), since that is how the name
    reads on a printed sheet.
    """
    text = unicodedata.normalize("NFKC", text)
    # Without white space (most names) both ways below leave the text as it is: skip counting.
    if _SPACE.search(text) is not None:
        text = _SPACES.sub("", text) if _is_mostly_cjk(text) else " ".join(text.split())
    return text.replace("(", "（").replace(")", "）")


def normalize_name(text: str) -> str:
    """Matching key: NFKC, one bracket style, no white space or quotes, upper-case Latin."""
    text = unicodedata.normalize("NFKC", text)
    if _BRACKET_CHARS.search(text) is not None:  # (translate is slow on Chinese text)
        text = text.translate(_BRACKETS)
    return _DROP.sub("", text).upper()


def _is_mostly_cjk(text: str) -> bool:
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return cjk * 2 >= len(text.replace(" ", "")) and cjk > 0
