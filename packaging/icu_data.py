"""A smaller ICU data library for the Linux bundle (standard library only; no ICU tools).

PySide6's Qt links ICU, and ICU's data library (``libicudata.so.73``, 32 MB) carries the data of
every locale and every legacy encoding as one "common data" package, exported as the symbol
``icudt<N>_dat``. Qt 6 calls ICU for exactly four things (the ICU functions libQt6Core imports):

- collation (``QCollator``: ``ucol_*``) — the ``coll/`` tree: UCA data, ``root``, and the
  tailorings of the languages kept (pinyin and stroke order for ``zh``);
- legacy text encodings (``QStringConverter`` by name: ``ucnv_*``) — the conversion tables;
- locale-aware case mapping (``u_strToUpper``/``u_strToLower``: the case data is compiled into
  libicuuc, no data item);
- time-zone display names (``ucal_getTimeZoneDisplayName``) — ``zone/``, ``region/``,
  ``lang/``, the zone rules and the supplemental data.

:func:`reduce_icu_data` rewrites the library in place with a filtered package: the items that are
not locale data (Unicode properties, normalisation, zone rules, supplemental data, converter
aliases) stay, except character names and StringPrep profiles; of the locale data only ``root``,
``zh*`` and ``en*`` stay, in the trees above; break-iterator dictionaries, transliterators,
spell-out rules, currency and unit names go (Qt uses none of them); of the conversion tables,
every small one (single-byte code pages) and the Chinese ones stay (GBK, GB 18030, GB 2312, Big5,
Big5-HKSCS, ISO-2022-CN), and the large Japanese, Korean, EBCDIC and EUC-TW tables go, with any
extension table whose base table went. A locale whose data is gone falls back to ``root``
(collation in Unicode code-point order for Han characters), as ICU does for any locale it lacks.
32 MB → about 6 MB.

The package is rewritten item by item (the table of contents stays sorted: ICU looks names up by
binary search), and the ELF file keeps its layout: the data is shortened in place and everything
after it moves down by whole pages, so segment offsets stay congruent with their addresses. Any
file that does not look exactly as expected is left alone (the function returns 0).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

LOCALE_RES = re.compile(r"([a-z]{2,3})(_[A-Za-z0-9]+)*\.res")
KEPT_LANGUAGES = {"zh", "en"}
# Locale-data trees Qt reaches (collation; time-zone names and what they are built from).
KEPT_TREES = {"coll", "zone", "region", "lang"}
# Conversion tables kept whatever their size: the Chinese encodings (ICU file names; the
# ISO-2022-CN converter is built from GB 2312, ISO-IR-165 and CNS 11643).
CHINESE_TABLES = re.compile(
    r"(gb18030|ibm-1386_|ibm-1383_|ibm-5478_|iso-ir-165|cns-11643|ibm-1373_|ibm-1375_)")
SMALL_TABLE = 16 * 1024
# Character names (u_charName), the language-matching data (LocaleMatcher) and, below, the
# StringPrep profiles (IDNA2003, LDAP, XMPP): Qt calls none of them.
DROPPED_ITEMS = {"unames.icu", "langInfo.res"}  # single-byte tables and extension-only tables stay


class NotICUData(ValueError):
    pass


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(name, item bytes)]) of an ICU common-data package (little or big endian)."""
    if len(blob) < 32 or blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise NotICUData("not an ICU common data package")
    end = ">" if blob[8] else "<"
    header_size, = struct.unpack_from(end + "H", blob, 0)
    count, = struct.unpack_from(end + "I", blob, header_size)
    entries = [struct.unpack_from(end + "II", blob, header_size + 4 + 8 * i)
               for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        stop = header_size + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[header_size + data_offset:stop]))
    if [n for n, _ in items] != sorted(n for n, _ in items):
        raise NotICUData("table of contents not sorted")
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again: header, count, TOC, names, then the items 16-byte aligned."""
    end = ">" if header[8] else "<"
    toc = len(header)
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    name_offsets, pos = [], 4 + 8 * len(items)
    for name, _ in items:
        name_offsets.append(pos)
        pos += len(name) + 1
    out = bytearray(header)
    out += struct.pack(end + "I", len(items))
    toc_at = len(out)
    out += bytes(8 * len(items)) + names
    data_offsets = []
    for _name, data in items:
        out += bytes(-len(out) % 16)
        data_offsets.append(len(out) - toc)
        out += data
    for i, (n_off, d_off) in enumerate(zip(name_offsets, data_offsets, strict=True)):
        struct.pack_into(end + "II", out, toc_at + 8 * i, n_off, d_off)
    return bytes(out)


def _language(leaf: str) -> str | None:
    """The language of a locale resource ("zh_Hant_HK.res" → "zh"), or None for other items."""
    if leaf == "root.res":
        return "root"
    if leaf in ("res_index.res", "pool.res"):
        return None
    match = LOCALE_RES.fullmatch(leaf)
    return match.group(1) if match else None


def wanted(name: str, size: int) -> bool:
    parts = name.split("/")[1:]  # drop the "icudt73l" prefix
    leaf = parts[-1]
    language = _language(leaf)
    if len(parts) == 1:  # top level: locale data, conversion tables, everything else
        if leaf in DROPPED_ITEMS or leaf.endswith(".spp"):
            return False
        if leaf.endswith(".cnv"):
            return size <= SMALL_TABLE or bool(CHINESE_TABLES.match(leaf))
        return language is None or language == "root" or language in KEPT_LANGUAGES
    if parts[0] not in KEPT_TREES:
        return False
    return language is None or language == "root" or language in KEPT_LANGUAGES


def filter_items(items: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    kept = [(n, d) for n, d in items if wanted(n, len(d))]
    # An extension-only table names its base table: keep neither without the other.
    tables = {n.rsplit("/", 1)[-1][:-4] for n, _ in items if n.endswith(".cnv")}
    kept_tables = {n.rsplit("/", 1)[-1][:-4] for n, _ in kept if n.endswith(".cnv")}
    result = []
    for name, data in kept:
        if name.endswith(".cnv"):
            own = name.rsplit("/", 1)[-1][:-4]
            bases = [t for t in tables if t != own and t.encode() + b"\0" in data]
            if any(b not in kept_tables for b in bases):
                continue
        result.append((name, data))
    return result


# --- the ELF file --------------------------------------------------------------------------------


def _elf64_le(data: bytes) -> bool:
    return data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1


def reduce_icu_data(path: Path) -> int:
    """Rewrite libicudata in place with the filtered package; returns bytes saved (0: untouched)."""
    data = bytearray(path.read_bytes())
    if not _elf64_le(data):
        return 0
    phoff, = struct.unpack_from("<Q", data, 0x20)
    shoff, = struct.unpack_from("<Q", data, 0x28)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", data, 0x36)
    ph_fmt, sh_fmt = "<IIQQQQQQ", "<IIQQQQIIQQ"
    phdrs = [list(struct.unpack_from(ph_fmt, data, phoff + i * phentsize)) for i in range(phnum)]
    shdrs = [list(struct.unpack_from(sh_fmt, data, shoff + i * shentsize)) for i in range(shnum)]
    # the exported data symbol, from .dynsym
    dynsym = next((s for s in shdrs if s[1] == 11), None)  # SHT_DYNSYM
    if dynsym is None:
        return 0
    dynstr = shdrs[dynsym[6]]
    symbol = None
    for pos in range(dynsym[4], dynsym[4] + dynsym[5], 24):
        st_name, _info, _other, st_shndx, st_value, st_size = struct.unpack_from(
            "<IBBHQQ", data, pos)
        name_at = dynstr[4] + st_name
        name = bytes(data[name_at:data.index(b"\0", name_at)])
        if re.fullmatch(rb"icudt\d+_dat", name):
            symbol = (pos, st_shndx, st_value, st_size)
    if symbol is None:
        return 0
    sym_pos, sym_shndx, sym_value, sym_size = symbol
    rodata = shdrs[sym_shndx]
    # expected: the symbol fills its section, which ends the first (read-only) PT_LOAD segment
    loads = [p for p in phdrs if p[0] == 1]
    first = loads[0] if loads else None
    if (rodata[3] != sym_value or rodata[5] != sym_size or first is None
            or first[2] != 0 or first[3] != 0
            or rodata[4] + rodata[5] > first[5] or rodata[4] - rodata[3] != 0):
        return 0
    start, old_end = rodata[4], rodata[4] + rodata[5]
    try:
        header, items = read_package(bytes(data[start:old_end]))
    except (NotICUData, ValueError, struct.error, UnicodeDecodeError):
        return 0
    blob = write_package(header, filter_items(items))
    page = max(p[7] for p in loads)
    delta = (sym_size - len(blob)) // page * page
    if delta <= 0:
        return 0
    # nothing that the loader or the dynamic section uses may lie after the data except the
    # sections that move with it
    dynamic = next((s for s in shdrs if s[1] == 6), None)
    if dynamic is None:
        return 0
    for pos in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, pos)
        if tag == 0:
            break
        # d_ptr entries (hash, symbol and string tables …) must lie before the data
        if tag in (4, 5, 6, 0x6FFFFEF5, 0x6FFFFFF0, 0x6FFFFFFC, 0x6FFFFFFE) and value >= start:
            return 0
        if tag in (3, 7, 12, 13, 17, 23, 25, 26, 32):  # PLTGOT, RELA, INIT, FINI, REL, JMPREL…
            return 0  # a data-only library has none of these; anything else: leave it alone
    new_len = sym_size - delta  # the section shrinks by whole pages; the rest is zero padding
    out = bytearray(data[:start]) + blob + bytes(new_len - len(blob)) + data[old_end:]
    for i, ph in enumerate(phdrs):
        if ph is first:
            ph[5] -= delta  # p_filesz
            ph[6] -= delta  # p_memsz
        elif ph[2] >= old_end:
            ph[2] -= delta  # p_offset
            ph[3] -= delta  # p_vaddr
            ph[4] -= delta  # p_paddr
        elif ph[2] + ph[5] > start and ph[0] != 1:
            return 0  # a segment overlapping the data other than the first PT_LOAD
        struct.pack_into(ph_fmt, out, phoff + i * phentsize, *ph)
    shoff_new = shoff - delta if shoff >= old_end else shoff
    for i, sh in enumerate(shdrs):
        if i == sym_shndx:
            sh[5] = new_len
        elif sh[4] >= old_end:
            sh[4] -= delta
            if sh[3]:
                sh[3] -= delta
        struct.pack_into(sh_fmt, out, shoff_new + i * shentsize, *sh)
    struct.pack_into("<Q", out, 0x28, shoff_new)
    struct.pack_into("<Q", out, sym_pos + 16, len(blob))  # st_size of icudt<N>_dat
    # the static symbol table (not loaded) gets the same corrections, for tools like nm
    for sh in shdrs:
        if sh[1] != 2:  # SHT_SYMTAB
            continue
        for pos in range(sh[4], sh[4] + sh[5], 24):
            st_shndx, = struct.unpack_from("<H", out, pos + 6)
            value, size = struct.unpack_from("<QQ", out, pos + 8)
            if st_shndx == sym_shndx and value == sym_value:
                struct.pack_into("<Q", out, pos + 16, len(blob))
            elif 0 < st_shndx < len(shdrs) and value >= old_end:
                struct.pack_into("<Q", out, pos + 8, value - delta)
    saved = len(data) - len(out)
    tmp = path.with_name(path.name + ".reduced")
    tmp.write_bytes(out)
    tmp.chmod(path.stat().st_mode)
    tmp.replace(path)
    return saved
