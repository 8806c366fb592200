"""Repair the text layer of a PDF written by Qt: radicals back to the ideographs printed.

Qt's ToUnicode map gives each glyph the lowest code point the font maps to it, so 青 (U+9752)
extracts as the radical ⻘ (U+2ED8) and 黄 as ⻩: searching the PDF for 青岛 finds nothing and a
copied company name is wrong. Qt writes that map uncompressed with four-digit hex codes, so the
fix rewrites destination codes in place, byte for byte, and no offset in the file moves.
"""

from __future__ import annotations

import re

_STREAM = rb"\n%d 0 obj\s*<<([^>]*)>>\s*stream\r?\n"
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def fix_tounicode(data: bytes, fixes: dict[int, int]) -> bytes:
    """`data` with every ToUnicode destination found in `fixes` replaced (same length)."""
    if not fixes:
        return data
    out = bytearray(data)
    for ref in sorted({int(r) for r in re.findall(rb"/ToUnicode (\d+) 0 R", data)}):
        head = re.search(_STREAM % ref, data)
        if head is None or b"/Filter" in head.group(1):
            continue  # not where expected, or compressed: leave it as Qt wrote it
        start = head.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        body = _fix_cmap(data[start:end], fixes)
        if len(body) == end - start:
            out[start:end] = body
    return bytes(out)


def _fix_cmap(body: bytes, fixes: dict[int, int]) -> bytes:
    def swap(m: re.Match) -> bytes:
        new = fixes.get(int(m.group(1), 16))
        return b"<%04X>" % new if new is not None and new < 0x10000 else m.group(0)

    lines = body.split(b"\n")
    section = None
    for i, line in enumerate(lines):
        word = line.strip()
        if word.endswith((b"beginbfchar", b"beginbfrange")):
            section = word.rsplit(b" ", 1)[-1]
            continue
        if word in (b"endbfchar", b"endbfrange"):
            section = None
            continue
        if section == b"beginbfchar":  # <src> <dst>
            codes = list(_HEX4.finditer(line))
            if len(codes) == 2:
                m = codes[1]
                lines[i] = line[:m.start()] + swap(m) + line[m.end():]
        elif section == b"beginbfrange":
            if b"[" in line:  # <lo> <hi> [<dst> <dst> …]
                cut = line.index(b"[")
                lines[i] = line[:cut] + _HEX4.sub(swap, line[cut:])
            else:  # <lo> <hi> <dst>: only a one-code range can be changed in place
                codes = list(_HEX4.finditer(line))
                if len(codes) == 3 and codes[0].group(1) == codes[1].group(1):
                    m = codes[2]
                    lines[i] = line[:m.start()] + swap(m) + line[m.end():]
    return b"\n".join(lines)
