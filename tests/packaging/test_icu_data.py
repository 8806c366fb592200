"""packaging/icu_data.py: the ICU data package is filtered and written back loadable (fast)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import icu_data  # noqa: E402


def _package(items: list[tuple[str, bytes]]) -> bytes:
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\3\0\0\0")
    header = struct.pack("<H2s", 32, b"\xda\x27") + info
    return icu_data.write_package(header + bytes(32 - len(header)), items)


def test_package_round_trip_keeps_items_sorted_and_aligned():
    items = [("icudt73l/a.res", b"A" * 5), ("icudt73l/coll/zh.res", b"Z" * 40),
             ("icudt73l/root.res", b"R" * 17)]
    blob = _package(items)
    header, read = icu_data.read_package(blob)
    assert len(header) == 32
    assert [n for n, _ in read] == [n for n, _ in items]
    for (_name, data), (_n, got) in zip(items, read, strict=True):
        assert got[:len(data)] == data and not got[len(data):].strip(b"\0")
    toc = len(header)
    count, = struct.unpack_from("<I", blob, toc)
    offsets = [struct.unpack_from("<II", blob, toc + 4 + 8 * i)[1] for i in range(count)]
    assert all((toc + o) % 16 == 0 for o in offsets)


@pytest.mark.parametrize("name, size, kept", [
    ("icudt73l/root.res", 100, True),
    ("icudt73l/zh_Hans_CN.res", 100, True),
    ("icudt73l/en_GB.res", 100, True),
    ("icudt73l/de.res", 100, False),
    ("icudt73l/res_index.res", 100, True),
    ("icudt73l/pool.res", 100, True),
    ("icudt73l/supplementalData.res", 100, True),
    ("icudt73l/zoneinfo64.res", 100, True),
    ("icudt73l/coll/ucadata.icu", 500_000, True),
    ("icudt73l/coll/zh.res", 700_000, True),
    ("icudt73l/coll/ja.res", 100, False),
    ("icudt73l/zone/zh_Hant.res", 100, True),
    ("icudt73l/brkitr/cjdict.dict", 2_000_000, False),
    ("icudt73l/translit/root.res", 1_000_000, False),
    ("icudt73l/curr/zh.res", 100, False),
    ("icudt73l/gb18030.cnv", 232_816, True),
    ("icudt73l/ibm-1386_P100-2001.cnv", 116_704, True),
    ("icudt73l/ibm-943_P15A-2003.cnv", 90_992, False),  # Shift_JIS
    ("icudt73l/ibm-5348_P100-1997.cnv", 1_000, True),  # windows-1252: small tables stay
    ("icudt73l/unames.icu", 296_000, False),
])
def test_what_stays(name, size, kept):
    assert icu_data.wanted(name, size) is kept


def test_an_extension_table_goes_with_its_base():
    items = [("icudt73l/ibm-943_P15A-2003.cnv", b"x" * 90_000),
             ("icudt73l/ibm-943_P130-1999.cnv", b"ext of ibm-943_P15A-2003\0" + b"y" * 100),
             ("icudt73l/ibm-1386_P100-2001.cnv", b"z" * 100_000),
             ("icudt73l/windows-936-2000.cnv", b"ext of ibm-1386_P100-2001\0")]
    assert [n for n, _ in icu_data.filter_items(items)] == [
        "icudt73l/ibm-1386_P100-2001.cnv", "icudt73l/windows-936-2000.cnv"]


def test_not_an_icu_library_is_left_alone(tmp_path):
    other = tmp_path / "libother.so"
    other.write_bytes(b"\x7fELF" + bytes(200))
    assert icu_data.reduce_icu_data(other) == 0
    assert other.read_bytes() == b"\x7fELF" + bytes(200)


CHECK = r"""
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
names = ["张三", "阿里", "北京", "中国", "重庆", "银行"]
print(sorted(names, key=QCollator(QLocale("zh_CN")).sortKey))
print(sorted(["b", "Ä", "a", "z"], key=QCollator(QLocale("de_DE")).sortKey))
print([QStringDecoder(n).isValid() for n in ("GBK", "GB18030", "Big5", "ISO-8859-5", "Shift_JIS")])
print(QTimeZone(b"Asia/Shanghai").displayName(QTimeZone.TimeType.StandardTime,
      QTimeZone.NameType.LongName, QLocale("zh_CN")))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF, LD_PRELOAD")
def test_reduced_library_serves_qt(tmp_path):
    """Qt through the reduced library (preloaded in place of PySide6's): Chinese sorts by
    pinyin, other locales fall back to root order, GBK/GB 18030/Big5 convert, zone names."""
    pyside = pytest.importorskip("PySide6")
    libs = sorted((Path(pyside.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    libs = [p for p in libs if not p.is_symlink()]
    if not libs:
        pytest.skip("this PySide6 has no bundled ICU")
    reduced = tmp_path / libs[0].name
    shutil.copy2(libs[0], reduced)
    saved = icu_data.reduce_icu_data(reduced)
    assert saved > 20_000_000 and reduced.stat().st_size < 8_000_000
    env = dict(os.environ, LD_PRELOAD=str(reduced), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == str(["阿里", "北京", "重庆", "银行", "张三", "中国"])  # pinyin
    assert lines[1] == str(["a", "Ä", "b", "z"])
    assert lines[2] == str([True, True, True, True, False])
    assert lines[3] == "中国标准时间"
