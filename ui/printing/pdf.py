"""HTML to an A4 PDF through QTextDocument and QPdfWriter."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from commrel import APP_NAME

# What QTextDocument understands of CSS; shared so the printed forms look alike.
STYLE = """
body { font-size: 10pt; color: #1a1a1a; }
h1 { font-size: 17pt; margin: 0 0 4px 0; }
h2 { font-size: 12pt; margin: 14px 0 4px 0; color: #23395d; }
p { margin: 3px 0; }
table.grid { border-collapse: collapse; }
table.grid th { background: #e8edf4; text-align: left; padding: 3px 6px; font-weight: 600; }
table.grid td { padding: 3px 6px; border-bottom: 1px solid #d6dbe3; }
td.num, th.num { text-align: right; }
table.small td { font-size: 8.5pt; padding: 2px 4px; }
table.small th { font-size: 8pt; padding: 2px 4px; }
table.small td.caption { font-size: 12pt; font-weight: 600; color: #23395d; padding: 14px 0 4px 0; border-bottom: 0; }
.muted { color: #5a5a5a; }
.reference { font-size: 20pt; font-weight: 700; }
"""


def escape(value) -> str:
    return html.escape("" if value is None else str(value))


def write_pdf(body: str, path: str | Path, *, title: str) -> Path:
    """Lay out ``body`` (HTML inside <body>) on A4 with 18 mm margins and write it to ``path``."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    # Laid out on the writer itself, so point sizes are true on paper and nothing is rescaled.
    document.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(f"<html><head><title>{escape(title)}</title></head><body>{body}</body></html>")
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.print_(writer)
    del writer  # the file is finished when the writer goes
    return path
