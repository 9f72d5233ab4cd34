"""PDF reader (pdfplumber): the text layer in reading order, tables as rows.

Ruled tables become pipe tables with merged cells repeated; the text around
them comes line by line, top to bottom, with a blank line where the vertical
gap says a paragraph ends; bare page numbers at the top or bottom of a page
are dropped. A PDF without a text layer is a scan: an error, not empty output.
"""

from __future__ import annotations

import io
import re
import statistics
from typing import Any

from pipeline.errors import InputError
from pipeline.io.base import RawDocument, finish_extracted_text, markdown_table

_PAGE_NUMBER = re.compile(r"^\W*(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?\W*$", re.IGNORECASE)


def read_pdf(data: bytes) -> RawDocument:
    """A PDF's text layer in reading order, ruled tables as pipe tables."""
    import pdfplumber

    warnings: list[str] = []
    pages: list[str] = []
    dropped = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                lines, n = _page_blocks(page)
                dropped += n
                pages.append("\n".join(lines))
                page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError("the PDF is encrypted; save an unprotected copy") from exc
        raise InputError(f"not a readable PDF ({name}: {exc})") from exc
    text = "\n".join(pages)
    if len(text.strip()) < 20:
        raise InputError("the PDF has no text layer (a scanned image?); run OCR on it first")
    if dropped:
        warnings.append(f"pdf: {dropped} page-number line(s) dropped")
    return finish_extracted_text(text, "pdf", warnings)


def _page_blocks(page: Any) -> tuple[list[str], int]:
    """Text lines and tables of one page, ordered top to bottom."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = [ln for ln in text_page.extract_text_lines(strip=True, return_chars=False) if ln["text"].strip()]
    dropped = 0
    while lines and _PAGE_NUMBER.match(lines[-1]["text"]):
        lines.pop()
        dropped += 1
    if lines and _PAGE_NUMBER.match(lines[0]["text"]):
        lines.pop(0)
        dropped += 1
    heights = [ln["bottom"] - ln["top"] for ln in lines]
    gap_limit = 1.6 * (statistics.median(heights) if heights else 12.0)
    items: list[tuple[float, str]] = []
    prev_bottom: float | None = None
    for ln in lines:
        if prev_bottom is not None and ln["top"] - prev_bottom > gap_limit - (ln["bottom"] - ln["top"]):
            items.append((ln["top"] - 0.01, ""))  # a paragraph gap
        items.append((ln["top"], ln["text"]))
        prev_bottom = ln["bottom"]
    for table in tables:
        rows = _pdf_table_rows(table)
        if rows:
            items.append((table.bbox[1], "\n" + markdown_table(rows) + "\n"))
    items.sort(key=lambda it: it[0])
    return [text for _, text in items], dropped


def _pdf_table_rows(table: Any) -> list[list[str]]:
    """Cell texts, with merged cells repeated into every grid position they cover."""
    grid = table.extract()
    cells = [row.cells for row in table.rows]
    col_x = {}
    for row in cells:
        for c, box in enumerate(row):
            if box is not None:
                col_x.setdefault(c, box[0])
    out: list[list[str]] = []
    for r, row in enumerate(grid):
        values: list[str] = []
        for c, value in enumerate(row):
            if value is None:
                value = ""
                left = next((k for k in range(c - 1, -1, -1) if cells[r][k] is not None), None)
                if left is not None and cells[r][left][2] > col_x.get(c, 1e9) + 1:
                    value = values[left]
                elif r > 0:
                    above = next((k for k in range(r - 1, -1, -1) if cells[k][c] is not None), None)
                    row_top = next((b[1] for b in cells[r] if b is not None), None)
                    if above is not None and row_top is not None and cells[above][c][3] > row_top + 1:
                        value = out[above][c]
            values.append(" ".join((value or "").split()))
        out.append(values)
    return [row for row in out if any(row)]
