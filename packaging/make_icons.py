"""Render the app icon from its SVG into the PNG, .ico and .icns files the packages need.

    python packaging/make_icons.py                 # writes into resources/icons/
    python packaging/make_icons.py --preview sheet.png

The SVG is drawn with Qt's own renderer (offscreen, no display needed), so what the
installers show is what the running app shows. Sizes of 32 px and below are drawn from
``commrel-small.svg`` when it exists: a simplified mark that stays legible at tray and
title-bar sizes. Pillow (in the ``package`` extra) writes the .ico and .icns containers.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
SMALL_LIMIT = 32
# macOS draws Dock and Finder icons on a 1024 grid whose tile is 824 wide; our tile fills
# 480/512 of the SVG, so the .icns images are scaled down to leave Apple's margin.
MAC_SCALE = (824 / 1024) / (480 / 512)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def render_qimage(svg: Path, size: int, scale: float = 1.0):
    """The SVG drawn by Qt into a transparent ``size``×``size`` QImage, centred at ``scale``."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    side = size * scale
    renderer.render(painter, QRectF((size - side) / 2, (size - side) / 2, side, side))
    painter.end()
    return image


def render(svg: Path, size: int, scale: float = 1.0):
    """:func:`render_qimage` as a Pillow image, ready for the .ico and .icns writers."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    image = render_qimage(svg, size, scale)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def source_for(size: int, svg: Path) -> Path:
    small = svg.with_name(svg.stem + "-small.svg")
    return small if size <= SMALL_LIMIT and small.exists() else svg


def build(svg: Path, out: Path) -> list[Path]:
    """Write commrel-<size>.png, commrel.ico and commrel.icns into ``out``; return them."""
    _app()
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {size: render(source_for(size, svg), size) for size in sizes}
    written = []
    for size in PNG_SIZES:
        target = out / f"{svg.stem}-{size}.png"
        images[size].save(target, optimize=True)
        written.append(target)

    ico = out / f"{svg.stem}.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    written.append(ico)

    icns = out / f"{svg.stem}.icns"
    mac = {size: render(source_for(size, svg), size, MAC_SCALE) for size in ICNS_SIZES}
    mac[max(ICNS_SIZES)].save(icns, format="ICNS", append_images=list(mac.values()))
    written.append(icns)
    return written


def preview(svg: Path, target: Path) -> None:
    """A review sheet: every size at 1:1 on light and dark, then the small ones enlarged."""
    from PIL import Image

    _app()
    shown = (16, 24, 32, 48, 64, 128, 256)
    zoomed = (16, 24, 32)
    pad = 16
    width = sum(shown) + pad * (len(shown) + 1)
    zoom_row = max(zoomed) * 6 + pad * 2
    height = (max(shown) + pad * 2) * 2 + zoom_row
    sheet = Image.new("RGBA", (width, height), "#FFFFFF")
    sheet.paste(Image.new("RGBA", (width, max(shown) + pad * 2), "#2B2B2B"), (0, max(shown) + pad * 2))
    x = pad
    for size in shown:
        icon = render(source_for(size, svg), size)
        for row in range(2):
            y = pad + row * (max(shown) + pad * 2) + (max(shown) - size) // 2
            sheet.alpha_composite(icon, (x, y))
        x += size + pad
    x = pad
    for size in zoomed:
        icon = render(source_for(size, svg), size).resize((size * 6, size * 6), Image.Resampling.NEAREST)
        sheet.alpha_composite(icon, (x, (max(shown) + pad * 2) * 2 + pad))
        x += size * 6 + pad
    sheet.save(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS / "commrel.svg")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for the generated files")
    parser.add_argument("--preview", type=Path, metavar="PNG", help="write a review sheet instead")
    args = parser.parse_args(argv)
    if args.preview:
        preview(args.svg, args.preview)
        print(f"preview: {args.preview}")
        return 0
    for path in build(args.svg, args.out):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
