"""Render the app icon: resources/icons/goosetier.svg → goosetier-<size>.png and goosetier.ico.

    .venv/bin/python packaging/make_icons.py        (or: make icons)

Sizes of 32 px and below come from goosetier-small.svg, a simpler drawing (five dots) that stays
legible where the chevrons of the full drawing would blur. The .ico holds every size as PNG
entries (Windows Vista and later read them); the PNGs also go into the Linux icon theme
(/usr/share/icons/hicolor/<size>x<size>/apps/goosetier.png) by the .deb. Run it after changing an
SVG and commit the results: the build does not need Qt's SVG renderer.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL = 32  # at and below this size, the simplified drawing


def render(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file whose entries are PNG images (ICONDIR + ICONDIRENTRY + data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs = {}
    for size in SIZES:
        svg = ICONS / ("goosetier-small.svg" if size <= SMALL else "goosetier.svg")
        pngs[size] = render(svg, size)
        (ICONS / f"goosetier-{size}.png").write_bytes(pngs[size])
    (ICONS / "goosetier.ico").write_bytes(ico(pngs))
    del app
    total = sum(p.stat().st_size for p in ICONS.glob("goosetier*"))
    print(f"make_icons: {len(SIZES)} PNGs and goosetier.ico in {ICONS} ({total // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
