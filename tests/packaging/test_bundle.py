"""The installable build, end to end (slow: PyInstaller takes minutes; CI runs it).

Builds the one-folder bundle and the .deb with packaging/build.py into build/test-bundle/ (not
dist/, so a developer's own build is left alone), then checks what the folder holds and leaves
out, runs the frozen program's --version and self-test, installs the .deb into a scratch root
(dpkg -x, and dpkg --root for install and remove) and runs the installed command's self-test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goosetier import __version__

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "test-bundle"
LINUX = sys.platform.startswith("linux")
EXE = "goosetier.exe" if sys.platform == "win32" else "goosetier"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not LINUX and sys.platform != "win32", reason="Linux and Windows builds"),
]


def _pyinstaller_or_fail() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is missing in CI: the test extra must pull in '.[package]'")
        pytest.skip("PyInstaller not installed (pip install -e '.[package]')")


@pytest.fixture(scope="module")
def build_lock():
    """One build at a time in build/test-bundle: several test runs on one machine (developers
    running the suite side by side) would otherwise delete each other's folder mid-test."""
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / ".lock", "w") as lock:
        try:
            import fcntl
        except ImportError:  # Windows: runs are not shared there
            yield
            return
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def build(build_lock):
    _pyinstaller_or_fail()
    dist = WORK / "dist"
    if dist.exists():
        shutil.rmtree(dist)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--deb-compression", "gzip",
         "--dist", str(dist), "--work", str(WORK / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=3600)
    print(proc.stdout)  # the size/time report lands in the test log
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    report = json.loads((WORK / "work" / "bundle-report.json").read_text(encoding="utf-8"))
    return dist / "goosetier", report, proc.stdout


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH",
                        "VIRTUAL_ENV", "QT_PLUGIN_PATH", "LD_LIBRARY_PATH")}
    env["GOOSETIER_HOME"] = str(home)
    return env


def _selftest(exe: Path, home: Path) -> dict:
    proc = subprocess.run([str(exe), "selftest", "--json"], env=_env(home),
                          capture_output=True, text=True, timeout=600)
    assert proc.stdout.startswith("{"), proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    failed = [f"{c['id']}: {c['detail']}" for c in report["checks"] if not c["ok"]]
    assert proc.returncode == 0 and not failed, "\n".join(failed) + proc.stderr
    translations = next(c for c in report["checks"] if c["id"] == "translations")
    assert ".qm" in translations["detail"]  # the compiled catalogue, not the .ts fallback
    return report


def test_build_reports_size_and_time(build):
    bundle, report, stdout = build
    assert report["version"] == __version__
    assert re.search(r"bundle .*: [\d.]+ MB unpacked, \d+ files, built in \d+ s", stdout)
    # The 150 MB target (Linux; see packaging/README.md, 'Size'), which needs binutils' strip
    # for the debug sections and symbol tables; without it, a guard against a Qt module or
    # plugin set slipping back in (QML alone is ~60 MB).
    # Measured 148.7 MB; the guard allows 5 MB of drift from a dependency's patch release
    # (pip takes the newest) so CI is not red over it — the build's own report says "above
    # the 150 MB target" when that happens.
    if LINUX and shutil.which("strip"):
        assert report["bytes"] < 155_000_000
    else:
        assert report["bytes"] < 260_000_000
    if LINUX:
        assert re.fullmatch(r"2\.\d+", report["glibc"])
        assert "deb" in report


def _qt(bundle: Path) -> Path:
    """PySide6's Qt folder: PySide6/Qt on Linux, PySide6 itself on Windows."""
    pyside = bundle / "_internal" / "PySide6"
    return pyside / "Qt" if (pyside / "Qt").is_dir() else pyside


def test_bundle_holds_what_the_program_needs(build):
    bundle, _report, _out = build
    internal = bundle / "_internal"
    qt = _qt(bundle)
    assert (bundle / EXE).is_file()
    if sys.platform == "win32":
        assert (bundle / "GooseTierApp.exe").is_file()  # windowed: no console flashes up
    # Alembic reads these from disk, so they must be files, not only in the archive
    assert (internal / "goosetier" / "store" / "migrations" / "env.py").is_file()
    assert list((internal / "goosetier" / "store" / "migrations" / "versions").glob("0*.py"))
    resources = internal / "goosetier" / "resources"
    for name in ("catalog.toml", "plans.toml", "icons/goosetier.svg", "icons/goosetier-256.png"):
        assert (resources / name).is_file(), name
    for ts in (ROOT / "resources" / "i18n").glob("*.ts"):
        qm = resources / "i18n" / f"{ts.stem}.qm"
        assert qm.is_file() and qm.stat().st_mtime >= (resources / "i18n" / ts.name).stat().st_mtime
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    plugins = {p.relative_to(qt / "plugins").as_posix().split(".")[0]
               for p in (qt / "plugins").rglob("*") if p.is_file()}
    if LINUX:
        for needed in ("platforms/libqxcb", "platforms/libqwayland", "platforms/libqoffscreen",
                       "printsupport/libcupsprintersupport", "imageformats/libqsvg",
                       "imageformats/libqjpeg", "iconengines/libqsvgicon",
                       "platforminputcontexts/libibusplatforminputcontextplugin"):
            assert needed in plugins, needed


@pytest.mark.skipif(not LINUX, reason="ELF")
def test_every_bundled_library_still_loads(build):
    """Stripping must not leave a file the loader refuses (patchelf'd wheels' libraries)."""
    sys.path.insert(0, str(ROOT / "packaging"))
    from bundle_tools import ELF_MAGIC, loadable_segments

    elf = [p for p in build[0].rglob("*") if p.is_file() and not p.is_symlink()
           and p.read_bytes()[:4] == ELF_MAGIC]
    assert len(elf) > 100
    assert [p for p in elf if not loadable_segments(p)] == []
    assert not list(build[0].rglob("*.unstripped"))


def test_bundle_leaves_out_what_the_program_does_not_use(build):
    bundle, _report, _out = build
    qt = _qt(bundle)
    names = [p.name for p in bundle.rglob("*")]
    unwanted = re.compile(r"Qt6?(Qml|Quick|WebEngine|3D|Multimedia|Pdf|VirtualKeyboard|Designer)",
                          re.I)
    assert not [n for n in names if unwanted.search(n)]
    translations = [p.name for p in (qt / "translations").glob("*.qm")]
    assert translations and all("_zh_CN" in n for n in translations), translations
    for folder in ("qmltooling", "sqldrivers", "egldeviceintegrations", "designer", "tls"):
        assert not (qt / "plugins" / folder).exists(), folder
    internal = bundle / "_internal"
    # Qt's OpenGL bindings (a stand-in answers pyqtgraph's import), numpy's unused parts,
    # python-stdnum's other countries' registries, image formats nothing reads
    assert not list((internal / "PySide6").glob("QtOpenGL.*"))
    assert list((internal / "PySide6").glob("QtOpenGLWidgets.*"))  # pyqtgraph subclasses it
    for gone in ("numpy/random", "numpy/fft", "numpy/f2py", "numpy/testing", "stdnum/oui.dat"):
        assert not (internal / gone).exists(), gone
    assert (internal / "stdnum" / "cn" / "loc.dat").is_file()
    assert not list((qt / "plugins" / "imageformats").glob("*qwebp*"))
    if LINUX:
        # ICU's data for root, zh and en only (packaging/icu_data.py): 32 MB → ~5 MB
        icudata = [p for p in (qt / "lib").glob("libicudata.so.*") if not p.is_symlink()]
        assert icudata and all(p.stat().st_size < 10_000_000 for p in icudata)
        # one OpenSSL (psycopg's) for libpq and Python's ssl/hashlib
        if (internal / "psycopg_binary.libs").is_dir():
            for name in ("libssl.so.3", "libcrypto.so.3"):
                link = internal / name
                assert link.is_symlink() and link.resolve().is_file(), name


def test_frozen_version_and_selftest(build, tmp_path):
    bundle, _report, _out = build
    proc = subprocess.run([str(bundle / EXE), "--version"], capture_output=True, text=True,
                          timeout=120, env=_env(tmp_path))
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"GooseTier {__version__}"
    report = _selftest(bundle / EXE, tmp_path)
    program = next(c for c in report["checks"] if c["id"] == "program")
    assert __version__ in program["detail"] and str(bundle) in program["detail"]
    assert not list((bundle / "_internal").rglob("__pycache__"))  # writes nothing beside itself


@pytest.mark.skipif(not LINUX or not shutil.which("dpkg-deb"), reason="Debian package")
def test_deb_installs_runs_and_removes_cleanly(build, tmp_path):
    bundle, report, _out = build
    deb = Path(report["deb"]["path"])
    assert re.fullmatch(rf"goosetier_{re.escape(__version__)}_[a-z0-9]+\.deb", deb.name)
    info = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True,
                          check=True).stdout
    fields = dict(re.findall(r"^([\w-]+): (.*)$", info, re.M))
    assert fields["Package"] == "goosetier" and fields["Version"] == __version__
    assert fields["Depends"].startswith(f"libc6 (>= {report['glibc']})")
    for package in ("libcups2", "libxcb-cursor0", "libxkbcommon-x11-0", "libegl1"):
        assert package in fields["Depends"], package

    # unpacked into a scratch root: the installed command runs from there
    root = tmp_path / "root"
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    link = root / "usr" / "bin" / "goosetier"
    assert link.is_symlink() and os.readlink(link) == "/opt/goosetier/goosetier"
    desktop = (root / "usr" / "share" / "applications" / "goosetier.desktop").read_text("utf-8")
    assert "Exec=goosetier\n" in desktop and "Icon=goosetier\n" in desktop
    assert "MimeType" not in desktop  # associated with no file type
    for size in (16, 32, 48, 128, 256):
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/goosetier.png").is_file()
    installed = root / "opt" / "goosetier" / "goosetier"
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    version = subprocess.run([str(installed), "--version"], capture_output=True, text=True,
                             env=_env(tmp_path / "home"), timeout=120)
    assert version.stdout.strip() == f"GooseTier {__version__}"
    _selftest(installed, tmp_path / "home")
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # nothing written

    # installed and removed by dpkg itself: nothing is left behind
    target = tmp_path / "dpkg-root"
    admin = target / "var" / "lib" / "dpkg"
    for sub in ("info", "updates", "triggers"):
        (admin / sub).mkdir(parents=True)
    (admin / "status").touch()
    (admin / "available").touch()
    dpkg = ["dpkg", f"--root={target}", "--force-not-root", "--force-depends",
            "--force-script-chrootless"]
    for action in (["-i", str(deb)], ["-r", "goosetier"]):
        proc = subprocess.run([*dpkg, *action], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        if action[0] == "-i":
            assert (target / "opt" / "goosetier" / "goosetier").is_file()
    left = [p for p in target.rglob("*") if admin not in (p, *p.parents)
            and p not in (target / "var", target / "var" / "lib")]
    assert left == []
