"""Build GooseTier for the machine this runs on: the one-folder bundle, then its installer.

    .venv/bin/python packaging/build.py [--no-installer] [--clean] [--max-mb N]

1. compiles resources/i18n/*.ts to .qm (pyside6-lrelease) into build/i18n/;
2. runs PyInstaller on packaging/goosetier.spec → dist/goosetier/ (work files and PyInstaller's
   cache stay in build/; nothing is cached outside the checkout);
3. reports the folder's size, file count, build time and (Linux) the oldest glibc it runs on,
   also as build/bundle-report.json;
4. Linux: packaging/deb.py → dist/goosetier_<version>_<arch>.deb.
   Windows: Inno Setup's ISCC.exe (if on PATH or in its usual folder) compiles
   packaging/windows/goosetier.iss → dist/GooseTier-<version>-setup.exe.

The version comes from goosetier/__init__.py and nowhere else.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT))

from bundle_tools import folder_size, glibc_floor, mb  # noqa: E402

from goosetier import __version__  # noqa: E402

BUILD = ROOT / "build"
DIST = ROOT / "dist"
TARGET_MB = 150  # unpacked, Linux


def say(text: str) -> None:
    print(f"build: {text}", flush=True)


def lrelease() -> list[str] | None:
    import PySide6

    here = Path(PySide6.__file__).parent
    for candidate in (here / "lrelease", here / "lrelease.exe",
                      Path(sys.executable).parent / "pyside6-lrelease",
                      Path(sys.executable).parent / "pyside6-lrelease.exe"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    return [found] if found else None


def compile_translations() -> Path:
    out = BUILD / "i18n"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    sources = sorted((ROOT / "resources" / "i18n").glob("*.ts"))
    if not sources:
        say("no resources/i18n/*.ts to compile")
        return out
    tool = lrelease()
    if tool is None:
        raise SystemExit("build: pyside6-lrelease not found (it comes with PySide6)")
    for ts in sources:
        subprocess.run([*tool, "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")],
                       check=True)
    say(f"translations: {', '.join(p.name for p in out.glob('*.qm'))}")
    return out


def run_pyinstaller(clean: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("build: PyInstaller is missing; install it with "
                         "`.venv/bin/pip install -e '.[package]'` (make package does)") from None
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(BUILD / "pyinstaller-cache"),
               GOOSETIER_BUILT_I18N=str(BUILD / "i18n"))
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
               str(ROOT / "packaging" / "goosetier.spec")]
    if clean:
        command.insert(3, "--clean")
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def report(seconds: float) -> dict:
    bundle = DIST / "goosetier"
    size, files = folder_size(bundle)
    info = {"version": __version__, "platform": sys.platform, "bundle": str(bundle),
            "bytes": size, "files": files, "seconds": round(seconds, 1),
            "target_mb": TARGET_MB}
    line = f"bundle {bundle}: {mb(size)} unpacked, {files} files, built in {seconds:.0f} s"
    if sys.platform.startswith("linux"):
        info["glibc"] = glibc_floor(bundle)
        line += f"; runs on glibc >= {info['glibc']}"
    say(line)
    if size > TARGET_MB * 1_000_000:
        say(f"note: above the {TARGET_MB} MB target (see packaging/README.md, 'Size')")
    return info


def find_iscc() -> str | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base:
            candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
            if candidate.exists():
                return str(candidate)
    return None


def build_installer(info: dict, compression: str) -> None:
    if sys.platform.startswith("linux"):
        if not shutil.which("dpkg-deb"):
            say("dpkg-deb not found: no .deb built (apt-get install dpkg)")
            return
        from deb import build_deb

        started = time.monotonic()
        out = build_deb(DIST / "goosetier", DIST, __version__, BUILD / "deb", compression)
        info["deb"] = {"path": str(out), "bytes": out.stat().st_size}
        say(f"deb {out}: {mb(out.stat().st_size)} ({time.monotonic() - started:.0f} s)")
    elif sys.platform == "win32":
        iscc = find_iscc()
        if iscc is None:
            say("Inno Setup (ISCC.exe) not found: no installer built; see packaging/README.md")
            return
        subprocess.run([iscc, "/Q", f"/O{DIST}", f"/DBundleDir={DIST / 'goosetier'}",
                        str(ROOT / "packaging" / "windows" / "goosetier.iss")], check=True)
        say(f"installer: {DIST / f'GooseTier-{__version__}-setup.exe'}")


def main(argv: list[str] | None = None) -> int:
    global DIST, BUILD
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-installer", action="store_true", help="the folder only")
    parser.add_argument("--clean", action="store_true", help="rebuild PyInstaller's caches")
    parser.add_argument("--max-mb", type=float, help="fail when the folder is bigger")
    parser.add_argument("--deb-compression", choices=["xz", "gzip"], default="xz",
                        help="xz: smallest .deb (default); gzip: several times faster to build")
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=BUILD,
                        help="work folder for PyInstaller, caches and the report (default build/)")
    args = parser.parse_args(argv)
    DIST, BUILD = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()
    say(f"GooseTier {__version__} for {sys.platform} {platform.machine()}")
    compile_translations()
    run_pyinstaller(args.clean)
    info = report(time.monotonic() - started)
    if not args.no_installer:
        build_installer(info, args.deb_compression)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bundle-report.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    if args.max_mb and info["bytes"] > args.max_mb * 1_000_000:
        say(f"FAIL: {mb(info['bytes'])} is above --max-mb {args.max_mb}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
