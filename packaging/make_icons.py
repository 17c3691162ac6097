"""Render GenStudio's icon from ``resources/icons/genstudio.svg``.

Writes the PNG sizes a desktop needs into ``resources/icons/`` (committed), and with
``--ico``/``--icns`` the Windows and macOS icon files (made at build time; both
formats simply hold PNGs, so no imaging library is needed).
Run from the repository root: ``python packaging/make_icons.py [--ico F] [--icns F]``.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "genstudio.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512}


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def write_ico(path: Path) -> None:
    images = [render(size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, png in zip(ICO_SIZES, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    path.write_bytes(header + entries + b"".join(images))


def write_icns(path: Path) -> None:
    body = b""
    for kind, size in ICNS_TYPES.items():
        png = render(size)
        body += kind + struct.pack(">I", len(png) + 8) + png
    path.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ico", type=Path)
    parser.add_argument("--icns", type=Path)
    parser.add_argument("--no-png", action="store_true", help="leave resources/icons alone")
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841
    if not args.no_png:
        for size in PNG_SIZES:
            (SVG.parent / f"genstudio-{size}.png").write_bytes(render(size))
    if args.ico:
        write_ico(args.ico)
    if args.icns:
        write_icns(args.icns)


if __name__ == "__main__":
    main()
