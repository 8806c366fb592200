"""What a roster file really is, judged by its bytes and never by its name.

Officers receive .xls files that are xlsx, CSV renamed .xlsx, encrypted workbooks (an OLE2
container, not a zip) and web pages saved as .xls. Each needs a different reader or a different
message, so the first step is to look at the bytes.

Kinds: "xlsx" (also .xlsm), "xlsb", "ods", "xls", "encrypted", "csv", "html". For text files it
also finds the encoding and the delimiter. Problems raise
:class:`ReadError` with a code: file_not_found, file_unreadable, file_empty, file_truncated,
file_not_spreadsheet.
"""

from __future__ import annotations

import csv
import struct
import zipfile
from pathlib import Path

from goosetier.core.errors import CodedError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_XLSX_CONTENT_TYPES = (b"spreadsheetml.sheet.main", b"ms-excel.sheet.macroEnabled.main")
_TEXT_SAMPLE = 64 * 1024
_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA  # ids above this are markers (free, end of chain, FAT, DIFAT)
_CSV_DELIMITERS = ",\t;"


class ReadError(CodedError):
    """A file that cannot be read as a roster. ``code`` is a message key, ``params`` fill it."""

    def __init__(self, code: str, params: dict | None = None) -> None:
        super().__init__(code, **(params or {}))


def sniff(path: str | Path) -> str:
    """The real kind of ``path`` from its bytes (see the module docstring for the kinds)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(_TEXT_SAMPLE)
    except FileNotFoundError:
        raise ReadError("file_not_found", {"path": str(path)}) from None
    except OSError as exc:  # a directory, no permission, a file locked by Excel on Windows
        raise ReadError("file_unreadable", {"path": str(path), "reason": str(exc)}) from None
    if not head:
        raise ReadError("file_empty", {"path": str(path)})
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(path)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(path)
    if head.startswith(b"PK"):  # an empty or spanned archive: nothing a roster can be
        raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "zip"})
    return _sniff_text(path, head)


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                return "xlsb"
            if "mimetype" in names and zf.read("mimetype").strip() == _ODS_MIME:
                return "ods"
            # Some generators name the workbook part differently; the content types still say.
            if "[Content_Types].xml" in names:
                types = zf.read("[Content_Types].xml")
                if any(t in types for t in _XLSX_CONTENT_TYPES):
                    return "xlsx"
    except zipfile.BadZipFile:
        # The local header is there but the central directory is not: cut off in transfer.
        raise ReadError("file_truncated", {"path": str(path)}) from None
    except (OSError, EOFError, KeyError, zipfile.LargeZipFile):
        raise ReadError("file_truncated", {"path": str(path)}) from None
    raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "zip"})


def ole_stream_names(data: bytes) -> list[str]:
    """Names of the entries in an OLE2 compound file's directory (empty entries skipped).

    Walks the FAT chain of the directory sectors, so names that merely occur inside a stream's
    data are never mistaken for entries. Raises ValueError when the container is cut off.
    """
    if len(data) < 512 or not data.startswith(_OLE_MAGIC):
        raise ValueError("not an OLE2 file")
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError("bad sector size")
    size = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    first_difat, n_difat = struct.unpack_from("<II", data, 0x44)
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s <= _MAX_SECTOR]
    difat, seen = first_difat, 0
    while difat <= _MAX_SECTOR and seen < n_difat:  # large files list more FAT sectors here
        entries = struct.unpack_from(f"<{size // 4}I", _sector(data, difat, size))
        fat_sectors += [s for s in entries[:-1] if s <= _MAX_SECTOR]
        difat, seen = entries[-1], seen + 1
    fat: list[int] = []
    for sector in fat_sectors[:n_fat]:
        fat += struct.unpack_from(f"<{size // 4}I", _sector(data, sector, size))
    names: list[str] = []
    sector, visited = first_dir, set()
    while sector != _ENDOFCHAIN:
        if sector in visited or sector >= len(fat):
            raise ValueError("broken directory chain")
        visited.add(sector)
        block = _sector(data, sector, size)
        for off in range(0, size, 128):
            length, kind = struct.unpack_from("<HB", block, off + 64)
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.append(block[off : off + length - 2].decode("utf-16-le", "replace"))
        sector = fat[sector]
    return names


def _sector(data: bytes, sector: int, size: int) -> bytes:
    start = (sector + 1) * size
    if start + size > len(data):
        raise ValueError("sector beyond end of file")
    return data[start : start + size]


def _sniff_ole(path: Path) -> str:
    # The directory sits anywhere in the file; rosters are small enough to read whole.
    data = path.read_bytes()
    try:
        names = {name.lower() for name in ole_stream_names(data)}
    except (ValueError, struct.error):
        raise ReadError("file_truncated", {"path": str(path)}) from None
    if "encryptedpackage" in names or "encryptioninfo" in names:
        return "encrypted"
    if "workbook" in names or "book" in names:
        return "xls"
    raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "ole2"})


def _sniff_text(path: Path, head: bytes) -> str:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "csv"
    if b"\x00" in head:
        raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "binary"})
    text = _decode_sample(head)
    if text is None:
        raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "binary"})
    start = text.lstrip().lower()[:2048]
    if start.startswith(("<!doctype html", "<html", "<table")) or "<table" in start:
        return "html"  # a web page saved as .xls: common from online reporting systems
    controls = sum(1 for c in text if c < " " and c not in "\t\r\n\f")
    if controls > len(text) // 100:
        raise ReadError("file_not_spreadsheet", {"path": str(path), "detected": "binary"})
    if not text.strip():
        raise ReadError("file_empty", {"path": str(path)})
    return "csv"


def _decode_sample(head: bytes) -> str | None:
    # The sample may end in the middle of a multi-byte character: forgive the last 3 bytes.
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):
            try:
                return head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
    return None


def decode_text(path: Path) -> tuple[str, str | None]:
    """A text file's content and a note: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030
    (note "csv_gb18030", since that is a guess the officer may want to know about)."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" export
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "csv_gb18030"
    except UnicodeDecodeError:
        raise ReadError("file_unreadable", {"path": str(path), "reason": "encoding"}) from None


def csv_delimiter(sample: str) -> str:
    """The delimiter (comma, tab, semicolon) that splits the most lines, then most evenly.

    csv.Sniffer alone gives up on real rosters (a 附件1 title line, rows with a trailing empty
    cell), so it only breaks a tie; comma is the last resort.
    """
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    scores = {}
    for delimiter in _CSV_DELIMITERS:
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        split = [w for w in widths if w > 1]
        modal = max((split.count(w) for w in set(split)), default=0)
        scores[delimiter] = (len(split), modal)
    (best, score), (_second, runner_up) = sorted(
        scores.items(), key=lambda kv: kv[1], reverse=True
    )[:2]
    if score[0] == 0:
        return ","
    if score != runner_up:
        return best
    try:
        return csv.Sniffer().sniff(sample, _CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","
