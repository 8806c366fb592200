"""Helpers for the PyInstaller spec and the build script (standard library + PyInstaller only).

- :func:`prune_binaries` drops shared libraries that nothing left in the bundle links to. The
  spec removes Qt plugins we do not ship (GTK theme, PDF image format, embedded platforms …) and
  a few system libraries the target desktop provides (CUPS); PyInstaller has already collected
  everything *those* linked to (pango, cairo, gnutls, kerberos …), and this takes it out again.
- :func:`strip_debug_info` removes debug sections (not symbols) from the ELF files that carry
  them: a pyenv-built libpython alone is 23 MB with them and 5 MB without.
- :func:`glibc_floor` is the newest GLIBC_x.y symbol version any bundled ELF file asks for: the
  oldest Linux the folder runs on.
- :func:`folder_size` for the build report.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
_GLIBC = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?\x00")
_GLIBCXX = re.compile(rb"GLIBCXX_3\.4\.(\d+)\x00")


def elf_needed(path: str | os.PathLike[str]) -> list[str] | None:
    """The DT_NEEDED entries of an ELF file (its direct dependencies), or None if not ELF.

    ``ldd`` (what PyInstaller uses on Linux) lists the whole closure as resolved on the build
    machine, which would keep e.g. gnutls because the system's libcups links it.
    """
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] != ELF_MAGIC:
        return None
    is64, end = data[4] == 2, "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(end + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        sec_fmt, dyn_fmt = end + "IIQQQQIIQQ", end + "qQ"
    else:
        shoff, = struct.unpack_from(end + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        sec_fmt, dyn_fmt = end + "IIIIIIIIII", end + "iI"
    sections = [struct.unpack_from(sec_fmt, data, shoff + i * shentsize) for i in range(shnum)]
    needed: list[str] = []
    for sec in sections:
        if sec[1] != 6:  # SHT_DYNAMIC
            continue
        offset, size, link = sec[4], sec[5], sec[6]
        strtab = sections[link][4]
        step = struct.calcsize(dyn_fmt)
        for pos in range(offset, offset + size, step):
            tag, val = struct.unpack_from(dyn_fmt, data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                stop = data.index(b"\0", strtab + val)
                needed.append(data[strtab + val:stop].decode())
    return needed


def _direct_imports(path: str) -> list[str]:
    needed = elf_needed(path) if sys.platform.startswith("linux") else None
    if needed is not None:
        return needed
    from PyInstaller.depend.bindepend import get_imports

    return [name for name, _full in get_imports(path)]


def _is_root(dest: str, typecode: str) -> bool:
    """Binaries kept for their own sake: Python extensions, Qt plugins, libpython. Everything
    else is a library that stays only if one of these (transitively) links to it."""
    posix = dest.replace("\\", "/")
    name = posix.rsplit("/", 1)[-1].lower()
    return (typecode == "EXTENSION" or "/plugins/" in posix
            or name.startswith(("libpython", "python3", "pyside6", "libpyside6", "libshiboken6",
                                "shiboken6"))
            or name.endswith((".pyd", ".exe")))


def prune_binaries(binaries: list[tuple], datas: list[tuple], excluded: Iterable[str] = (),
                   keep: Iterable[str] = ()) -> tuple[list[tuple], list[tuple], list[str]]:
    """Keep the roots and what they link to; drop libraries matching `excluded` (regexes on the
    base name) and anything only they needed. Symlinks (in datas) to dropped files go too.

    Returns (binaries, datas, dropped base names).
    """
    excluded_re = re.compile("|".join(excluded), re.I) if excluded else None
    keep_re = re.compile("|".join(keep), re.I) if keep else None
    by_name: dict[str, tuple] = {}
    for entry in binaries:
        by_name.setdefault(os.path.basename(entry[0]).lower(), entry)

    def is_excluded(name: str) -> bool:
        return bool(excluded_re and excluded_re.fullmatch(name))

    wanted: set[str] = set()
    queue = [e for e in binaries if _is_root(e[0], e[2]) or (keep_re and keep_re.search(e[0]))]
    queue = [e for e in queue if not is_excluded(os.path.basename(e[0]))]
    while queue:
        entry = queue.pop()
        name = os.path.basename(entry[0]).lower()
        if name in wanted:
            continue
        wanted.add(name)
        try:
            imports = _direct_imports(entry[1])
        except Exception:  # an unreadable file: keep it and what we cannot see
            continue
        for lib_name in imports:
            base = os.path.basename(lib_name).lower()
            if base in by_name and base not in wanted and not is_excluded(base):
                queue.append(by_name[base])
    kept = [e for e in binaries if os.path.basename(e[0]).lower() in wanted]
    dropped = sorted({os.path.basename(e[0]) for e in binaries} - {os.path.basename(e[0])
                                                                   for e in kept})
    kept_dest = {e[0].replace("\\", "/") for e in kept}
    kept_datas = [e for e in datas
                  if e[2] != "SYMLINK" or e[1].replace("\\", "/") in kept_dest]
    return kept, kept_datas, dropped


def _elf_files(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as fh:
                if fh.read(4) == ELF_MAGIC:
                    yield path


def _has_debug_info(path: Path) -> bool:
    data = path.read_bytes()
    return b".debug_info" in data


def _has_symbol_table(path: Path) -> bool:
    """A static symbol table (.symtab): not needed to load or run a shared library, whose
    exported symbols are in .dynsym."""
    data = path.read_bytes()
    is64, end = data[4] == 2, "<" if data[5] == 1 else ">"
    try:
        if is64:
            shoff, = struct.unpack_from(end + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        else:
            shoff, = struct.unpack_from(end + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        return any(struct.unpack_from(end + "I", data, shoff + i * shentsize + 4)[0] == 2
                   for i in range(shnum))
    except struct.error:
        return False


def loadable_segments(path: Path) -> bool:
    """Whether every PT_LOAD segment has offset ≡ address (mod page): what the dynamic loader
    demands ("ELF load command address/offset not page-aligned" otherwise)."""
    data = path.read_bytes()
    is64, end = data[4] == 2, "<" if data[5] == 1 else ">"
    if is64:
        phoff, = struct.unpack_from(end + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(end + "HH", data, 0x36)
        fmt = end + "IIQQQQQQ"  # type flags offset vaddr paddr filesz memsz align
    else:
        phoff, = struct.unpack_from(end + "I", data, 0x1C)
        phentsize, phnum = struct.unpack_from(end + "HH", data, 0x2A)
        fmt = end + "IIIIIIII"  # type offset vaddr paddr filesz memsz flags align
    for i in range(phnum):
        fields = struct.unpack_from(fmt, data, phoff + i * phentsize)
        if fields[0] != 1:  # PT_LOAD
            continue
        offset, vaddr = (fields[2], fields[3]) if is64 else (fields[1], fields[2])
        if (offset - vaddr) % 4096:
            return False
    return True


def _strip(strip: str, path: Path, option: str) -> int:
    """Run strip on a copy's behalf; put the file back if the result would not load."""
    backup = path.with_name(path.name + ".unstripped")
    shutil.copy2(path, backup)
    before = path.stat().st_size
    result = subprocess.run([strip, option, str(path)], capture_output=True)
    if result.returncode == 0 and loadable_segments(path):
        backup.unlink()
        return before - path.stat().st_size
    backup.replace(path)
    return 0


def strip_debug_info(folder: Path) -> int:
    """Strip debug sections and static symbol tables from the shared libraries; returns bytes
    saved.

    - Debug sections go from every ELF file that has them (a pyenv-built libpython alone is
      23 MB with them and 5 MB without).
    - Static symbol tables (.symtab; 4 MB over ICU, OpenBLAS, libpython, numpy, calamine) go from
      shared libraries and Python extensions (``*.so*``) with ``--strip-unneeded``, which keeps
      the dynamic symbols they export. Never from the program itself: PyInstaller's executable
      carries its archive appended after the ELF image, which strip would cut off.

    Libraries that auditwheel vendored (``*.libs/`` folders: numpy's libgfortran and OpenBLAS,
    psycopg's libpq) were rewritten by patchelf, and binutils' strip can lay such a file out so
    the loader refuses it: every stripped file is checked and put back if its segments no longer
    load. Without binutils (no ``strip``) nothing is stripped.
    """
    strip = shutil.which("strip")
    if not strip or not sys.platform.startswith("linux"):
        return 0
    saved = 0
    for path in _elf_files(folder):
        library = ".so" in path.name
        vendored = any(part.endswith(".libs") for part in path.parts)
        if library and _has_symbol_table(path):
            saved += _strip(strip, path, "--strip-unneeded")
        elif not vendored and _has_debug_info(path):
            saved += _strip(strip, path, "--strip-debug")
    return saved


def _needed_versions(path: Path) -> set[bytes]:
    return set(re.findall(rb"OPENSSL_\d+\.\d+\.\d+", path.read_bytes()))


def share_openssl(internal: Path) -> list[str]:
    """Let Python's ssl and hashlib modules use psycopg's OpenSSL instead of a second copy.

    psycopg-binary vendors OpenSSL 3 for libpq (``psycopg_binary.libs/libssl-<hash>.so.3``);
    PyInstaller also bundles the build machine's ``libssl.so.3``/``libcrypto.so.3`` for Python's
    ``_ssl``/``_hashlib`` (python-stdnum imports ssl). Same OpenSSL major version, same ABI: the
    bundle's ``libssl.so.3``/``libcrypto.so.3`` become relative symbolic links to psycopg's copies
    when those define every symbol version the Python modules ask for. Returns the replaced
    names (none when psycopg is absent or its OpenSSL does not fit)."""
    vendored = internal / "psycopg_binary.libs"
    pairs = []
    for stem in ("libssl", "libcrypto"):
        ours = internal / f"{stem}.so.3"
        theirs = sorted(vendored.glob(f"{stem}-*.so.3"))
        if not ours.is_file() or ours.is_symlink() or len(theirs) != 1:
            return []
        pairs.append((ours, theirs[0]))
    users = [p for p in internal.rglob("*") if p.name.startswith(("_ssl.", "_hashlib."))]
    wanted = set().union(*(_needed_versions(p) for p in users)) if users else set()
    offered = set().union(*(_needed_versions(t) for _o, t in pairs))
    if not wanted or not wanted <= offered:
        return []
    for ours, theirs in pairs:
        ours.unlink()
        ours.symlink_to(os.path.relpath(theirs, ours.parent))
    return [o.name for o, _t in pairs]


def glibc_floor(folder: Path) -> str | None:
    """The newest GLIBC symbol version referenced by an ELF file in `folder` (e.g. "2.34")."""
    best: tuple[int, ...] = ()
    for path in _elf_files(folder):
        for match in _GLIBC.finditer(path.read_bytes()):
            version = tuple(int(g) for g in match.groups() if g is not None)
            best = max(best, version)
    return ".".join(map(str, best)) if best else None


def glibcxx_floor(folder: Path) -> int | None:
    """The newest GLIBCXX_3.4.N any bundled ELF file asks for (N), or None."""
    found = [int(m.group(1)) for path in _elf_files(folder)
             for m in _GLIBCXX.finditer(path.read_bytes())]
    return max(found, default=None)


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder, symlinks counted as links."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            total += path.lstat().st_size
            files += 1
    return total, files


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
