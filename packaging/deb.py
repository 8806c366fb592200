"""Build the Debian package from the PyInstaller folder (dpkg-deb; no debhelper needed).

    python packaging/deb.py [DIST_FOLDER] [OUT_DIR]      (build.py calls build_deb)

Layout of goosetier_<version>_<arch>.deb:

    /opt/goosetier/                         the one-folder bundle, as built
    /usr/bin/goosetier -> /opt/goosetier/goosetier
    /usr/share/applications/goosetier.desktop
    /usr/share/icons/hicolor/<n>x<n>/apps/goosetier.png, scalable/apps/goosetier.svg
    /usr/share/doc/goosetier/copyright

No maintainer scripts: the program writes nothing under /opt (a frozen Python writes no
bytecode; data lives in each user's home), and the menu and icon caches are refreshed by the
triggers of desktop-file-utils and the icon theme, so ``dpkg -r`` leaves nothing behind and the
user's registry and backups (~/.local/share/GooseTier) are never touched.

Depends is derived from the bundle: every shared library a bundled file needs and the bundle
does not carry must map to a package in SYSTEM_PACKAGES (an unknown one fails the build), and
the libc6 / libstdc++6 floors come from the symbol versions the files ask for.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_tools import (  # noqa: E402
    ELF_MAGIC,
    elf_needed,
    folder_size,
    glibc_floor,
    glibcxx_floor,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "goosetier"
INSTALL_DIR = "/opt/goosetier"
MAINTAINER = "GooseTier maintainers <goosetier@localhost>"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# Provided by glibc itself (libc6).
LIBC = re.compile(r"(libc|libm|libdl|libpthread|librt|libutil|libresolv|libanl|ld-linux.*)"
                  r"\.so(\..*)?")
# soname → (Debian package, required?). Optional ones go to Recommends: the Wayland libraries
# (an X11 desktop does not need them) and OpenGL pieces loaded only by the xcb GL integrations.
SYSTEM_PACKAGES: dict[str, tuple[str, bool]] = {
    "libcups.so.2": ("libcups2 | libcups2t64", True),
    "libstdc++.so.6": ("libstdc++6", True),
    "libgcc_s.so.1": ("libgcc-s1 | libgcc1", True),
    "libexpat.so.1": ("libexpat1", True),
    "libdbus-1.so.3": ("libdbus-1-3", True),
    "libglib-2.0.so.0": ("libglib2.0-0 | libglib2.0-0t64", True),
    "libgthread-2.0.so.0": ("libglib2.0-0 | libglib2.0-0t64", True),
    "libfontconfig.so.1": ("libfontconfig1", True),
    "libfreetype.so.6": ("libfreetype6", True),
    "libz.so.1": ("zlib1g", True),
    "libbz2.so.1.0": ("libbz2-1.0", True),
    "liblzma.so.5": ("liblzma5", True),
    "libzstd.so.1": ("libzstd1", True),
    "libffi.so.8": ("libffi8", True),
    "libuuid.so.1": ("libuuid1", True),
    "libGL.so.1": ("libgl1", True),
    "libEGL.so.1": ("libegl1", True),
    "libOpenGL.so.0": ("libopengl0", True),
    "libGLX.so.0": ("libglx0", True),
    "libdrm.so.2": ("libdrm2", False),
    "libX11.so.6": ("libx11-6", True),
    "libX11-xcb.so.1": ("libx11-xcb1", True),
    "libxcb.so.1": ("libxcb1", True),
    "libxcb-cursor.so.0": ("libxcb-cursor0", True),
    "libxcb-glx.so.0": ("libxcb-glx0", True),
    "libxcb-icccm.so.4": ("libxcb-icccm4", True),
    "libxcb-image.so.0": ("libxcb-image0", True),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", True),
    "libxcb-randr.so.0": ("libxcb-randr0", True),
    "libxcb-render.so.0": ("libxcb-render0", True),
    "libxcb-render-util.so.0": ("libxcb-render-util0", True),
    "libxcb-shape.so.0": ("libxcb-shape0", True),
    "libxcb-shm.so.0": ("libxcb-shm0", True),
    "libxcb-sync.so.1": ("libxcb-sync1", True),
    "libxcb-util.so.1": ("libxcb-util1", True),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", True),
    "libxcb-xkb.so.1": ("libxcb-xkb1", True),
    "libxcb-xinput.so.0": ("libxcb-xinput0", True),
    "libxcb-dri2.so.0": ("libxcb-dri2-0", False),
    "libxcb-dri3.so.0": ("libxcb-dri3-0", False),
    "libxcb-present.so.0": ("libxcb-present0", False),
    "libxkbcommon.so.0": ("libxkbcommon0", True),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", True),
    "libwayland-client.so.0": ("libwayland-client0", False),
    "libwayland-cursor.so.0": ("libwayland-cursor0", False),
    "libwayland-egl.so.1": ("libwayland-egl1", False),
    "libgbm.so.1": ("libgbm1", False),
    "libvulkan.so.1": ("libvulkan1", False),
}
# Not libraries: libfontconfig reads the system's font configuration; a Chinese
# font is needed for the printed sheets (Recommends: UOS and Kylin ship their own font packages).
ALWAYS = ["fontconfig-config"]
FONTS = "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
# GLIBCXX_3.4.N → the GCC release that introduced it (libstdc++6's version is GCC's).
GLIBCXX_GCC = {26: "9", 27: "10", 28: "10", 29: "11", 30: "12", 31: "13", 32: "13.2", 33: "14"}


def debian_arch() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)


def external_libraries(bundle: Path) -> set[str]:
    """Shared libraries needed by bundled ELF files that the bundle does not carry."""
    present = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    needed: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as fh:
                if fh.read(4) != ELF_MAGIC:
                    continue
            needed.update(elf_needed(path) or ())
    return {n for n in needed - present if not n.startswith("libpython")}


def dependencies(bundle: Path) -> tuple[list[str], list[str], list[str]]:
    """(Depends, Recommends, unknown sonames) for the bundle."""
    depends, recommends, unknown = [], [], []
    floor = glibc_floor(bundle)
    depends.append(f"libc6 (>= {floor})" if floor else "libc6")
    for soname in sorted(external_libraries(bundle)):
        if LIBC.fullmatch(soname):
            continue
        if soname not in SYSTEM_PACKAGES:
            unknown.append(soname)
            continue
        package, required = SYSTEM_PACKAGES[soname]
        if soname == "libstdc++.so.6":
            cxx = glibcxx_floor(bundle)
            if cxx and cxx in GLIBCXX_GCC:
                package = f"libstdc++6 (>= {GLIBCXX_GCC[cxx]})"
        target = depends if required else recommends
        if package not in target:
            target.append(package)
    depends += ALWAYS
    recommends.append(FONTS)
    return depends, recommends, unknown


def _control(version: str, arch: str, installed_kb: int, depends: list[str],
             recommends: list[str]) -> str:
    lines = [
        f"Package: {PACKAGE}",
        f"Version: {version}",
        f"Architecture: {arch}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {installed_kb}",
        f"Depends: {', '.join(depends)}",
    ]
    if recommends:
        lines.append(f"Recommends: {', '.join(recommends)}")
    lines += [
        "Section: misc",
        "Priority: optional",
        "Description: GooseTier 雁阵梯度培育台账 - registry of cultivated enterprises",
        " A desktop registry for district officers who grow local enterprises up the",
        " \"wild goose formation\" tiers: yearly Excel rosters in, counts against the",
        " plan's targets out, printed summary sheets for meetings.",
        " .",
        " Installs to /opt/goosetier; `goosetier` on the PATH (sub-commands for scripts,",
        " none opens the window). Each user's registry and backups stay in their home",
        " folder and are kept when the package is removed.",
    ]
    return "\n".join(lines) + "\n"


COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: GooseTier

Files: *
License: MIT (GooseTier); bundled third-party components keep their own licences
 (Python: PSF; Qt and PySide6: LGPL-3.0; SQLAlchemy, Alembic, openpyxl, pyqtgraph: MIT;
 numpy: BSD-3-Clause; rapidfuzz: MIT; python-stdnum: LGPL-2.1+; psycopg: LGPL-3.0).
"""


def stage(bundle: Path, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    opt = root / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"{INSTALL_DIR}/goosetier", root / "usr" / "bin" / "goosetier")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / "linux" / "goosetier.desktop", apps / "goosetier.desktop")
    icons = ROOT / "resources" / "icons"
    theme = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        dest = theme / f"{size}x{size}" / "apps"
        dest.mkdir(parents=True)
        shutil.copy2(icons / f"goosetier-{size}.png", dest / "goosetier.png")
    (theme / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(icons / "goosetier.svg", theme / "scalable" / "apps" / "goosetier.svg")
    doc = root / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    for path in [root, *root.rglob("*")]:  # what dpkg installs: root-owned, no group writes
        if not path.is_symlink():
            mode = 0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644
            path.chmod(mode)


def build_deb(bundle: Path, out_dir: Path, version: str, work: Path | None = None,
              compression: str = "xz") -> Path:
    """Stage and pack the .deb; `compression` xz (smallest) or gzip (several times faster)."""
    arch = debian_arch()
    work = work or ROOT / "build" / "deb"
    root = work / f"{PACKAGE}_{version}_{arch}"
    stage(bundle, root)
    depends, recommends, unknown = dependencies(root / INSTALL_DIR.lstrip("/"))
    if unknown:
        raise SystemExit("deb: the bundle needs system libraries with no known package: "
                         + ", ".join(unknown) + " (add them to SYSTEM_PACKAGES in "
                         "packaging/deb.py, or bundle them)")
    size, _files = folder_size(root)
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        _control(version, arch, size // 1024, depends, recommends), encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    env = dict(os.environ)
    # Equal timestamps for every file (goosetier.gui.i18n wants each .qm no older than its .ts)
    env.setdefault("SOURCE_DATE_EPOCH", str(int(os.stat(bundle).st_mtime)))
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root),
                    str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from goosetier import __version__

    bundle = Path(argv[0]) if argv else ROOT / "dist" / "goosetier"
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "dist"
    out = build_deb(bundle, out_dir, __version__)
    print(f"deb: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
