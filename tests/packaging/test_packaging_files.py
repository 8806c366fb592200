"""Fast checks of the packaging sources: icons, the desktop entry, the Windows installer script,
the spec's executable names and the one version number."""

from __future__ import annotations

import struct
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
sys.path.insert(0, str(PACKAGING))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_at_every_size(size):
    assert png_size((ICONS / f"goosetier-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_every_size_as_png():
    data = (ICONS / "goosetier.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(SIZES))
    found = []
    for i in range(count):
        w, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data,
                                                                          6 + 16 * i)
        assert bits == 32
        assert png_size(data[offset:offset + length]) == (w or 256, w or 256)
        found.append(w or 256)
    assert tuple(found) == SIZES


def test_icons_are_small_and_svg_is_plain():
    assert sum(p.stat().st_size for p in ICONS.glob("goosetier*")) < 100_000
    assert (ICONS / "goosetier.svg").read_text("utf-8").startswith("<svg")


def test_desktop_entry():
    text = (PACKAGING / "linux" / "goosetier.desktop").read_text("utf-8")
    entry = dict(line.split("=", 1) for line in text.splitlines()[1:] if "=" in line)
    assert text.startswith("[Desktop Entry]\n")
    assert entry["Type"] == "Application" and entry["Exec"] == "goosetier"
    assert entry["Icon"] == "goosetier" and entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] == "雁阵梯度培育台账"
    assert entry["Categories"].endswith(";")
    assert "MimeType" not in entry  # associated with no file type


def test_inno_setup_script():
    raw = (PACKAGING / "windows" / "goosetier.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup reads UTF-8 only with a BOM
    text = raw.decode("utf-8-sig")
    from goosetier import __version__

    assert __version__ not in text  # read from goosetier.exe, never written twice
    assert 'GetStringFileInfo(BundleDir + "\\" + CliExe, "ProductVersion")' in text
    assert "PrivilegesRequired=lowest" in text
    assert '#define AppExe "GooseTierApp.exe"' in text
    assert '#define CliExe "goosetier.exe"' in text
    assert "[Registry]" not in text and "ChangesAssociations=no" in text
    assert "desktopicon" in text and "{autoprograms}" in text
    delete = text.split("[UninstallDelete]", 1)[1].split("[Code]", 1)[0]
    entries = [line for line in delete.splitlines() if line and not line.startswith(";")]
    assert entries == ['Type: dirifempty; Name: "{app}"']  # the registry and backups are kept


def test_spec_names_the_executables_entry_py_tells_apart():
    spec = (PACKAGING / "goosetier.spec").read_text("utf-8")
    assert 'name="goosetier", console=True' in spec
    assert 'name="GooseTierApp", console=False' in spec
    import entry

    assert entry.GUI_EXECUTABLE == "GooseTierApp".lower()


def test_package_extra_brings_pyinstaller():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(r.startswith("pyinstaller") for r in project["optional-dependencies"]["package"])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF")
def test_elf_needed_reads_direct_dependencies_only():
    import sysconfig

    from bundle_tools import elf_needed

    libpython = Path(sysconfig.get_config_var("LIBDIR") or "") / str(
        sysconfig.get_config_var("LDLIBRARY"))
    target = libpython if libpython.suffix != ".a" and libpython.exists() else Path(
        sys.executable).resolve()
    needed = elf_needed(target)
    assert needed is not None and any(n.startswith("libc.so") for n in needed)
    assert elf_needed(PACKAGING / "entry.py") is None


def test_prune_keeps_what_roots_link_to(tmp_path):
    from bundle_tools import prune_binaries

    lib = Path(sys.executable).resolve()  # any real ELF file stands in for a library
    binaries = [("ext.so", str(lib), "EXTENSION"), ("libfoo.so.1", str(lib), "BINARY"),
                ("libcups.so.2", str(lib), "BINARY")]
    datas = [("libfoo-link.so", "libfoo.so.1", "SYMLINK"), ("x.txt", "x.txt", "DATA")]
    kept, kept_datas, dropped = prune_binaries(binaries, datas, excluded=[r"libcups\.so.*"])
    assert [e[0] for e in kept] == ["ext.so"]
    assert sorted(dropped) == ["libcups.so.2", "libfoo.so.1"]
    assert kept_datas == [("x.txt", "x.txt", "DATA")]
